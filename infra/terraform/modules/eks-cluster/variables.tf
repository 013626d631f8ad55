variable "name" {
  description = "Name of the EKS cluster, its VPC and its IAM roles; Strata uses the cluster's name from the platform definition (e.g. \"prod-eu\")."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name))
    error_message = "name must be 2 to 32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (e.g. \"prod-eu\")."
  }
}

variable "region" {
  description = "AWS Region of the cluster and its VPC (e.g. \"eu-west-1\"); the provider's Region is not used."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS Region code such as \"eu-west-1\" or \"us-east-1\"."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes `<major>.<minor>` version of the control plane and of the managed node groups."
  type        = string
  default     = "1.33"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must be a Kubernetes minor version such as \"1.33\"."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the cluster's VPC, from /16 to /20. Its first six eighths hold one private subnet (nodes and pods) per availability zone; the seventh is split into public subnets and the eighth into control-plane subnets."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20, false)
    error_message = "vpc_cidr must be an IPv4 CIDR block from /16 to /20, e.g. \"10.0.0.0/16\"."
  }

  validation {
    condition     = try(cidrhost(var.vpc_cidr, 0) == split("/", var.vpc_cidr)[0], false)
    error_message = "vpc_cidr must start at its network address (e.g. \"10.0.0.0/16\", not \"10.0.1.0/16\")."
  }
}

variable "availability_zone_count" {
  description = "Number of availability zones the subnets and node groups span."
  type        = number
  default     = 3

  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 6 && floor(var.availability_zone_count) == var.availability_zone_count
    error_message = "availability_zone_count must be a whole number from 2 to 6 (EKS needs subnets in at least two zones)."
  }
}

variable "single_nat_gateway" {
  description = "Route every private subnet through one NAT gateway instead of one per availability zone: cheaper, but egress then depends on a single zone."
  type        = bool
  default     = false
}

variable "node_pools" {
  description = "EKS managed node groups by name. `spot = true` buys Spot capacity; `desired_size` defaults to `min_size`; `labels` are added to the `strata.dev/node-pool` label every node gets; `ami_type` defaults to the module's AL2023 x86_64 image (set an ARM type for Graviton instances)."
  type = map(object({
    instance_type = string
    min_size      = number
    max_size      = number
    spot          = optional(bool, false)
    desired_size  = optional(number)
    labels        = optional(map(string), {})
    ami_type      = optional(string)
  }))

  validation {
    condition     = length(var.node_pools) > 0
    error_message = "node_pools must define at least one node pool, e.g. { general = { instance_type = \"m6i.large\", min_size = 2, max_size = 4 } }."
  }

  validation {
    condition     = alltrue([for name in keys(var.node_pools) : can(regex("^[a-z][a-z0-9-]{0,30}$", name))])
    error_message = "Every node pool name must be 1 to 31 lowercase letters, digits and '-', starting with a letter."
  }

  validation {
    condition     = alltrue([for pool in values(var.node_pools) : can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9-]+$", pool.instance_type))])
    error_message = "Every node pool's instance_type must be an EC2 instance type such as \"m6i.xlarge\"."
  }

  validation {
    condition = alltrue([
      for pool in values(var.node_pools) :
      pool.min_size >= 0 && pool.max_size >= 1 && pool.max_size <= 1000 && floor(pool.min_size) == pool.min_size && floor(pool.max_size) == pool.max_size
    ])
    error_message = "Every node pool needs whole numbers with min_size >= 0 and 1 <= max_size <= 1000."
  }

  validation {
    condition     = alltrue([for pool in values(var.node_pools) : pool.min_size <= pool.max_size])
    error_message = "Every node pool needs min_size <= max_size."
  }

  validation {
    condition = alltrue([
      for pool in values(var.node_pools) :
      pool.desired_size == null ? true : (pool.desired_size >= pool.min_size && pool.desired_size <= pool.max_size)
    ])
    error_message = "A node pool's desired_size must lie between its min_size and max_size."
  }
}

variable "endpoint_public_access" {
  description = "Expose the Kubernetes API on a public endpoint (limited to endpoint_public_access_cidrs); needed when Terraform or CI runs outside the VPC."
  type        = bool
  default     = true
}

variable "endpoint_public_access_cidrs" {
  description = "IPv4 CIDR blocks allowed to reach the public API endpoint."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.endpoint_public_access_cidrs) > 0 && alltrue([for cidr in var.endpoint_public_access_cidrs : can(cidrnetmask(cidr))])
    error_message = "endpoint_public_access_cidrs must be a non-empty list of IPv4 CIDR blocks, e.g. [\"203.0.113.0/24\"]."
  }
}

variable "admin_principal_arns" {
  description = "IAM roles or users given cluster-admin access through EKS access entries, besides the identity that creates the cluster."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", arn))])
    error_message = "Every admin_principal_arns entry must be an IAM role or user ARN, e.g. \"arn:aws:iam::123456789012:role/platform-admin\"."
  }
}

variable "kms_key_deletion_window_in_days" {
  description = "Waiting period before the KMS key that encrypts the cluster's Secrets is deleted with the cluster."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_key_deletion_window_in_days >= 7 && var.kms_key_deletion_window_in_days <= 30 && floor(var.kms_key_deletion_window_in_days) == var.kms_key_deletion_window_in_days
    error_message = "kms_key_deletion_window_in_days must be a whole number from 7 to 30."
  }
}

variable "tags" {
  description = "Tags added to every AWS resource of the cluster."
  type        = map(string)
  default     = {}
}
