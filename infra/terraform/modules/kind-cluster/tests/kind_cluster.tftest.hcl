mock_provider "kind" {}

variables {
  name = "dev-local"
}

run "maps_the_ingress_ports_of_the_control_plane" {
  command = plan

  assert {
    condition     = kind_cluster.this.kind_config[0].node[0].role == "control-plane"
    error_message = "The first node must be the control plane."
  }

  assert {
    condition     = [for m in kind_cluster.this.kind_config[0].node[0].extra_port_mappings : m.container_port] == [80, 443]
    error_message = "The control plane must map container ports 80 and 443."
  }

  assert {
    condition     = [for m in kind_cluster.this.kind_config[0].node[0].extra_port_mappings : m.host_port] == [80, 443]
    error_message = "Host ports must default to 80 and 443."
  }

  assert {
    condition     = kind_cluster.this.kind_config[0].node[0].labels["ingress-ready"] == "true"
    error_message = "The control plane must carry the ingress-ready label."
  }

  assert {
    condition     = length(kind_cluster.this.kind_config[0].node) == 2
    error_message = "One control plane and one worker by default."
  }

  assert {
    condition     = output.kube_context == "kind-dev-local"
    error_message = "The kubeconfig context is kind-<name>."
  }
}

run "moves_the_ingress_to_other_host_ports" {
  command = plan

  variables {
    http_port    = 8080
    https_port   = 8443
    worker_count = 0
  }

  assert {
    condition     = [for m in kind_cluster.this.kind_config[0].node[0].extra_port_mappings : m.host_port] == [8080, 8443]
    error_message = "Host ports must follow http_port and https_port."
  }

  assert {
    condition     = length(kind_cluster.this.kind_config[0].node) == 1
    error_message = "worker_count = 0 leaves the control plane alone."
  }

  assert {
    condition     = output.http_url == "http://127.0.0.1:8080"
    error_message = "http_url must name the mapped HTTP port."
  }
}
