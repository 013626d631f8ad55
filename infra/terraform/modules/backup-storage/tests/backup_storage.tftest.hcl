# Plans against a mocked AWS provider.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name         = "strata-prod-eu"
  region       = "eu-west-1"
  cluster_name = "prod-eu"
}

run "creates_a_private_versioned_encrypted_bucket" {
  command = plan

  assert {
    condition     = aws_s3_bucket.this.bucket == "strata-prod-eu-velero-123456789012"
    error_message = "The bucket is named <name>-velero-<account id>."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.this.block_public_acls && aws_s3_bucket_public_access_block.this.block_public_policy && aws_s3_bucket_public_access_block.this.ignore_public_acls && aws_s3_bucket_public_access_block.this.restrict_public_buckets
    error_message = "Every public access setting must be blocked."
  }

  assert {
    condition     = one(aws_s3_bucket_versioning.this.versioning_configuration).status == "Enabled"
    error_message = "Backups are versioned."
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "Without a KMS key the bucket uses SSE-S3."
  }
}

run "expires_noncurrent_versions" {
  command = plan

  variables {
    noncurrent_version_retention_days = 14
  }

  assert {
    condition     = one(aws_s3_bucket_lifecycle_configuration.this.rule[0].noncurrent_version_expiration).noncurrent_days == 14
    error_message = "Deleted or overwritten backups are kept noncurrent_version_retention_days."
  }
}

run "binds_the_role_to_veleros_service_account" {
  command = plan

  assert {
    condition     = aws_eks_pod_identity_association.velero.namespace == "velero" && aws_eks_pod_identity_association.velero.service_account == "velero-server"
    error_message = "The role is bound to velero/velero-server."
  }

  assert {
    condition     = aws_iam_role.velero.name == "strata-prod-eu-velero"
    error_message = "The role is named after the prefix."
  }
}
