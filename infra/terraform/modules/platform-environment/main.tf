module "inputs" {
  source = "../platform-inputs"

  inputs           = var.inputs
  cluster_provider = "eks"
  repository_root  = var.repository_root
}

module "cluster" {
  source   = "../eks-cluster"
  for_each = module.inputs.clusters

  name                 = each.key
  region               = each.value.region
  kubernetes_version   = var.kubernetes_version
  node_pools           = each.value.node_pools
  single_nat_gateway   = var.single_nat_gateway
  admin_principal_arns = var.cluster_admin_principal_arns
}

module "monitoring" {
  source   = "../monitoring"
  for_each = module.inputs.clusters

  name         = "${module.inputs.platform_name}-${each.key}"
  region       = each.value.region
  cluster_name = module.cluster[each.key].cluster_name
}

module "backup_storage" {
  source   = "../backup-storage"
  for_each = module.inputs.clusters

  name         = "${module.inputs.platform_name}-${each.key}"
  region       = each.value.region
  cluster_name = module.cluster[each.key].cluster_name
}

module "dns" {
  source = "../dns"

  name        = module.inputs.name
  zone_name   = module.inputs.domain
  create_zone = var.create_dns_zone
  clusters = {
    for name, cluster in module.inputs.clusters : name => {
      cluster_name = module.cluster[name].cluster_name
      region       = cluster.region
    }
  }
}
