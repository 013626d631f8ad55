# Plans against mocked providers (the module's own provider blocks are the test's) with the
# inputs strata synth wrote for the reference platform's prod and the rendered deploy/ tree.
mock_provider "aws" {
  mock_data "aws_eks_cluster" {
    defaults = {
      endpoint = "https://prod-us.eks.amazonaws.com"
      certificate_authority = [{
        data = "Y2VydGlmaWNhdGU="
      }]
    }
  }
}
mock_provider "helm" {}
mock_provider "kubectl" {}

variables {
  cluster_name    = "prod-us"
  inputs          = jsondecode(file("../../../../infra/terraform/envs/prod/strata.auto.tfvars.json"))
  repository_root = "../../../.."
}

run "reaches_the_named_cluster_in_its_region" {
  command = plan

  assert {
    condition     = output.region == "us-east-1" && data.aws_eks_cluster.this.name == "prod-us"
    error_message = "The cluster is read in its own Region."
  }

  assert {
    condition     = local.kube_exec.args == ["eks", "get-token", "--cluster-name", "prod-us", "--region", "us-east-1"]
    error_message = "Kubernetes tokens are issued for the cluster, in its Region."
  }
}

run "bootstraps_argo_cd_from_the_cluster_s_rendered_tree" {
  command = plan

  assert {
    condition     = output.argocd_chart_version == "9.0.5" && output.root_application_source_path == "deploy/clusters/prod-us/apps"
    error_message = "Argo CD is installed at the pinned version, and the root Application syncs the cluster's apps folder."
  }
}

run "rejects_a_workspace_that_names_no_cluster" {
  command = plan

  variables {
    cluster_name = "default"
  }

  expect_failures = [var.cluster_name]
}
