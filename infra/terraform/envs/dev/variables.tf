# The inputs `strata synth` writes to strata.auto.tfvars.json from the platform definition
# (platform/index.ts), one variable per key; edit the definition, not that file.
# modules/platform-inputs gives them their types and validates them, once for every root.

variable "platform_name" {
  description = "Name of the platform (`platform.name` in the definition)."
  type        = string
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
}

variable "gitops" {
  description = "Repository Argo CD syncs from (`platform.repo`): repo_url, revision, and the path of the rendered tree inside it."
  type        = any
}

variable "clusters" {
  description = "Clusters of the environment by name, each with provider, region and node_pools; dev has exactly one, a kind cluster."
  type        = any

  validation {
    condition     = length(var.clusters) == 1
    error_message = "dev must have exactly one cluster, with provider \"kind\" (e.g. dev-local); EKS clusters belong to stage or prod."
  }
}
