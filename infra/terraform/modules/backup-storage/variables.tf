variable "name" {
  description = "Prefix of the bucket and IAM role, e.g. \"strata-prod-eu\"; the bucket is named `<name>-velero-<account id>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be 3 to 40 lowercase letters, digits and '-', starting and ending with a letter or digit, so that the bucket name stays within 63 characters."
  }
}

variable "region" {
  description = "AWS Region of the bucket: the Region of the cluster Velero backs up (volume snapshots stay in it too)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS Region code such as \"eu-west-1\"."
  }
}

variable "cluster_name" {
  description = "EKS cluster whose Velero service account gets the role through EKS Pod Identity."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.cluster_name))
    error_message = "cluster_name must be an EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit."
  }
}

variable "namespace" {
  description = "Namespace Velero runs in."
  type        = string
  default     = "velero"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label, e.g. \"velero\"."
  }
}

variable "service_account" {
  description = "Service account of the Velero server (the chart names it `<release>-server`)."
  type        = string
  default     = "velero-server"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.service_account))
    error_message = "service_account must be a Kubernetes object name, e.g. \"velero-server\"."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days a backup object is kept after Velero deletes or overwrites it; the bucket is versioned so that a deleted backup can be recovered within this window. Velero's own TTL expires backups."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_retention_days >= 1 && var.noncurrent_version_retention_days <= 3650 && floor(var.noncurrent_version_retention_days) == var.noncurrent_version_retention_days
    error_message = "noncurrent_version_retention_days must be a whole number of days from 1 to 3650."
  }
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the bucket; `null` encrypts with S3-managed keys (SSE-S3)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key ARN, e.g. \"arn:aws:kms:eu-west-1:123456789012:key/…\"."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the bucket while it still holds backups."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every AWS resource of the module."
  type        = map(string)
  default     = {}
}
