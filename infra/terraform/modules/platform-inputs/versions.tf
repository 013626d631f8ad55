terraform {
  # 1.9 lets a validation refer to other variables (cluster_provider), which the inputs' do.
  required_version = ">= 1.9, < 2.0"
}
