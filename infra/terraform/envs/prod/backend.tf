# State in S3, locked by a lock file next to it (S3 native locking, no DynamoDB table).
terraform {
  backend "s3" {
    bucket       = "strata-terraform-state"
    key          = "strata/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
