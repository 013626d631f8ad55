# State written before the bootstrap moved into modules/eks-argocd-bootstrap follows it,
# instead of Argo CD being planned for reinstallation. Remove this block once every
# workspace of this root has been applied with it.
moved {
  from = module.argocd
  to   = module.bootstrap.module.argocd
}
