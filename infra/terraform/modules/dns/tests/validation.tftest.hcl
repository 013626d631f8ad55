# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them on machines without the providers.
mock_provider "aws" {
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
  name      = "strata-prod"
  zone_name = "strata.example.com"
  clusters = {
    prod-eu = { cluster_name = "prod-eu", region = "eu-west-1" }
    prod-us = { cluster_name = "prod-us", region = "us-east-1" }
  }
}

run "accepts_the_platform_domain" {
  command = plan
}

run "rejects_a_trailing_dot" {
  command = plan

  variables {
    zone_name = "strata.example.com."
  }

  expect_failures = [var.zone_name]
}

run "rejects_an_uppercase_domain" {
  command = plan

  variables {
    zone_name = "Strata.Example.com"
  }

  expect_failures = [var.zone_name]
}

run "rejects_a_cluster_in_the_kind_region" {
  command = plan

  variables {
    clusters = {
      dev-local = { cluster_name = "dev-local", region = "local" }
    }
  }

  expect_failures = [var.clusters]
}
