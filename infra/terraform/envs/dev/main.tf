module "platform" {
  source = "../../modules/platform-inputs"

  inputs = {
    platform_name = var.platform_name
    environment   = var.environment
    domain        = var.domain
    gitops        = var.gitops
    clusters      = var.clusters
  }
  cluster_provider = "kind"
  # gitops.path is relative to the repository root, four folders above this one.
  repository_root = "${path.module}/../../../.."
}

locals {
  cluster_name = one(keys(module.platform.clusters))
}

provider "kind" {}

module "cluster" {
  source = "../../modules/kind-cluster"

  name            = local.cluster_name
  kubeconfig_path = abspath("${path.module}/${local.cluster_name}.kubeconfig")
}

# Both providers reach the cluster created in this same apply: Terraform configures them
# again once the cluster's credentials are known.
provider "helm" {
  kubernetes = {
    host                   = module.cluster.endpoint
    client_certificate     = module.cluster.client_certificate
    client_key             = module.cluster.client_key
    cluster_ca_certificate = module.cluster.cluster_ca_certificate
  }
}

provider "kubectl" {
  host                   = module.cluster.endpoint
  client_certificate     = module.cluster.client_certificate
  client_key             = module.cluster.client_key
  cluster_ca_certificate = module.cluster.cluster_ca_certificate
  load_config_file       = false
  lazy_load              = true
}

module "argocd" {
  source = "../../modules/argocd-bootstrap"

  cluster_name = local.cluster_name
  deploy_dir   = module.platform.deploy_dir
}
