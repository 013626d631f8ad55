# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them on machines without the providers, four folders below
# the repository root like the module. platform-inputs validates the inputs themselves.
mock_provider "aws" {}

variables {
  inputs          = jsondecode(file("../../../../infra/terraform/envs/stage/strata.auto.tfvars.json"))
  repository_root = "../../../.."
  create_dns_zone = false
}

run "accepts_the_settings_of_stage" {
  command = plan

  variables {
    single_nat_gateway           = true
    cluster_admin_principal_arns = ["arn:aws:iam::123456789012:role/platform-admin"]
  }
}

run "rejects_a_kubernetes_patch_version" {
  command = plan

  variables {
    kubernetes_version = "1.33.1"
  }

  expect_failures = [var.kubernetes_version]
}

run "rejects_an_admin_that_is_not_an_iam_arn" {
  command = plan

  variables {
    cluster_admin_principal_arns = ["platform-admin"]
  }

  expect_failures = [var.cluster_admin_principal_arns]
}
