resource "kind_cluster" "this" {
  name            = var.name
  node_image      = var.node_image
  wait_for_ready  = var.wait_for_ready
  kubeconfig_path = var.kubeconfig_path

  kind_config {
    kind        = "Cluster"
    api_version = "kind.x-k8s.io/v1alpha4"

    node {
      role = "control-plane"

      # kind's ingress guide: the ingress controller is scheduled on the node labelled
      # ingress-ready, whose ports 80 and 443 are the ones mapped to the host.
      labels = {
        "ingress-ready" = "true"
      }

      extra_port_mappings {
        container_port = 80
        host_port      = var.http_port
        listen_address = var.listen_address
        protocol       = "TCP"
      }

      extra_port_mappings {
        container_port = 443
        host_port      = var.https_port
        listen_address = var.listen_address
        protocol       = "TCP"
      }
    }

    dynamic "node" {
      for_each = range(var.worker_count)

      content {
        role = "worker"
      }
    }
  }
}
