output "cluster_name" {
  description = "Cluster Argo CD was bootstrapped into (the selected workspace)."
  value       = module.bootstrap.cluster_name
}

output "argocd_namespace" {
  description = "Namespace Argo CD runs in."
  value       = module.bootstrap.argocd_namespace
}

output "argocd_chart_version" {
  description = "Version of the argo-cd chart installed at bootstrap; Argo CD's own Application manages later ones."
  value       = module.bootstrap.argocd_chart_version
}

output "root_application_source_path" {
  description = "Folder of the repository the cluster's root Application syncs."
  value       = module.bootstrap.root_application_source_path
}
