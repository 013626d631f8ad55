locals {
  cluster_name = one(keys(var.clusters))

  # gitops.path is relative to the repository root, four folders above this one.
  deploy_dir = abspath("${path.module}/../../../../${var.gitops.path}")
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
  deploy_dir   = local.deploy_dir
}

# strata synth writes these inputs and deploy/ from one definition; a warning here means one
# of them is stale.
check "rendered_tree_matches_the_inputs" {
  assert {
    condition = try(
      yamldecode(file("${local.deploy_dir}/bootstrap/${local.cluster_name}.yaml")).spec.source.repoURL == var.gitops.repo_url &&
      yamldecode(file("${local.deploy_dir}/bootstrap/${local.cluster_name}.yaml")).spec.source.targetRevision == var.gitops.revision,
      false
    )
    error_message = "deploy/bootstrap/${local.cluster_name}.yaml is missing or does not sync ${var.gitops.repo_url} at ${var.gitops.revision}: run `strata synth` and commit deploy/ with strata.auto.tfvars.json."
  }
}
