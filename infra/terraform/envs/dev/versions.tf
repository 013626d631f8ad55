terraform {
  # 1.10 brings S3 native state locking (use_lockfile in backend.tf).
  required_version = ">= 1.10, < 2.0"

  required_providers {
    kind = {
      source  = "tehcyx/kind"
      version = ">= 0.9, < 0.12"
    }
    helm = {
      source  = "hashicorp/helm"
      version = ">= 3.0, < 4.0"
    }
    kubectl = {
      source  = "alekc/kubectl"
      version = ">= 2.4, < 3.0"
    }
  }
}
