# Backup storage for an existing EKS cluster named example-eu.
provider "aws" {
  region = "eu-west-1"
}

module "backup_storage" {
  source = "../../"

  name         = "strata-example-eu"
  region       = "eu-west-1"
  cluster_name = "example-eu"

  noncurrent_version_retention_days = 14

  tags = {
    "strata.dev/environment" = "example"
  }
}

output "bucket_name" {
  description = "Bucket to put in Velero's BackupStorageLocation."
  value       = module.backup_storage.bucket_name
}
