# Plans against a mocked AWS provider.
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
  mock_data "aws_route53_zone" {
    defaults = {
      zone_id      = "Z0EXISTING"
      name_servers = ["ns-1.awsdns-00.org"]
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

run "creates_the_zone_and_one_identity_per_cluster" {
  command = plan

  assert {
    condition     = length(aws_route53_zone.this) == 1 && aws_route53_zone.this[0].name == "strata.example.com"
    error_message = "The zone is created when create_zone is true."
  }

  assert {
    condition     = length(aws_eks_pod_identity_association.external_dns) == 2
    error_message = "Each cluster's external-dns gets the role."
  }

  assert {
    condition     = aws_eks_pod_identity_association.external_dns["prod-us"].region == "us-east-1"
    error_message = "The association lives in the cluster's Region."
  }
}

run "looks_up_a_zone_another_environment_owns" {
  command = plan

  variables {
    create_zone = false
  }

  assert {
    condition     = length(aws_route53_zone.this) == 0
    error_message = "No zone is created when create_zone is false."
  }

  assert {
    condition     = output.zone_id == "Z0EXISTING"
    error_message = "The existing zone's ID is the output."
  }
}
