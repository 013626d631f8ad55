# The whole of a per-cluster bootstrap root, as a module that the argocd root of each EKS
# environment calls: so the module configures its providers itself, from a cluster that an
# earlier apply of the environment's root created. Call it only from a root, without count,
# for_each or depends_on, and destroy its resources before removing the call (Terraform needs
# a module's provider configurations to destroy what they created).

module "inputs" {
  source = "../platform-inputs"

  inputs           = var.inputs
  cluster_provider = "eks"
  repository_root  = var.repository_root
}

locals {
  # A cluster_name that names no cluster fails its validation; the AWS provider still needs a
  # valid Region meanwhile, so that the validation can say what is wrong.
  region = try(module.inputs.clusters[var.cluster_name].region, "us-east-1")

  # Short-lived tokens from the AWS CLI, for the identity that runs Terraform (it has
  # cluster-admin access through the cluster's access entries).
  kube_exec = {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", var.cluster_name, "--region", local.region]
  }
}

provider "aws" {
  region = local.region
}

# Read, not created: the cluster exists before this module is applied, so its endpoint is
# known when the Kubernetes providers below are configured.
data "aws_eks_cluster" "this" {
  name = var.cluster_name
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
  source = "../argocd-bootstrap"

  cluster_name = var.cluster_name
  deploy_dir   = module.inputs.deploy_dir
}
