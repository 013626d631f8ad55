# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them on machines without the providers.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  repository        = "strata-platform/strata"
  state_bucket_arn  = "arn:aws:s3:::strata-terraform-state"
  apply_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

run "accepts_the_repository_of_the_platform" {
  command = plan
}

run "rejects_a_repository_url" {
  command = plan

  variables {
    repository = "https://github.com/strata-platform/strata.git"
  }

  expect_failures = [var.repository]
}

run "rejects_a_wildcard_apply_ref" {
  command = plan

  variables {
    apply_ref = "refs/heads/*"
  }

  expect_failures = [var.apply_ref]
}

run "rejects_admin_rights_for_the_plan_role" {
  command = plan

  variables {
    plan_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  }

  expect_failures = [var.plan_policy_arns]
}

run "rejects_an_environment_name_with_a_space" {
  command = plan

  variables {
    apply_github_environments = ["prod eu"]
  }

  expect_failures = [var.apply_github_environments]
}

run "rejects_a_kms_key_alias_for_the_state" {
  command = plan

  variables {
    state_kms_key_arn = "alias/terraform-state"
  }

  expect_failures = [var.state_kms_key_arn]
}

run "rejects_an_apply_role_without_policies" {
  command = plan

  variables {
    apply_policy_arns = []
  }

  expect_failures = [var.apply_policy_arns]
}
