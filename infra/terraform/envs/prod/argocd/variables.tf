# This root has no input variables of its own: the cluster is the name of the selected
# workspace, and everything else comes from the environment's inputs, which `strata synth`
# writes to ../strata.auto.tfvars.json.
