# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them on machines without the providers.
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

run "accepts_a_cluster_of_the_platform" {
  command = plan
}

run "rejects_a_name_that_would_overflow_bucket_names" {
  command = plan

  variables {
    name = "strata-a-very-long-platform-name-for-a-cluster"
  }

  expect_failures = [var.name]
}

run "rejects_zero_retention" {
  command = plan

  variables {
    loki_retention_days = 0
  }

  expect_failures = [var.loki_retention_days]
}

run "rejects_a_key_id_instead_of_a_key_arn" {
  command = plan

  variables {
    kms_key_arn = "1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  expect_failures = [var.kms_key_arn]
}

run "rejects_the_kind_region_local" {
  command = plan

  variables {
    region = "local"
  }

  expect_failures = [var.region]
}
