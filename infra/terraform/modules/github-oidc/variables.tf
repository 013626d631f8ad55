variable "repository" {
  description = "GitHub repository whose workflows may assume the roles, as `owner/name` (e.g. \"strata-platform/strata\")."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", var.repository))
    error_message = "repository must be `owner/name`, e.g. \"strata-platform/strata\", without https://github.com/ or .git."
  }
}

variable "name" {
  description = "Prefix of the role names: `<name>-plan` and `<name>-apply`."
  type        = string
  default     = "strata-terraform"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,57}$", var.name))
    error_message = "name must be 1 to 57 characters allowed in IAM role names (letters, digits and +=,.@_-)."
  }
}

variable "create_oidc_provider" {
  description = "Create the account's OIDC provider for token.actions.githubusercontent.com. An account has at most one; set false when it already exists and the roles should trust it."
  type        = bool
  default     = true
}

variable "apply_ref" {
  description = "The only Git ref whose workflow runs may assume the apply role."
  type        = string
  default     = "refs/heads/main"

  validation {
    condition     = can(regex("^refs/(heads|tags)/[^*?\\[\\]]+$", var.apply_ref))
    error_message = "apply_ref must be one full ref without wildcards, e.g. \"refs/heads/main\"."
  }
}

variable "apply_github_environments" {
  description = "GitHub environments whose jobs may also assume the apply role; by default the ones this repository's apply jobs run in (.github/workflows/apply.yml). Such jobs present `repo:<owner>/<name>:environment:<env>` as their subject instead of the ref, so give each of these environments a deployment branch policy that allows main only; `[]` leaves apply_ref alone."
  type        = list(string)
  default     = ["dev", "stage", "prod"]

  validation {
    condition     = alltrue([for env in var.apply_github_environments : can(regex("^[A-Za-z0-9._-]{1,255}$", env))])
    error_message = "Every apply_github_environments entry must be a GitHub environment name such as \"prod\" (letters, digits, '.', '_' and '-')."
  }
}

variable "state_bucket_arn" {
  description = "ARN of the S3 bucket holding Terraform state: the plan role may read it, the apply role may also write it and its lock files."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_arn))
    error_message = "state_bucket_arn must be an S3 bucket ARN, e.g. \"arn:aws:s3:::strata-terraform-state\"."
  }
}

variable "state_kms_key_arn" {
  description = "KMS key that encrypts the state bucket, if any: the plan role may decrypt with it, the apply role may also encrypt."
  type        = string
  default     = null

  validation {
    condition     = var.state_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.state_kms_key_arn))
    error_message = "state_kms_key_arn must be null or a KMS key ARN."
  }
}

variable "plan_policy_arns" {
  description = "Managed policies of the plan role; read-only, since any branch or pull request may assume it."
  type        = list(string)
  default     = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]

  validation {
    condition     = alltrue([for arn in var.plan_policy_arns : can(regex("^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/.+$", arn))])
    error_message = "Every plan_policy_arns entry must be an IAM policy ARN, e.g. \"arn:aws:iam::aws:policy/ReadOnlyAccess\"."
  }

  validation {
    condition     = !anytrue([for arn in var.plan_policy_arns : can(regex(":policy/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$", arn))])
    error_message = "plan_policy_arns must not grant write access (AdministratorAccess, PowerUserAccess, IAMFullAccess): pull requests from any branch can assume the plan role."
  }
}

variable "apply_policy_arns" {
  description = "Managed policies of the apply role: what Terraform needs to create the clusters and their cloud resources."
  type        = list(string)

  validation {
    condition     = length(var.apply_policy_arns) > 0 && alltrue([for arn in var.apply_policy_arns : can(regex("^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/.+$", arn))])
    error_message = "apply_policy_arns must be a non-empty list of IAM policy ARNs."
  }
}

variable "max_session_duration_seconds" {
  description = "Longest session either role may get; an EKS cluster takes 15 to 20 minutes to create."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration_seconds >= 3600 && var.max_session_duration_seconds <= 43200 && floor(var.max_session_duration_seconds) == var.max_session_duration_seconds
    error_message = "max_session_duration_seconds must be a whole number from 3600 to 43200."
  }
}

variable "tags" {
  description = "Tags added to every AWS resource of the module."
  type        = map(string)
  default     = {}
}
