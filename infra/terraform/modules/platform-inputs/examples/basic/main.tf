# Reads the inputs strata synth wrote for the reference platform's prod, checks them, and
# checks the repository's rendered deploy/ tree against them.
module "platform" {
  source = "../../"

  inputs           = jsondecode(file("${path.module}/../../../../envs/prod/strata.auto.tfvars.json"))
  cluster_provider = "eks"
  repository_root  = "${path.module}/../../../../../.."
}

output "clusters" {
  description = "Clusters of prod, with every node pool's spot set."
  value       = module.platform.clusters
}

output "deploy_dir" {
  description = "Absolute path of the rendered tree."
  value       = module.platform.deploy_dir
}
