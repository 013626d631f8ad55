# State written before the environment's modules moved into modules/platform-environment
# follows them, instead of being planned for destruction. Remove these blocks once every
# state of this root has been applied with them.

moved {
  from = module.cluster
  to   = module.environment.module.cluster
}

moved {
  from = module.monitoring
  to   = module.environment.module.monitoring
}

moved {
  from = module.backup_storage
  to   = module.environment.module.backup_storage
}

moved {
  from = module.dns
  to   = module.environment.module.dns
}
