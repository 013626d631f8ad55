module "bootstrap" {
  source = "../../../modules/eks-argocd-bootstrap"

  # One state per cluster: the cluster is the selected workspace. The environment's inputs
  # are the ones strata synth wrote for ../, and gitops.path is relative to the repository
  # root, five folders above this one.
  cluster_name    = terraform.workspace
  inputs          = jsondecode(file("${path.module}/../strata.auto.tfvars.json"))
  repository_root = "${path.module}/../../../../.."
}
