variable "name" {
  description = "Name of the kind cluster; its nodes run as Docker containers named `<name>-control-plane` and `<name>-worker`."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$", var.name))
    error_message = "name must be 1 to 50 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. \"dev-local\")."
  }
}

variable "node_image" {
  description = "kindest/node image of every node; it sets the Kubernetes version of the cluster."
  type        = string
  default     = "kindest/node:v1.33.1"

  validation {
    condition     = can(regex("^[^\\s:]+:v[0-9]+\\.[0-9]+\\.[0-9]+(@sha256:[0-9a-f]{64})?$", var.node_image))
    error_message = "node_image must be an image reference with a Kubernetes version tag, e.g. \"kindest/node:v1.33.1\"."
  }
}

variable "worker_count" {
  description = "Number of worker nodes beside the control-plane node (0 runs every pod on the control plane)."
  type        = number
  default     = 1

  validation {
    condition     = var.worker_count >= 0 && var.worker_count <= 10 && floor(var.worker_count) == var.worker_count
    error_message = "worker_count must be a whole number from 0 to 10."
  }
}

variable "http_port" {
  description = "Port on the host mapped to port 80 of the control-plane node, where an ingress controller with hostPort 80 listens."
  type        = number
  default     = 80

  validation {
    condition     = var.http_port >= 1 && var.http_port <= 65535 && floor(var.http_port) == var.http_port
    error_message = "http_port must be a whole number from 1 to 65535."
  }
}

variable "https_port" {
  description = "Port on the host mapped to port 443 of the control-plane node, where an ingress controller with hostPort 443 listens."
  type        = number
  default     = 443

  validation {
    condition     = var.https_port >= 1 && var.https_port <= 65535 && floor(var.https_port) == var.https_port
    error_message = "https_port must be a whole number from 1 to 65535."
  }
}

variable "listen_address" {
  description = "Host address the ingress ports are bound to; the default keeps them off the network."
  type        = string
  default     = "127.0.0.1"

  validation {
    condition     = can(cidrhost("${var.listen_address}/32", 0))
    error_message = "listen_address must be an IPv4 address, e.g. \"127.0.0.1\" or \"0.0.0.0\"."
  }
}

variable "kubeconfig_path" {
  description = "File the cluster's kubeconfig is written to. `null` lets the provider write `<name>-config` in the working directory."
  type        = string
  default     = null
}

variable "wait_for_ready" {
  description = "Wait until the control plane is ready before the cluster counts as created."
  type        = bool
  default     = true
}
