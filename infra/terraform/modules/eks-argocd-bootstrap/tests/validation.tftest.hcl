# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them on machines without the providers, four folders below
# the repository root like the module.
mock_provider "aws" {}
mock_provider "helm" {}
mock_provider "kubectl" {}

variables {
  cluster_name    = "stage-eu"
  inputs          = jsondecode(file("../../../../infra/terraform/envs/stage/strata.auto.tfvars.json"))
  repository_root = "../../../.."
}

run "accepts_a_cluster_of_the_environment" {
  command = plan
}

run "rejects_the_default_workspace" {
  command = plan

  variables {
    cluster_name = "default"
  }

  expect_failures = [var.cluster_name]
}

run "rejects_a_cluster_of_another_environment" {
  command = plan

  variables {
    cluster_name = "prod-eu"
  }

  expect_failures = [var.cluster_name]
}
