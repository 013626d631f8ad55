data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  issuer = "token.actions.githubusercontent.com"

  oidc_provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${local.issuer}"

  # GitHub's `sub` claim: `repo:<owner>/<name>:ref:<ref>` for pushes, `:pull_request` for
  # pull requests, `:environment:<name>` for jobs bound to an environment.
  plan_subjects = ["repo:${var.repository}:pull_request", "repo:${var.repository}:ref:*"]
  apply_subjects = concat(
    ["repo:${var.repository}:ref:${var.apply_ref}"],
    [for env in var.apply_github_environments : "repo:${var.repository}:environment:${env}"],
  )

  tags = merge(var.tags, { "strata.dev/component" = "ci" })
}

# AWS validates GitHub's tokens against its library of trusted CAs, so no thumbprint is
# pinned here.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]
  tags           = local.tags
}

data "aws_iam_policy_document" "plan_trust" {
  statement {
    sid     = "GitHubActionsAnyRef"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "${local.issuer}:sub"
      values   = local.plan_subjects
    }
  }
}

data "aws_iam_policy_document" "apply_trust" {
  statement {
    sid     = "GitHubActionsMainAndEnvironments"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = local.apply_subjects
    }
  }
}

# Plans read state only: they run with -lock=false, so that no pull request can hold or
# break the lock an apply takes (docs/adr/0008).
data "aws_iam_policy_document" "state_read" {
  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = [var.state_bucket_arn]
  }

  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject"]
    resources = ["${var.state_bucket_arn}/*"]
  }

  dynamic "statement" {
    for_each = var.state_kms_key_arn == null ? [] : [var.state_kms_key_arn]

    content {
      sid       = "DecryptState"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

# Applies write state and its `.tflock` lock files (S3 native locking).
data "aws_iam_policy_document" "state_read_write" {
  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = [var.state_bucket_arn]
  }

  statement {
    sid       = "ReadWriteStateAndLocks"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.state_bucket_arn}/*"]
  }

  dynamic "statement" {
    for_each = var.state_kms_key_arn == null ? [] : [var.state_kms_key_arn]

    content {
      sid       = "EncryptState"
      actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "plan" {
  name                 = "${var.name}-plan"
  description          = "Terraform plan from pull requests and any ref of ${var.repository} (read-only)"
  assume_role_policy   = data.aws_iam_policy_document.plan_trust.json
  max_session_duration = var.max_session_duration_seconds
  tags                 = local.tags
}

resource "aws_iam_role_policy_attachment" "plan" {
  for_each = toset(var.plan_policy_arns)

  role       = aws_iam_role.plan.name
  policy_arn = each.value
}

resource "aws_iam_role_policy" "plan_state" {
  name   = "terraform-state"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.state_read.json
}

resource "aws_iam_role" "apply" {
  name                 = "${var.name}-apply"
  description          = "Terraform apply from ${join(", ", concat([var.apply_ref], [for env in var.apply_github_environments : "environment ${env}"]))} of ${var.repository}"
  assume_role_policy   = data.aws_iam_policy_document.apply_trust.json
  max_session_duration = var.max_session_duration_seconds
  tags                 = local.tags
}

resource "aws_iam_role_policy_attachment" "apply" {
  for_each = toset(var.apply_policy_arns)

  role       = aws_iam_role.apply.name
  policy_arn = each.value
}

resource "aws_iam_role_policy" "apply_state" {
  name   = "terraform-state"
  role   = aws_iam_role.apply.id
  policy = data.aws_iam_policy_document.state_read_write.json
}
