variable "cluster_name" {
  description = "Cluster of the environment to bootstrap, by its name in the platform definition. The argocd roots pass their selected workspace, so that each cluster has a state of its own."
  type        = string

  validation {
    condition     = contains(keys(try(var.inputs.clusters, {})), var.cluster_name)
    error_message = "\"${var.cluster_name}\" is not a cluster of ${try(var.inputs.environment, "the environment")} (${join(", ", keys(try(var.inputs.clusters, {})))}): the argocd roots bootstrap the cluster their workspace names, so run `terraform workspace select -or-create <cluster>` first."
  }
}

variable "inputs" {
  description = "The environment's inputs as `strata synth` writes them to its strata.auto.tfvars.json (platform_name, environment, domain, gitops, clusters). platform-inputs types and validates them: every cluster must be an EKS cluster."
  type        = any
}

variable "repository_root" {
  description = "Path of the repository's root folder, absolute or relative to the working directory; the rendered tree Argo CD is bootstrapped from (`gitops.path`) is relative to it."
  type        = string
}
