variable "cluster_name" {
  description = "Name of the cluster in the platform definition; selects `bootstrap/<cluster_name>.yaml`, `clusters/<cluster_name>/apps/argocd.yaml` and `clusters/<cluster_name>/values/argocd.yaml` in deploy_dir."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. \"dev-local\")."
  }
}

variable "deploy_dir" {
  description = "Path of the GitOps tree `strata synth` rendered (the repository's `deploy/` folder), absolute or relative to the working directory."
  type        = string

  validation {
    condition     = fileexists("${var.deploy_dir}/README.md")
    error_message = "deploy_dir must be the folder strata synth writes (it holds README.md, bootstrap/ and clusters/); run `strata synth` or fix the path."
  }
}

variable "chart_version" {
  description = "Version of the argo-cd Helm chart to install; `null` takes the version of Argo CD's own Application in the rendered tree (the one pinned in packages/render/src/charts.ts), so that Argo CD takes over the release without changing it."
  type        = string
  default     = null

  validation {
    condition     = var.chart_version == null || can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "chart_version must be null or an exact chart version such as \"9.0.5\"."
  }
}

variable "namespace" {
  description = "Namespace of Argo CD; must be the namespace of the rendered root Application."
  type        = string
  default     = "argocd"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label, e.g. \"argocd\"."
  }
}

variable "timeout_seconds" {
  description = "How long the Helm install may take until every Argo CD workload is ready."
  type        = number
  default     = 600

  validation {
    condition     = var.timeout_seconds >= 60 && var.timeout_seconds <= 3600 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number from 60 to 3600."
  }
}
