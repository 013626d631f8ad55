variable "name" {
  description = "Prefix of the external-dns IAM role, e.g. \"strata-prod\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$", var.name))
    error_message = "name must be 3 to 48 lowercase letters, digits and '-', starting and ending with a letter or digit."
  }
}

variable "zone_name" {
  description = "Domain of the public hosted zone, e.g. \"strata.example.com\" (the platform's `domain`)."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.zone_name)) && length(var.zone_name) <= 253
    error_message = "zone_name must be a lowercase domain name without a trailing dot, e.g. \"strata.example.com\"."
  }
}

variable "create_zone" {
  description = "Create the hosted zone. Set it to false in every environment but the one that owns the zone: they look the zone up and add records to it."
  type        = bool
  default     = true
}

variable "clusters" {
  description = "EKS clusters whose external-dns gets the role through EKS Pod Identity, by any stable key (Strata uses the cluster's name); `cluster_name` may be known only after apply."
  type = map(object({
    cluster_name = string
    region       = string
  }))
  default = {}

  validation {
    condition     = alltrue([for c in values(var.clusters) : can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", c.region))])
    error_message = "Every cluster's region must be an AWS Region code such as \"eu-west-1\"."
  }
}

variable "namespace" {
  description = "Namespace external-dns runs in."
  type        = string
  default     = "external-dns"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label, e.g. \"external-dns\"."
  }
}

variable "service_account" {
  description = "Service account of external-dns."
  type        = string
  default     = "external-dns"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.service_account))
    error_message = "service_account must be a Kubernetes object name, e.g. \"external-dns\"."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the zone while it still holds records other than NS and SOA."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every AWS resource of the module."
  type        = map(string)
  default     = {}
}
