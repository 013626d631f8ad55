# Inputs written by `strata synth` to strata.auto.tfvars.json from the platform definition
# (platform/index.ts); edit the definition, not that file.

variable "platform_name" {
  description = "Name of the platform (`platform.name` in the definition); prefixes bucket and role names."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.platform_name))
    error_message = "platform_name must be 1 to 20 lowercase letters, digits and '-', starting with a letter."
  }
}

variable "environment" {
  description = "Environment these inputs were written for; this root builds stage."
  type        = string

  validation {
    condition     = var.environment == "stage"
    error_message = "environment must be \"stage\": this folder builds the stage environment, so its strata.auto.tfvars.json must be the one strata synth wrote for stage."
  }
}

variable "domain" {
  description = "Base DNS domain of the platform (`platform.domain`): the public hosted zone external-dns writes to."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain))
    error_message = "domain must be a lowercase domain name without a trailing dot, e.g. \"strata.example.com\"."
  }
}

variable "gitops" {
  description = "Repository Argo CD syncs from: URL, revision, and the path of the rendered tree inside it (`platform.repo`)."
  type = object({
    repo_url = string
    revision = string
    path     = string
  })

  validation {
    condition     = can(regex("^(https://|ssh://|git@)", var.gitops.repo_url))
    error_message = "gitops.repo_url must be an https://, ssh:// or git@ URL of a Git repository."
  }

  validation {
    condition     = var.gitops.revision != "" && var.gitops.path != "" && !startswith(var.gitops.path, "/") && !strcontains(var.gitops.path, "..")
    error_message = "gitops.revision must not be empty, and gitops.path must be a path inside the repository (e.g. \"deploy\")."
  }
}

variable "clusters" {
  description = "EKS clusters of the environment by name, with their AWS Region and node pools."
  type = map(object({
    provider = string
    region   = string
    node_pools = map(object({
      instance_type = string
      min_size      = number
      max_size      = number
      spot          = optional(bool, false)
    }))
  }))

  validation {
    condition     = length(var.clusters) > 0 && alltrue([for c in values(var.clusters) : c.provider == "eks"])
    error_message = "stage needs at least one cluster, and every cluster must have provider \"eks\" (kind clusters belong to dev)."
  }

  validation {
    condition     = alltrue([for name in keys(var.clusters) : can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", name))])
    error_message = "Cluster names must be 2 to 32 lowercase letters, digits and '-', starting with a letter (e.g. \"prod-eu\")."
  }

  validation {
    condition     = alltrue([for c in values(var.clusters) : length(c.node_pools) > 0])
    error_message = "Every EKS cluster needs at least one node pool (nodePools in the definition)."
  }
}

# Settings of this root that the platform definition does not carry.

variable "aws_region" {
  description = "Default Region of the AWS provider: where account-wide calls go. Every cluster and its buckets live in the cluster's own region."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS Region code such as \"eu-west-1\"."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of every EKS cluster of the environment."
  type        = string
  default     = "1.33"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must be a Kubernetes minor version such as \"1.33\"."
  }
}

variable "single_nat_gateway" {
  description = "Route each VPC's private subnets through one NAT gateway instead of one per availability zone (cheaper, but egress then depends on one zone)."
  type        = bool
  default     = true
}

variable "create_dns_zone" {
  description = "Create the public hosted zone of `domain`. One environment owns it (prod by default); the others look it up and add their records (e.g. shop.stage.<domain>) to it, so apply the owner first."
  type        = bool
  default     = false
}

variable "cluster_admin_principal_arns" {
  description = "IAM roles or users with cluster-admin access to every cluster, besides the identity that runs Terraform (e.g. the platform team's SSO role)."
  type        = list(string)
  default     = []
}
