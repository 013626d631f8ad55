# Inputs written by `strata synth` to strata.auto.tfvars.json from the platform definition
# (platform/index.ts); edit the definition, not that file.

variable "platform_name" {
  description = "Name of the platform (`platform.name` in the definition)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.platform_name))
    error_message = "platform_name must be 1 to 20 lowercase letters, digits and '-', starting with a letter."
  }
}

variable "environment" {
  description = "Environment these inputs were written for; this root builds dev."
  type        = string

  validation {
    condition     = var.environment == "dev"
    error_message = "environment must be \"dev\": this folder builds the dev environment, so its strata.auto.tfvars.json must be the one strata synth wrote for dev."
  }
}

variable "domain" {
  description = "Base DNS domain of the platform (`platform.domain`)."
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
  description = "Clusters of the environment by name, with their provider, region and node pools; dev has one kind cluster."
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
    condition     = length(var.clusters) == 1 && alltrue([for c in values(var.clusters) : c.provider == "kind"])
    error_message = "dev must have exactly one cluster, with provider \"kind\" (e.g. dev-local); EKS clusters belong to stage or prod."
  }

  validation {
    condition     = alltrue([for name in keys(var.clusters) : can(regex("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$", name))])
    error_message = "Cluster names must be DNS labels of at most 50 characters (e.g. \"dev-local\")."
  }
}
