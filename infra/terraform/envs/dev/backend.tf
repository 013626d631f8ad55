# State in S3, locked by a lock file next to it (S3 native locking, no DynamoDB table).
# A kind cluster lives on one machine: give each developer a workspace of their own
# (`terraform workspace select -or-create "$USER"`), or keep state local with a
# backend_override.tf (see README.md).
terraform {
  backend "s3" {
    bucket       = "strata-terraform-state"
    key          = "strata/dev/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
