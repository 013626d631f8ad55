output "cluster_name" {
  description = "Cluster Argo CD was bootstrapped into."
  value       = var.cluster_name
}

output "region" {
  description = "AWS Region of the cluster."
  value       = local.region
}

output "argocd_namespace" {
  description = "Namespace Argo CD runs in."
  value       = module.argocd.namespace
}

output "argocd_chart_version" {
  description = "Version of the argo-cd chart installed at bootstrap; Argo CD's own Application manages later ones."
  value       = module.argocd.chart_version
}

output "root_application_source_path" {
  description = "Folder of the repository the cluster's root Application syncs."
  value       = module.argocd.root_application_source_path
}
