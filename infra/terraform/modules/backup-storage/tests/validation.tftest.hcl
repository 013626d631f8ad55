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

run "rejects_a_fractional_retention" {
  command = plan

  variables {
    noncurrent_version_retention_days = 1.5
  }

  expect_failures = [var.noncurrent_version_retention_days]
}

run "rejects_a_namespace_that_is_not_a_dns_label" {
  command = plan

  variables {
    namespace = "Velero"
  }

  expect_failures = [var.namespace]
}

run "rejects_a_name_with_an_underscore" {
  command = plan

  variables {
    name = "strata_prod"
  }

  expect_failures = [var.name]
}
