locals {
  root_application_file   = "${var.deploy_dir}/bootstrap/${var.cluster_name}.yaml"
  argocd_application_file = "${var.deploy_dir}/clusters/${var.cluster_name}/apps/argocd.yaml"
  values_file             = "${var.deploy_dir}/clusters/${var.cluster_name}/values/argocd.yaml"

  # Files are read through fileexists so that a missing one fails the preconditions
  # below, with their message, rather than a file() call.
  root_application   = fileexists(local.root_application_file) ? file(local.root_application_file) : ""
  root_manifest      = try(yamldecode(local.root_application), {})
  argocd_application = try(yamldecode(fileexists(local.argocd_application_file) ? file(local.argocd_application_file) : "{}"), {})
  values             = fileexists(local.values_file) ? file(local.values_file) : ""

  # The chart source of Argo CD's own Application: installing exactly that chart, version
  # and release name lets Argo CD adopt the release without a change.
  chart_source  = try([for source in local.argocd_application.spec.sources : source if try(source.chart, "") == "argo-cd"][0], {})
  chart_version = var.chart_version != null ? var.chart_version : try(local.chart_source.targetRevision, "")
  release_name  = try(local.chart_source.helm.releaseName, "argocd")
}

# Installs Argo CD once. From then on the cluster's `argocd` Application manages Argo CD,
# so later changes arrive through Git, and Terraform never upgrades this release.
resource "helm_release" "argocd" {
  name             = local.release_name
  repository       = try(local.chart_source.repoURL, "")
  chart            = "argo-cd"
  version          = local.chart_version
  namespace        = var.namespace
  create_namespace = true
  values           = [local.values]
  wait             = true
  timeout          = var.timeout_seconds

  lifecycle {
    ignore_changes = all

    precondition {
      condition     = fileexists(local.values_file) && fileexists(local.argocd_application_file)
      error_message = "${local.values_file} or ${local.argocd_application_file} does not exist: is ${var.cluster_name} a cluster of the platform definition? Run `strata synth` and commit deploy/."
    }

    precondition {
      condition     = local.chart_version != "" && try(local.chart_source.repoURL, "") != ""
      error_message = "${local.argocd_application_file} has no argo-cd chart source with a repoURL and targetRevision; it is rendered by `strata synth`, do not edit it."
    }
  }
}

# The cluster's root Application (app-of-apps): Argo CD syncs deploy/clusters/<cluster>/apps
# from it, its own Application included.
resource "kubectl_manifest" "root_application" {
  yaml_body         = local.root_application
  server_side_apply = true
  wait              = false

  depends_on = [helm_release.argocd]

  lifecycle {
    precondition {
      condition     = fileexists(local.root_application_file)
      error_message = "${local.root_application_file} does not exist: is ${var.cluster_name} a cluster of the platform definition? Run `strata synth` and commit deploy/."
    }

    precondition {
      condition     = try(local.root_manifest.kind, "") == "Application" && try(local.root_manifest.metadata.namespace, "") == var.namespace
      error_message = "${local.root_application_file} must hold one Argo CD Application in namespace ${var.namespace}; it is rendered by `strata synth`, do not edit it."
    }
  }
}
