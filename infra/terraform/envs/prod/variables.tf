# The inputs `strata synth` writes to strata.auto.tfvars.json from the platform definition
# (platform/index.ts), one variable per key; edit the definition, not that file.
# modules/platform-inputs gives them their types and validates them, once for every root.

variable "platform_name" {
  description = "Name of the platform (`platform.name` in the definition); prefixes bucket and role names."
  type        = string
}

variable "environment" {
  description = "Environment these inputs were written for; this root builds prod."
  type        = string

  validation {
    condition     = var.environment == "prod"
    error_message = "environment must be \"prod\": this folder builds the prod environment, so its strata.auto.tfvars.json must be the one strata synth wrote for prod."
  }
}

variable "domain" {
  description = "Base DNS domain of the platform (`platform.domain`): the public hosted zone external-dns writes to."
  type        = string
}

variable "gitops" {
  description = "Repository Argo CD syncs from (`platform.repo`): repo_url, revision, and the path of the rendered tree inside it."
  type        = any
}

variable "clusters" {
  description = "Clusters of the environment by name, each with provider, region and node_pools; every one must be an EKS cluster with at least one node pool."
  type        = any
}
