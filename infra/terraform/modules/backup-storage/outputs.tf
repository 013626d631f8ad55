output "region" {
  description = "AWS Region of the bucket, for Velero's BackupStorageLocation and VolumeSnapshotLocation."
  value       = var.region
}

output "bucket_name" {
  description = "Name of the bucket Velero writes backups to."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the backup bucket."
  value       = aws_s3_bucket.this.arn
}

output "role_arn" {
  description = "ARN of the IAM role Velero's service account assumes through EKS Pod Identity."
  value       = aws_iam_role.velero.arn
}

output "namespace" {
  description = "Namespace whose Velero service account is bound to the role."
  value       = var.namespace
}
