variable "name" {
  description = "Prefix of the buckets and IAM roles, e.g. \"strata-prod-eu\"; buckets are named `<name>-loki-<account id>` and `<name>-tempo-<account id>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be 3 to 40 lowercase letters, digits and '-', starting and ending with a letter or digit, so that bucket names stay within 63 characters."
  }
}

variable "region" {
  description = "AWS Region of the buckets: the Region of the cluster whose Loki and Tempo write to them."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS Region code such as \"eu-west-1\"."
  }
}

variable "cluster_name" {
  description = "EKS cluster whose Loki and Tempo service accounts get the bucket roles through EKS Pod Identity."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.cluster_name))
    error_message = "cluster_name must be an EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit."
  }
}

variable "namespace" {
  description = "Namespace Loki and Tempo run in (the platform's monitoring namespace)."
  type        = string
  default     = "monitoring"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label, e.g. \"monitoring\"."
  }
}

variable "loki_service_account" {
  description = "Service account of Loki's pods (the chart names it after the release)."
  type        = string
  default     = "loki"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.loki_service_account))
    error_message = "loki_service_account must be a Kubernetes object name, e.g. \"loki\"."
  }
}

variable "tempo_service_account" {
  description = "Service account of Tempo's pods (the chart names it after the release)."
  type        = string
  default     = "tempo"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.tempo_service_account))
    error_message = "tempo_service_account must be a Kubernetes object name, e.g. \"tempo\"."
  }
}

variable "loki_retention_days" {
  description = "Days after which S3 deletes log chunks and indexes. Keep it at or above Loki's own retention (its compactor deletes earlier); S3's rule is the backstop."
  type        = number
  default     = 31

  validation {
    condition     = var.loki_retention_days >= 1 && var.loki_retention_days <= 3650 && floor(var.loki_retention_days) == var.loki_retention_days
    error_message = "loki_retention_days must be a whole number of days from 1 to 3650."
  }
}

variable "tempo_retention_days" {
  description = "Days after which S3 deletes trace blocks. Keep it at or above Tempo's block retention."
  type        = number
  default     = 15

  validation {
    condition     = var.tempo_retention_days >= 1 && var.tempo_retention_days <= 3650 && floor(var.tempo_retention_days) == var.tempo_retention_days
    error_message = "tempo_retention_days must be a whole number of days from 1 to 3650."
  }
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the buckets; `null` encrypts with S3-managed keys (SSE-S3)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key ARN, e.g. \"arn:aws:kms:eu-west-1:123456789012:key/…\"."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete buckets that still hold logs and traces."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every AWS resource of the module."
  type        = map(string)
  default     = {}
}
