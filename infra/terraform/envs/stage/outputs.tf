output "clusters" {
  description = "EKS clusters by name: API endpoint, Region, Kubernetes version and ARN."
  value       = module.environment.clusters
}

output "monitoring" {
  description = "Log and trace storage by cluster, as the platform definition's observability settings need it: Region, bucket names and pod identity role ARNs."
  value       = module.environment.monitoring
}

output "backup_storage" {
  description = "Velero storage by cluster: Region, bucket name and pod identity role ARN."
  value       = module.environment.backup_storage
}

output "dns" {
  description = "Hosted zone of the platform's domain and external-dns's role."
  value       = module.environment.dns
}
