locals {
  strata       = jsondecode(file("${path.module}/../strata.auto.tfvars.json"))
  cluster_name = terraform.workspace
  cluster      = try(local.strata.clusters[local.cluster_name], null)

  # A workspace that names no cluster still needs a valid Region to configure the AWS
  # provider, so that the precondition below can say what is wrong.
  region = try(local.cluster.region, "us-east-1")

  # gitops.path is relative to the repository root, five folders above this one.
  deploy_dir = abspath("${path.module}/../../../../../${local.strata.gitops.path}")
}

provider "aws" {
  region = local.region
}

# Read, not created: ../ created the cluster in an earlier apply, so its endpoint is known
# when the Kubernetes providers below are configured.
data "aws_eks_cluster" "this" {
  name = local.cluster_name

  lifecycle {
    precondition {
      condition     = local.cluster != null
      error_message = "Workspace \"${terraform.workspace}\" is not a cluster of ${local.strata.environment} (${join(", ", keys(local.strata.clusters))}): run `terraform workspace select -or-create <cluster>` first."
    }
  }
}

locals {
  # Short-lived tokens from the AWS CLI, for the identity that runs Terraform (it has
  # cluster-admin access through the cluster's access entries).
  kube_exec = {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", local.cluster_name, "--region", local.region]
  }
}

provider "helm" {
  kubernetes = {
    host                   = data.aws_eks_cluster.this.endpoint
    cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
    exec                   = local.kube_exec
  }
}

provider "kubectl" {
  host                   = data.aws_eks_cluster.this.endpoint
  cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
  load_config_file       = false

  exec {
    api_version = local.kube_exec.api_version
    command     = local.kube_exec.command
    args        = local.kube_exec.args
  }
}

module "argocd" {
  source = "../../../modules/argocd-bootstrap"

  cluster_name = local.cluster_name
  deploy_dir   = local.deploy_dir
}
