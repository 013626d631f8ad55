output "region" {
  description = "AWS Region of the buckets, for the S3 endpoint in Loki's and Tempo's storage settings."
  value       = var.region
}

output "loki_bucket_name" {
  description = "Name of the bucket Loki stores chunks and indexes in."
  value       = aws_s3_bucket.this["loki"].id
}

output "tempo_bucket_name" {
  description = "Name of the bucket Tempo stores trace blocks in."
  value       = aws_s3_bucket.this["tempo"].id
}

output "loki_role_arn" {
  description = "ARN of the IAM role Loki's service account assumes through EKS Pod Identity."
  value       = aws_iam_role.this["loki"].arn
}

output "tempo_role_arn" {
  description = "ARN of the IAM role Tempo's service account assumes through EKS Pod Identity."
  value       = aws_iam_role.this["tempo"].arn
}

output "namespace" {
  description = "Namespace whose Loki and Tempo service accounts are bound to the roles."
  value       = var.namespace
}
