# Bootstraps Argo CD into prod-eu, a cluster of the reference platform's prod that the prod
# root created, from the repository's rendered deploy/ tree. The module configures the AWS,
# Helm and kubectl providers itself.
module "bootstrap" {
  source = "../../"

  cluster_name    = "prod-eu"
  inputs          = jsondecode(file("${path.module}/../../../../envs/prod/strata.auto.tfvars.json"))
  repository_root = "${path.module}/../../../../../.."
}

output "argocd_chart_version" {
  description = "Version of the argo-cd chart installed."
  value       = module.bootstrap.argocd_chart_version
}
