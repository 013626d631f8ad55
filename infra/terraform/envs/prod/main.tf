provider "aws" {
  # Where account-wide calls go; every cluster and its buckets live in the cluster's Region.
  region = "eu-west-1"

  default_tags {
    tags = module.environment.tags
  }
}

# prod is the platform's environment model with two settings of its own: it owns the hosted
# zone of the domain (apply it before the environments that add their records to it), and
# each availability zone has a NAT gateway of its own.
module "environment" {
  source = "../../modules/platform-environment"

  create_dns_zone    = true
  single_nat_gateway = false

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
