# A local cluster whose ingress answers on http://127.0.0.1:8080 and https://127.0.0.1:8443,
# so that it runs beside anything already listening on ports 80 and 443.
provider "kind" {}

module "cluster" {
  source = "../../"

  name            = "example"
  worker_count    = 1
  http_port       = 8080
  https_port      = 8443
  kubeconfig_path = "${path.module}/example.kubeconfig"
}

output "kube_context" {
  description = "Context to pass to kubectl --context."
  value       = module.cluster.kube_context
}
