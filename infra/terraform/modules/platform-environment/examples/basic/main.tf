# The reference platform's stage from the inputs strata synth wrote for it: an EKS cluster in
# eu-west-1 with storage for its logs, traces and backups, and external-dns's identity. Here
# the environment creates the hosted zone of its domain, as a new account has none to look up.
provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = module.environment.tags
  }
}

module "environment" {
  source = "../../"

  inputs          = jsondecode(file("${path.module}/../../../../envs/stage/strata.auto.tfvars.json"))
  repository_root = "${path.module}/../../../../../.."

  create_dns_zone    = true
  single_nat_gateway = true
}

output "clusters" {
  description = "API endpoint, Region, Kubernetes version and ARN of each cluster."
  value       = module.environment.clusters
}

output "name_servers" {
  description = "Name servers to delegate the domain to."
  value       = module.environment.dns.name_servers
}
