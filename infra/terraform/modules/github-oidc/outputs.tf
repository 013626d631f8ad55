output "oidc_provider_arn" {
  description = "ARN of the OIDC provider for GitHub Actions that the roles trust."
  value       = local.oidc_provider_arn
}

output "plan_role_arn" {
  description = "ARN of the read-only role for `terraform plan` (role-to-assume of aws-actions/configure-aws-credentials in pull request workflows)."
  value       = aws_iam_role.plan.arn
}

output "apply_role_arn" {
  description = "ARN of the role for `terraform apply`, assumable only from apply_ref and the jobs of apply_github_environments."
  value       = aws_iam_role.apply.arn
}

output "plan_subjects" {
  description = "`sub` claims the plan role accepts."
  value       = local.plan_subjects
}

output "apply_subjects" {
  description = "`sub` claims the apply role accepts."
  value       = local.apply_subjects
}
