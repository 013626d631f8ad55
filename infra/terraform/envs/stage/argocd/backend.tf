# One state per cluster: the S3 backend stores workspace <cluster> under
# env:/<cluster>/<key>. Locked by a lock file next to it (S3 native locking).
terraform {
  backend "s3" {
    bucket       = "strata-terraform-state"
    key          = "strata/stage/argocd.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
