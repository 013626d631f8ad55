# Input validation only; these runs also pass against variables.tf alone, which is how
# tests/terraform.test.ts runs them on machines without the providers.
mock_provider "kind" {}

variables {
  name = "dev-local"
}

run "accepts_the_cluster_of_the_dev_environment" {
  command = plan
}

run "rejects_an_invalid_name" {
  command = plan

  variables {
    name = "Dev_Local"
  }

  expect_failures = [var.name]
}

run "rejects_a_port_out_of_range" {
  command = plan

  variables {
    http_port = 70000
  }

  expect_failures = [var.http_port]
}

run "rejects_a_hostname_as_listen_address" {
  command = plan

  variables {
    listen_address = "localhost"
  }

  expect_failures = [var.listen_address]
}

run "rejects_a_node_image_without_a_version" {
  command = plan

  variables {
    node_image = "kindest/node:latest"
  }

  expect_failures = [var.node_image]
}

run "rejects_a_fractional_worker_count" {
  command = plan

  variables {
    worker_count = 1.5
  }

  expect_failures = [var.worker_count]
}
