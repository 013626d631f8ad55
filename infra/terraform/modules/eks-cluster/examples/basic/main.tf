# One EKS cluster with an on-demand pool and a Spot pool, in its own VPC.
provider "aws" {
  region = "eu-west-1"
}

module "cluster" {
  source = "../../"

  name   = "example-eu"
  region = "eu-west-1"

  node_pools = {
    general = { instance_type = "m6i.large", min_size = 2, max_size = 4 }
    spot    = { instance_type = "m6i.large", min_size = 0, max_size = 4, spot = true }
  }

  single_nat_gateway = true

  tags = {
    "strata.dev/environment" = "example"
  }
}

output "cluster_endpoint" {
  description = "URL of the example cluster's API server."
  value       = module.cluster.cluster_endpoint
}
