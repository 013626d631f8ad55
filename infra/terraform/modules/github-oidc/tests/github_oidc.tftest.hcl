# Plans against a mocked AWS provider.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  repository        = "strata-platform/strata"
  state_bucket_arn  = "arn:aws:s3:::strata-terraform-state"
  apply_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

run "lets_any_ref_plan_and_main_and_its_environments_apply" {
  command = plan

  assert {
    condition     = output.plan_subjects == ["repo:strata-platform/strata:pull_request", "repo:strata-platform/strata:ref:*"]
    error_message = "Pull requests and any ref of the repository may plan."
  }

  assert {
    condition = output.apply_subjects == [
      "repo:strata-platform/strata:ref:refs/heads/main",
      "repo:strata-platform/strata:environment:dev",
      "repo:strata-platform/strata:environment:stage",
      "repo:strata-platform/strata:environment:prod",
    ]
    error_message = "main, and the jobs of the environments apply.yml runs in (dev, stage, prod), may apply."
  }

  assert {
    condition     = alltrue([for subject in output.apply_subjects : !strcontains(subject, "*") && !strcontains(subject, "pull_request")])
    error_message = "No wildcard and no pull request may apply."
  }

  assert {
    condition     = aws_iam_role.plan.name == "strata-terraform-plan" && aws_iam_role.apply.name == "strata-terraform-apply"
    error_message = "Roles are named <name>-plan and <name>-apply."
  }
}

run "trusts_only_main_for_apply_without_environments" {
  command = plan

  variables {
    apply_github_environments = []
  }

  assert {
    condition     = output.apply_subjects == ["repo:strata-platform/strata:ref:refs/heads/main"]
    error_message = "Without environments, only refs/heads/main may apply."
  }
}

run "trusts_the_jobs_of_the_listed_environments_for_apply" {
  command = plan

  variables {
    apply_github_environments = ["prod"]
  }

  assert {
    condition     = output.apply_subjects == ["repo:strata-platform/strata:ref:refs/heads/main", "repo:strata-platform/strata:environment:prod"]
    error_message = "Jobs of the listed environments may apply, beside main."
  }
}

run "gives_the_plan_role_read_only_access" {
  command = plan

  assert {
    condition     = keys(aws_iam_role_policy_attachment.plan) == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    error_message = "The plan role gets ReadOnlyAccess by default."
  }
}

run "creates_the_github_oidc_provider" {
  command = plan

  assert {
    condition     = aws_iam_openid_connect_provider.github[0].url == "https://token.actions.githubusercontent.com" && length(aws_iam_openid_connect_provider.github[0].client_id_list) == 1 && contains(aws_iam_openid_connect_provider.github[0].client_id_list, "sts.amazonaws.com")
    error_message = "The provider trusts GitHub's issuer for the STS audience."
  }
}

run "trusts_an_existing_provider" {
  command = plan

  variables {
    create_oidc_provider = false
  }

  assert {
    condition     = length(aws_iam_openid_connect_provider.github) == 0
    error_message = "No provider is created when create_oidc_provider is false."
  }

  assert {
    condition     = output.oidc_provider_arn == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    error_message = "The roles trust the account's existing GitHub provider."
  }
}
