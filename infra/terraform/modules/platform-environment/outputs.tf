output "clusters" {
  description = "EKS clusters by name: API endpoint, Region, Kubernetes version and ARN."
  value = {
    for name, cluster in module.cluster : name => {
      arn                = cluster.cluster_arn
      endpoint           = cluster.cluster_endpoint
      region             = cluster.region
      kubernetes_version = cluster.kubernetes_version
    }
  }
}

output "monitoring" {
  description = "Log and trace storage by cluster, as the platform definition's observability settings need it: Region, bucket names and pod identity role ARNs."
  value = {
    for name, storage in module.monitoring : name => {
      region            = storage.region
      loki_bucket_name  = storage.loki_bucket_name
      loki_role_arn     = storage.loki_role_arn
      tempo_bucket_name = storage.tempo_bucket_name
      tempo_role_arn    = storage.tempo_role_arn
    }
  }
}

output "backup_storage" {
  description = "Velero storage by cluster: Region, bucket name and pod identity role ARN."
  value = {
    for name, storage in module.backup_storage : name => {
      region      = storage.region
      bucket_name = storage.bucket_name
      role_arn    = storage.role_arn
    }
  }
}

output "dns" {
  description = "Hosted zone of the platform's domain and external-dns's role."
  value = {
    zone_id               = module.dns.zone_id
    zone_name             = module.dns.zone_name
    name_servers          = module.dns.name_servers
    external_dns_role_arn = module.dns.external_dns_role_arn
  }
}

output "tags" {
  description = "Tags that mark a resource as the environment's, for the calling root's AWS provider (`default_tags`); they depend on the inputs only, so the provider can be configured before anything is created."
  value       = module.inputs.tags
}
