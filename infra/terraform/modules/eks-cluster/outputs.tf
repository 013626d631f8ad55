output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks.cluster_name
}

output "cluster_arn" {
  description = "ARN of the EKS cluster."
  value       = module.eks.cluster_arn
}

output "cluster_endpoint" {
  description = "URL of the cluster's Kubernetes API server."
  value       = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64-encoded certificate of the cluster's certificate authority."
  value       = module.eks.cluster_certificate_authority_data
}

output "kubernetes_version" {
  description = "Kubernetes version of the control plane."
  value       = module.eks.cluster_version
}

output "region" {
  description = "AWS Region of the cluster."
  value       = var.region
}

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the cluster's Secrets."
  value       = module.eks.kms_key_arn
}

output "vpc_id" {
  description = "ID of the cluster's VPC."
  value       = module.vpc.vpc_id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets of the nodes, one per availability zone."
  value       = module.vpc.private_subnets
}

output "node_security_group_id" {
  description = "ID of the security group shared by the nodes."
  value       = module.eks.node_security_group_id
}

output "node_groups" {
  description = "EKS managed node groups by pool name, as the community module reports them."
  value       = module.eks.eks_managed_node_groups
}

output "addon_role_arns" {
  description = "ARNs of the EKS Pod Identity roles of the add-ons, by add-on name."
  value       = { for name, role in aws_iam_role.addon : name => role.arn }
}
