output "name" {
  description = "Name of the kind cluster."
  value       = kind_cluster.this.name
}

output "kube_context" {
  description = "Context of the cluster in its kubeconfig (`kind-<name>`)."
  value       = "kind-${kind_cluster.this.name}"
}

output "endpoint" {
  description = "URL of the cluster's Kubernetes API server on the host."
  value       = kind_cluster.this.endpoint
}

output "kubeconfig" {
  description = "Kubeconfig of the cluster, with admin credentials."
  value       = kind_cluster.this.kubeconfig
  sensitive   = true
}

output "kubeconfig_path" {
  description = "File the kubeconfig was written to."
  value       = kind_cluster.this.kubeconfig_path
}

output "client_certificate" {
  description = "PEM client certificate of the cluster admin, for Kubernetes and Helm provider configurations."
  value       = kind_cluster.this.client_certificate
  sensitive   = true
}

output "client_key" {
  description = "PEM client key of the cluster admin, for Kubernetes and Helm provider configurations."
  value       = kind_cluster.this.client_key
  sensitive   = true
}

output "cluster_ca_certificate" {
  description = "PEM certificate of the cluster's certificate authority."
  value       = kind_cluster.this.cluster_ca_certificate
  sensitive   = true
}

output "http_url" {
  description = "Base URL of the ingress's HTTP port on the host, e.g. for probes through the ingress controller."
  value       = "http://${var.listen_address == "0.0.0.0" ? "127.0.0.1" : var.listen_address}:${var.http_port}"
}
