variable "inputs" {
  description = "The environment's inputs as `strata synth` writes them to its strata.auto.tfvars.json (platform_name, environment, domain, gitops, clusters). platform-inputs types and validates them: every cluster must be an EKS cluster with at least one node pool."
  type        = any
}

variable "repository_root" {
  description = "Path of the repository's root folder, absolute or relative to the working directory; the rendered tree the inputs are checked against (`gitops.path`) is relative to it."
  type        = string
}

variable "create_dns_zone" {
  description = "Create the public hosted zone of the platform's domain. One environment owns it (the reference platform's prod); the others look it up and add their records (e.g. shop.stage.<domain>) to it, so apply the owner first."
  type        = bool
}

variable "single_nat_gateway" {
  description = "Route each VPC's private subnets through one NAT gateway instead of one per availability zone (cheaper, but egress then depends on one zone)."
  type        = bool
  default     = false
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

variable "cluster_admin_principal_arns" {
  description = "IAM roles or users with cluster-admin access to every cluster, besides the identity that runs Terraform (e.g. the platform team's SSO role)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.cluster_admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", arn))])
    error_message = "Every cluster_admin_principal_arns entry must be an IAM role or user ARN, e.g. \"arn:aws:iam::123456789012:role/platform-admin\"."
  }
}
