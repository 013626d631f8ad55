output "namespace" {
  description = "Namespace Argo CD runs in."
  value       = helm_release.argocd.namespace
}

output "release_name" {
  description = "Name of the Helm release that installed Argo CD (the release name of Argo CD's own Application)."
  value       = helm_release.argocd.name
}

output "chart_version" {
  description = "Version of the argo-cd chart this module installed; Argo CD's own Application owns later versions."
  value       = local.chart_version
}

output "root_application_name" {
  description = "Name of the root Application applied from deploy/bootstrap/<cluster>.yaml."
  value       = kubectl_manifest.root_application.name
}

output "root_application_source_path" {
  description = "Folder of the GitOps repository the root Application syncs."
  value       = try(local.root_manifest.spec.source.path, null)
}
