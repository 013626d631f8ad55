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

run "creates_one_private_encrypted_bucket_per_store" {
  command = plan

  assert {
    condition     = aws_s3_bucket.this["loki"].bucket == "strata-prod-eu-loki-123456789012" && aws_s3_bucket.this["tempo"].bucket == "strata-prod-eu-tempo-123456789012"
    error_message = "Buckets are named <name>-<store>-<account id>."
  }

  assert {
    condition     = alltrue([for b in aws_s3_bucket_public_access_block.this : b.block_public_acls && b.block_public_policy && b.ignore_public_acls && b.restrict_public_buckets])
    error_message = "Every public access setting must be blocked."
  }

  assert {
    condition     = alltrue([for e in aws_s3_bucket_server_side_encryption_configuration.this : one(one(e.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"])
    error_message = "Without a KMS key the buckets use SSE-S3."
  }

  assert {
    condition     = aws_s3_bucket.this["loki"].region == "eu-west-1"
    error_message = "Buckets live in the cluster's Region."
  }
}

run "expires_objects_after_the_retention_of_each_store" {
  command = plan

  variables {
    loki_retention_days  = 90
    tempo_retention_days = 7
  }

  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.this["loki"].rule).expiration).days == 90
    error_message = "Loki's bucket expires objects after loki_retention_days."
  }

  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.this["tempo"].rule).expiration).days == 7
    error_message = "Tempo's bucket expires objects after tempo_retention_days."
  }
}

run "binds_each_role_to_its_service_account" {
  command = plan

  assert {
    condition     = aws_eks_pod_identity_association.this["loki"].service_account == "loki" && aws_eks_pod_identity_association.this["loki"].namespace == "monitoring"
    error_message = "Loki's role is bound to monitoring/loki."
  }

  assert {
    condition     = aws_eks_pod_identity_association.this["tempo"].service_account == "tempo" && aws_eks_pod_identity_association.this["tempo"].cluster_name == "prod-eu"
    error_message = "Tempo's role is bound to monitoring/tempo in the cluster."
  }

  assert {
    condition     = output.region == "eu-west-1"
    error_message = "The Region is an output for the platform definition."
  }
}

run "encrypts_with_the_given_kms_key" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this["loki"].rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
    error_message = "With a KMS key the buckets use SSE-KMS."
  }
}
