# Plans against mocked providers with the repository's rendered deploy/ tree.
mock_provider "helm" {}
mock_provider "kubectl" {}

variables {
  cluster_name = "dev-local"
  deploy_dir   = "../../../../deploy"
}

run "installs_the_pinned_chart_with_the_rendered_values" {
  command = plan

  assert {
    condition     = helm_release.argocd.chart == "argo-cd" && helm_release.argocd.version == "9.0.5"
    error_message = "Argo CD comes from the argo-cd chart at the version pinned in packages/render/src/charts.ts."
  }

  assert {
    condition     = helm_release.argocd.repository == "https://argoproj.github.io/argo-helm"
    error_message = "The chart comes from the repository of Argo CD's own Application."
  }

  assert {
    condition     = helm_release.argocd.name == "argocd" && helm_release.argocd.namespace == "argocd"
    error_message = "Release name and namespace must match Argo CD's own Application, which adopts the release."
  }

  assert {
    condition     = yamldecode(helm_release.argocd.values[0]).global.domain == "argocd.dev-local.strata.example.com"
    error_message = "The values are the ones rendered for the cluster."
  }
}

run "applies_the_root_application_of_the_cluster" {
  command = plan

  assert {
    condition     = yamldecode(kubectl_manifest.root_application.yaml_body).metadata.name == "root"
    error_message = "The root Application comes from deploy/bootstrap/<cluster>.yaml."
  }

  assert {
    condition     = output.root_application_source_path == "deploy/clusters/dev-local/apps"
    error_message = "The root Application syncs the cluster's apps folder."
  }
}

run "installs_an_explicit_chart_version" {
  command = plan

  variables {
    chart_version = "9.0.4"
  }

  assert {
    condition     = helm_release.argocd.version == "9.0.4"
    error_message = "chart_version overrides the version of the rendered Application."
  }
}

run "fails_for_a_cluster_that_was_not_rendered" {
  command = plan

  variables {
    cluster_name = "no-such-cluster"
  }

  expect_failures = [helm_release.argocd, kubectl_manifest.root_application]
}
