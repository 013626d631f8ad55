data "aws_caller_identity" "current" {}

locals {
  # One bucket, one role and one pod identity per store; Loki and Tempo differ only here.
  stores = {
    loki = {
      retention_days  = var.loki_retention_days
      service_account = var.loki_service_account
    }
    tempo = {
      retention_days  = var.tempo_retention_days
      service_account = var.tempo_service_account
    }
  }

  tags = merge(var.tags, { "strata.dev/component" = "monitoring" })
}

resource "aws_s3_bucket" "this" {
  for_each = local.stores

  region        = var.region
  bucket        = "${var.name}-${each.key}-${data.aws_caller_identity.current.account_id}"
  force_destroy = var.force_destroy
  tags          = merge(local.tags, { "strata.dev/store" = each.key })
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.stores

  region                  = var.region
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.stores

  region = var.region
  bucket = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.stores

  region = var.region
  bucket = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.stores

  region = var.region
  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "expire-after-retention"
    status = "Enabled"

    filter {}

    expiration {
      days = each.value.retention_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "tls_only" {
  for_each = local.stores

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.stores

  region = var.region
  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.tls_only[each.key].json

  # S3 rejects a bucket policy while the public access block is being written.
  depends_on = [aws_s3_bucket_public_access_block.this]
}

data "aws_iam_policy_document" "pod_identity_trust" {
  statement {
    sid     = "EksPodIdentity"
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "bucket_access" {
  for_each = local.stores

  statement {
    sid       = "ListBucket"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.this[each.key].arn]
  }

  statement {
    sid       = "ReadWriteObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.this[each.key].arn}/*"]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

    content {
      sid       = "UseBucketKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.stores

  name               = "${var.name}-${each.key}"
  description        = "EKS Pod Identity role of ${each.key} in cluster ${var.cluster_name}: reads and writes bucket ${aws_s3_bucket.this[each.key].id}"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_trust.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "bucket_access" {
  for_each = local.stores

  name   = "${each.key}-bucket"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.bucket_access[each.key].json
}

resource "aws_eks_pod_identity_association" "this" {
  for_each = local.stores

  region          = var.region
  cluster_name    = var.cluster_name
  namespace       = var.namespace
  service_account = each.value.service_account
  role_arn        = aws_iam_role.this[each.key].arn
  tags            = local.tags
}
