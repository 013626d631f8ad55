# Input validation only: every run stops at, or passes, the variable checks. These runs
# also pass against variables.tf alone, which is how tests/terraform.test.ts runs them
# on machines without the providers.
mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
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

override_module {
  target = module.vpc
}

override_module {
  target = module.eks
}

variables {
  name   = "prod-eu"
  region = "eu-west-1"
  node_pools = {
    general = { instance_type = "m6i.xlarge", min_size = 3, max_size = 10, spot = false }
  }
}

run "accepts_the_pools_strata_synth_writes" {
  command = plan

  variables {
    node_pools = {
      general = { instance_type = "m6i.xlarge", min_size = 3, max_size = 10, spot = false }
      spot    = { instance_type = "m6i.xlarge", min_size = 0, max_size = 10, spot = true }
    }
  }
}

run "rejects_min_size_above_max_size" {
  command = plan

  variables {
    node_pools = {
      general = { instance_type = "m6i.xlarge", min_size = 5, max_size = 2, spot = false }
    }
  }

  expect_failures = [var.node_pools]
}

run "rejects_no_node_pool" {
  command = plan

  variables {
    node_pools = {}
  }

  expect_failures = [var.node_pools]
}

run "rejects_a_desired_size_outside_the_bounds" {
  command = plan

  variables {
    node_pools = {
      general = { instance_type = "m6i.xlarge", min_size = 1, max_size = 3, desired_size = 4 }
    }
  }

  expect_failures = [var.node_pools]
}

run "rejects_an_instance_type_without_a_size" {
  command = plan

  variables {
    node_pools = {
      general = { instance_type = "m6i", min_size = 1, max_size = 3 }
    }
  }

  expect_failures = [var.node_pools]
}

run "rejects_the_kind_region_local" {
  command = plan

  variables {
    region = "local"
  }

  expect_failures = [var.region]
}

run "rejects_a_vpc_cidr_that_is_not_a_network_address" {
  command = plan

  variables {
    vpc_cidr = "10.0.1.0/16"
  }

  expect_failures = [var.vpc_cidr]
}

run "rejects_a_vpc_cidr_too_small_to_split" {
  command = plan

  variables {
    vpc_cidr = "10.0.0.0/24"
  }

  expect_failures = [var.vpc_cidr]
}

run "rejects_an_uppercase_name" {
  command = plan

  variables {
    name = "Prod-EU"
  }

  expect_failures = [var.name]
}

run "rejects_an_admin_that_is_not_an_iam_arn" {
  command = plan

  variables {
    admin_principal_arns = ["platform-admin"]
  }

  expect_failures = [var.admin_principal_arns]
}
