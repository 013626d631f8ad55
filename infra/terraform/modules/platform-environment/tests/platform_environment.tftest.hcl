# Plans against a mocked AWS provider with every eks-cluster overridden (their community VPC
# and EKS modules have tests of their own), so that these runs check the composition: each
# cluster of the inputs with storage for its logs, traces and backups, in its own Region, and
# one DNS identity for the environment.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
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
  mock_data "aws_route53_zone" {
    defaults = {
      zone_id      = "Z0EXISTING"
      name_servers = ["ns-1.awsdns-00.org"]
    }
  }
}

override_module {
  target = module.cluster
  outputs = {
    cluster_name       = "overridden"
    cluster_arn        = "arn:aws:eks:eu-west-1:123456789012:cluster/overridden"
    cluster_endpoint   = "https://overridden.eks.amazonaws.com"
    region             = "eu-west-1"
    kubernetes_version = "1.33"
  }
}

variables {
  inputs          = jsondecode(file("../../../../infra/terraform/envs/prod/strata.auto.tfvars.json"))
  repository_root = "../../../.."
  create_dns_zone = true
}

run "builds_every_cluster_of_the_inputs_with_its_storage" {
  command = plan

  assert {
    condition     = toset(keys(output.clusters)) == toset(["prod-eu", "prod-us"])
    error_message = "Every cluster of the inputs is built."
  }

  assert {
    condition     = toset(keys(output.monitoring)) == toset(["prod-eu", "prod-us"]) && toset(keys(output.backup_storage)) == toset(["prod-eu", "prod-us"])
    error_message = "Every cluster gets storage for its logs, traces and backups."
  }

  assert {
    condition     = output.monitoring["prod-us"].region == "us-east-1" && output.backup_storage["prod-us"].region == "us-east-1"
    error_message = "A cluster's storage lives in the cluster's Region."
  }
}

run "creates_the_zone_of_the_domain_when_it_owns_it" {
  command = plan

  assert {
    condition     = output.dns.zone_name == "strata.example.com"
    error_message = "The zone is the platform's domain."
  }
}

run "looks_up_the_zone_another_environment_owns" {
  command = plan

  variables {
    create_dns_zone = false
  }

  assert {
    condition     = output.dns.zone_id == "Z0EXISTING"
    error_message = "Without create_dns_zone the environment uses the existing zone."
  }
}

run "tags_everything_with_the_platform_and_the_environment" {
  command = plan

  assert {
    condition     = output.tags == { "strata.dev/platform" = "strata", "strata.dev/environment" = "prod", "strata.dev/managed-by" = "terraform" }
    error_message = "The tags for the provider's default_tags name the platform and the environment."
  }
}
