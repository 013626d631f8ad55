terraform {
  required_version = ">= 1.9, < 2.0"

  required_providers {
    kind = {
      source  = "tehcyx/kind"
      version = ">= 0.9, < 0.12"
    }
  }
}
