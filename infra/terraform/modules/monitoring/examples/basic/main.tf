# Log and trace storage for an existing EKS cluster named example-eu.
provider "aws" {
  region = "eu-west-1"
}

module "monitoring" {
  source = "../../"

  name         = "strata-example-eu"
  region       = "eu-west-1"
  cluster_name = "example-eu"

  loki_retention_days  = 31
  tempo_retention_days = 15

  tags = {
    "strata.dev/environment" = "example"
  }
}

output "loki_bucket_name" {
  description = "Bucket to put in Loki's storage settings."
  value       = module.monitoring.loki_bucket_name
}
