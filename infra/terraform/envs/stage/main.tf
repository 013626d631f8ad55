provider "aws" {
  # Where account-wide calls go; every cluster and its buckets live in the cluster's Region.
  region = "eu-west-1"

  default_tags {
    tags = module.environment.tags
  }
}

# stage is the platform's environment model with two settings of its own: it adds its
# records to the hosted zone prod owns, and its clusters share one NAT gateway each.
module "environment" {
  source = "../../modules/platform-environment"

  create_dns_zone    = false
  single_nat_gateway = true

  inputs = {
    platform_name = var.platform_name
    environment   = var.environment
    domain        = var.domain
    gitops        = var.gitops
    clusters      = var.clusters
  }
  # gitops.path is relative to the repository root, four folders above this one.
  repository_root = "${path.module}/../../../.."
}
