# Bootstraps Argo CD into the cluster of the current kubeconfig context, as the cluster
# dev-local of the reference platform, from the repository's rendered deploy/ tree.
provider "helm" {
  kubernetes = {
    config_path = pathexpand("~/.kube/config")
  }
}

provider "kubectl" {
  config_path = pathexpand("~/.kube/config")
}

module "argocd" {
  source = "../../"

  cluster_name = "dev-local"
  deploy_dir   = "${path.module}/../../../../../../deploy"
}

output "chart_version" {
  description = "Version of the argo-cd chart installed."
  value       = module.argocd.chart_version
}

output "root_application_source_path" {
  description = "Folder the root Application syncs."
  value       = module.argocd.root_application_source_path
}
