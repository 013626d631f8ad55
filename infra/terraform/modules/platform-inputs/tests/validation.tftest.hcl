# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them, four folders below the repository root like the module.
# Each run changes one thing of the inputs strata synth wrote for the reference platform.
variables {
  inputs           = jsondecode(file("../../../../infra/terraform/envs/stage/strata.auto.tfvars.json"))
  cluster_provider = "eks"
  repository_root  = "../../../.."
}

run "accepts_the_inputs_of_an_eks_environment" {
  command = plan
}

run "accepts_the_inputs_of_a_kind_environment" {
  command = plan

  variables {
    inputs           = jsondecode(file("../../../../infra/terraform/envs/dev/strata.auto.tfvars.json"))
    cluster_provider = "kind"
  }
}

run "rejects_a_kind_cluster_where_clusters_are_eks" {
  command = plan

  variables {
    inputs = merge(var.inputs, { clusters = { dev-local = { provider = "kind", region = "local", node_pools = {} } } })
  }

  expect_failures = [var.inputs]
}

run "rejects_an_environment_without_clusters" {
  command = plan

  variables {
    inputs = merge(var.inputs, { clusters = {} })
  }

  expect_failures = [var.inputs]
}

run "rejects_an_eks_cluster_without_node_pools" {
  command = plan

  variables {
    inputs = merge(var.inputs, { clusters = { stage-eu = merge(var.inputs.clusters["stage-eu"], { node_pools = {} }) } })
  }

  expect_failures = [var.inputs]
}

run "rejects_an_eks_cluster_name_longer_than_32_characters" {
  command = plan

  variables {
    inputs = merge(var.inputs, { clusters = { stage-eu-west-one-with-a-long-name = var.inputs.clusters["stage-eu"] } })
  }

  expect_failures = [var.inputs]
}

run "rejects_a_repository_that_is_not_a_git_url" {
  command = plan

  variables {
    inputs = merge(var.inputs, { gitops = merge(var.inputs.gitops, { repo_url = "github.com/strata-platform/strata" }) })
  }

  expect_failures = [var.inputs]
}

run "rejects_a_rendered_tree_outside_the_repository" {
  command = plan

  variables {
    inputs = merge(var.inputs, { gitops = merge(var.inputs.gitops, { path = "../deploy" }) })
  }

  expect_failures = [var.inputs]
}

run "rejects_a_domain_with_a_trailing_dot" {
  command = plan

  variables {
    inputs = merge(var.inputs, { domain = "strata.example.com." })
  }

  expect_failures = [var.inputs]
}

run "rejects_an_unknown_cluster_provider" {
  command = plan

  variables {
    cluster_provider = "gke"
  }

  expect_failures = [var.cluster_provider]
}
