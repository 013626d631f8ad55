# Roles for the Terraform workflows of strata-platform/strata: plan on every pull request,
# apply on main, from the jobs of its protected dev, stage and prod environments.
provider "aws" {
  region = "eu-west-1"
}

module "github_oidc" {
  source = "../../"

  repository        = "strata-platform/strata"
  state_bucket_arn  = "arn:aws:s3:::strata-terraform-state"
  apply_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]

  tags = {
    "strata.dev/environment" = "shared"
  }
}

output "plan_role_arn" {
  description = "Role for pull request workflows."
  value       = module.github_oidc.plan_role_arn
}

output "apply_role_arn" {
  description = "Role for the workflow on main."
  value       = module.github_oidc.apply_role_arn
}
