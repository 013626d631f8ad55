output "platform" {
  description = "Platform, environment and domain this state belongs to."
  value = {
    name        = var.platform_name
    environment = var.environment
    domain      = var.domain
  }
}

output "cluster_name" {
  description = "Name of the kind cluster."
  value       = module.cluster.name
}

output "kube_context" {
  description = "Context of the cluster in its kubeconfig."
  value       = module.cluster.kube_context
}

output "kubeconfig_path" {
  description = "File the cluster's kubeconfig was written to (`export KUBECONFIG=$(terraform output -raw kubeconfig_path)`)."
  value       = module.cluster.kubeconfig_path
}

output "ingress_http_url" {
  description = "Base URL of the ingress controller's HTTP port on this machine."
  value       = module.cluster.http_url
}

output "argocd_namespace" {
  description = "Namespace Argo CD runs in."
  value       = module.argocd.namespace
}

output "argocd_chart_version" {
  description = "Version of the argo-cd chart installed at bootstrap."
  value       = module.argocd.chart_version
}

output "root_application_source_path" {
  description = "Folder of the repository the cluster's root Application syncs."
  value       = module.argocd.root_application_source_path
}
