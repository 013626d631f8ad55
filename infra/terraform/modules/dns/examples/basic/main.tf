# A public zone for example.strata.dev, and external-dns of cluster example-eu allowed to
# write its records.
provider "aws" {
  region = "eu-west-1"
}

module "dns" {
  source = "../../"

  name      = "strata-example"
  zone_name = "example.strata.dev"

  clusters = {
    example-eu = { cluster_name = "example-eu", region = "eu-west-1" }
  }

  tags = {
    "strata.dev/environment" = "example"
  }
}

output "name_servers" {
  description = "Name servers to delegate example.strata.dev to."
  value       = module.dns.name_servers
}
