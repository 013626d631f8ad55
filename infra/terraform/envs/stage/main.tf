provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.tags
  }
}

locals {
  # gitops.path is relative to the repository root, four folders above this one.
  deploy_dir = abspath("${path.module}/../../../../${var.gitops.path}")

  tags = {
    "strata.dev/platform"    = var.platform_name
    "strata.dev/environment" = var.environment
    "strata.dev/managed-by"  = "terraform"
  }
}

module "cluster" {
  source   = "../../modules/eks-cluster"
  for_each = var.clusters

  name                 = each.key
  region               = each.value.region
  kubernetes_version   = var.kubernetes_version
  node_pools           = each.value.node_pools
  single_nat_gateway   = var.single_nat_gateway
  admin_principal_arns = var.cluster_admin_principal_arns
}

module "monitoring" {
  source   = "../../modules/monitoring"
  for_each = var.clusters

  name         = "${var.platform_name}-${each.key}"
  region       = each.value.region
  cluster_name = module.cluster[each.key].cluster_name
}

module "backup_storage" {
  source   = "../../modules/backup-storage"
  for_each = var.clusters

  name         = "${var.platform_name}-${each.key}"
  region       = each.value.region
  cluster_name = module.cluster[each.key].cluster_name
}

module "dns" {
  source = "../../modules/dns"

  name        = "${var.platform_name}-${var.environment}"
  zone_name   = var.domain
  create_zone = var.create_dns_zone
  clusters = {
    for name, cluster in var.clusters : name => {
      cluster_name = module.cluster[name].cluster_name
      region       = cluster.region
    }
  }
}

# strata synth writes these inputs and deploy/ from one definition; a warning here means one
# of them is stale.
check "rendered_tree_matches_the_inputs" {
  assert {
    condition = alltrue([
      for name in keys(var.clusters) : try(
        yamldecode(file("${local.deploy_dir}/bootstrap/${name}.yaml")).spec.source.repoURL == var.gitops.repo_url &&
        yamldecode(file("${local.deploy_dir}/bootstrap/${name}.yaml")).spec.source.targetRevision == var.gitops.revision,
        false
      )
    ])
    error_message = "deploy/bootstrap/<cluster>.yaml is missing for a cluster of ${var.environment}, or does not sync ${var.gitops.repo_url} at ${var.gitops.revision}: run `strata synth` and commit deploy/ with strata.auto.tfvars.json."
  }
}

# Argo CD is bootstrapped into each cluster by ./argocd, a second root applied once per
# cluster after this one: Kubernetes providers cannot be configured per for_each instance,
# nor from a cluster created in the same plan (see README.md).
