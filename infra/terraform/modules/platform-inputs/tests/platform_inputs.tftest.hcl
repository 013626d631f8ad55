# Plans the module with the inputs strata synth wrote for the reference platform, against the
# repository's rendered deploy/ tree; the module uses no provider.
variables {
  inputs           = jsondecode(file("../../../../infra/terraform/envs/prod/strata.auto.tfvars.json"))
  cluster_provider = "eks"
  repository_root  = "../../../.."
}

run "reads_the_inputs_of_an_eks_environment" {
  command = plan

  assert {
    condition     = keys(output.clusters) == tolist(["prod-eu", "prod-us"]) && output.clusters["prod-us"].region == "us-east-1"
    error_message = "Every cluster of the inputs is an output, with its Region."
  }

  assert {
    condition     = output.name == "strata-prod"
    error_message = "The environment's resources are prefixed <platform>-<environment>."
  }

  assert {
    condition     = output.deploy_dir == abspath("../../../../deploy")
    error_message = "The rendered tree is gitops.path below the repository root."
  }

  assert {
    condition     = output.tags == { "strata.dev/platform" = "strata", "strata.dev/environment" = "prod", "strata.dev/managed-by" = "terraform" }
    error_message = "The tags name the platform and the environment."
  }
}

run "makes_a_node_pool_without_spot_on_demand" {
  command = plan

  variables {
    inputs = merge(var.inputs, {
      clusters = { prod-eu = merge(var.inputs.clusters["prod-eu"], { node_pools = { general = { instance_type = "m6i.xlarge", min_size = 3, max_size = 10 } } }) }
    })
  }

  assert {
    condition     = output.clusters["prod-eu"].node_pools["general"].spot == false
    error_message = "A node pool without spot is on-demand."
  }
}

run "warns_when_the_rendered_tree_syncs_another_revision" {
  command = plan

  variables {
    inputs = merge(var.inputs, { gitops = merge(var.inputs.gitops, { revision = "release-1" }) })
  }

  expect_failures = [check.rendered_tree_matches_the_inputs]
}

run "warns_when_a_cluster_was_not_rendered" {
  command = plan

  variables {
    inputs = merge(var.inputs, { clusters = { prod-ap = merge(var.inputs.clusters["prod-eu"], { region = "ap-southeast-2" }) } })
  }

  expect_failures = [check.rendered_tree_matches_the_inputs]
}

run "reads_the_inputs_of_a_kind_environment" {
  command = plan

  variables {
    inputs           = jsondecode(file("../../../../infra/terraform/envs/dev/strata.auto.tfvars.json"))
    cluster_provider = "kind"
  }

  assert {
    condition     = keys(output.clusters) == tolist(["dev-local"]) && output.name == "strata-dev"
    error_message = "A kind environment's one cluster is read like any other."
  }
}
