locals {
  deploy_dir = abspath("${var.repository_root}/${var.inputs.gitops.path}")
}

# strata synth writes these inputs and deploy/ from one definition; a warning here means one
# of them is stale.
check "rendered_tree_matches_the_inputs" {
  assert {
    condition = alltrue([
      for name in keys(var.inputs.clusters) : try(
        yamldecode(file("${local.deploy_dir}/bootstrap/${name}.yaml")).spec.source.repoURL == var.inputs.gitops.repo_url &&
        yamldecode(file("${local.deploy_dir}/bootstrap/${name}.yaml")).spec.source.targetRevision == var.inputs.gitops.revision,
        false
      )
    ])
    error_message = "deploy/bootstrap/<cluster>.yaml is missing for a cluster of ${var.inputs.environment}, or does not sync ${var.inputs.gitops.repo_url} at ${var.inputs.gitops.revision}: run `strata synth` and commit deploy/ with strata.auto.tfvars.json."
  }
}
