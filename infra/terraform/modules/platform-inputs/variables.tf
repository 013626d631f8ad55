variable "inputs" {
  description = "The inputs `strata synth` writes to an environment's strata.auto.tfvars.json from the platform definition (platform/index.ts): the platform's name and base domain, the environment they were written for, the repository Argo CD syncs (`gitops`: URL, revision, and the path of the rendered tree inside it), and the environment's clusters by name with their provider, AWS Region and node pools."
  type = object({
    platform_name = string
    environment   = string
    domain        = string
    gitops = object({
      repo_url = string
      revision = string
      path     = string
    })
    clusters = map(object({
      provider = string
      region   = string
      node_pools = map(object({
        instance_type = string
        min_size      = number
        max_size      = number
        spot          = optional(bool, false)
      }))
    }))
  })

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.inputs.platform_name))
    error_message = "platform_name must be 1 to 20 lowercase letters, digits and '-', starting with a letter."
  }

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.inputs.environment))
    error_message = "environment must be 1 to 20 lowercase letters, digits and '-', starting with a letter (e.g. \"prod\")."
  }

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.inputs.domain))
    error_message = "domain must be a lowercase domain name without a trailing dot, e.g. \"strata.example.com\"."
  }

  validation {
    condition     = can(regex("^(https://|ssh://|git@)", var.inputs.gitops.repo_url))
    error_message = "gitops.repo_url must be an https://, ssh:// or git@ URL of a Git repository."
  }

  validation {
    condition     = var.inputs.gitops.revision != "" && var.inputs.gitops.path != "" && !startswith(var.inputs.gitops.path, "/") && !strcontains(var.inputs.gitops.path, "..")
    error_message = "gitops.revision must not be empty, and gitops.path must be a path inside the repository (e.g. \"deploy\")."
  }

  validation {
    condition     = length(var.inputs.clusters) > 0 && alltrue([for c in values(var.inputs.clusters) : c.provider == var.cluster_provider])
    error_message = "${var.inputs.environment} needs at least one cluster, and every cluster must have provider \"${var.cluster_provider}\" (${var.cluster_provider == "eks" ? "kind clusters belong to dev" : "EKS clusters belong to stage or prod"})."
  }

  validation {
    condition     = var.cluster_provider != "eks" || alltrue([for name in keys(var.inputs.clusters) : can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", name))])
    error_message = "EKS cluster names must be 2 to 32 lowercase letters, digits and '-', starting with a letter (e.g. \"prod-eu\")."
  }

  validation {
    condition     = var.cluster_provider != "eks" || alltrue([for c in values(var.inputs.clusters) : length(c.node_pools) > 0])
    error_message = "Every EKS cluster needs at least one node pool (nodePools in the definition)."
  }

  validation {
    condition     = var.cluster_provider != "kind" || alltrue([for name in keys(var.inputs.clusters) : can(regex("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$", name))])
    error_message = "kind cluster names must be DNS labels of at most 50 characters (e.g. \"dev-local\")."
  }
}

variable "cluster_provider" {
  description = "Provider every cluster of the environment must have: \"eks\" for an environment on AWS, \"kind\" for one on a developer's machine."
  type        = string

  validation {
    condition     = contains(["eks", "kind"], var.cluster_provider)
    error_message = "cluster_provider must be \"eks\" or \"kind\"."
  }
}

variable "repository_root" {
  description = "Path of the repository's root folder, absolute or relative to the working directory: `inputs.gitops.path`, the tree `strata synth` renders, is relative to it."
  type        = string
}
