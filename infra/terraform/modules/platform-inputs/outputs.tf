output "platform_name" {
  description = "Name of the platform (`platform.name` in the definition)."
  value       = var.inputs.platform_name
}

output "environment" {
  description = "Environment the inputs were written for."
  value       = var.inputs.environment
}

output "name" {
  description = "`<platform_name>-<environment>`: the prefix of the environment's own resource names (e.g. \"strata-prod\")."
  value       = "${var.inputs.platform_name}-${var.inputs.environment}"
}

output "domain" {
  description = "Base DNS domain of the platform."
  value       = var.inputs.domain
}

output "gitops" {
  description = "Repository Argo CD syncs from: repo_url, revision, and path of the rendered tree inside it."
  value       = var.inputs.gitops
}

output "clusters" {
  description = "Clusters of the environment by name, with provider, Region and node pools; every node pool has `spot` set."
  value       = var.inputs.clusters
}

output "deploy_dir" {
  description = "Absolute path of the rendered tree (`<repository_root>/<gitops.path>`), for argocd-bootstrap's deploy_dir."
  value       = local.deploy_dir
}

output "tags" {
  description = "Tags that mark a cloud resource as the environment's (platform, environment, managed-by), for the AWS provider's default_tags."
  value = {
    "strata.dev/platform"    = var.inputs.platform_name
    "strata.dev/environment" = var.inputs.environment
    "strata.dev/managed-by"  = "terraform"
  }
}
