# TFLint for infra/terraform: CI runs it in each environment root (which also inspects the
# local modules they call), pre-commit in each folder with a changed file.
#   tflint --init && tflint --chdir=infra/terraform/envs/stage --config="$PWD/.tflint.hcl"

tflint {
  required_version = ">= 0.54"
}

config {
  # Local modules (infra/terraform/modules) are linted through their callers; registry
  # modules (terraform-aws-modules) are not downloaded here.
  call_module_type = "local"
}

# Built into tflint; "recommended" plus the terraform-aws-modules habit of documenting
# every variable and output (STYLE.md).
plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

rule "terraform_documented_variables" {
  enabled = true
}

rule "terraform_documented_outputs" {
  enabled = true
}

# Pinned: `tflint --init` downloads exactly this release.
plugin "aws" {
  enabled = true
  version = "0.48.0"
  source  = "github.com/terraform-linters/tflint-ruleset-aws"
}
