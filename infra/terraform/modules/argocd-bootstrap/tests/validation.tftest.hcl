# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them on machines without the providers. Paths are relative
# to this module, where `terraform test` runs.
mock_provider "helm" {}
mock_provider "kubectl" {}

variables {
  cluster_name = "dev-local"
  deploy_dir   = "../../../../deploy"
}

run "accepts_the_rendered_tree" {
  command = plan
}

run "rejects_a_folder_that_is_not_a_rendered_tree" {
  command = plan

  variables {
    deploy_dir = "../../../../no-such-folder"
  }

  expect_failures = [var.deploy_dir]
}

run "rejects_a_cluster_name_that_is_not_a_dns_label" {
  command = plan

  variables {
    cluster_name = "Dev_Local"
  }

  expect_failures = [var.cluster_name]
}

run "rejects_a_chart_version_range" {
  command = plan

  variables {
    chart_version = "9.x"
  }

  expect_failures = [var.chart_version]
}

run "accepts_an_exact_chart_version" {
  command = plan

  variables {
    chart_version = "9.0.5"
  }
}
