output "zone_id" {
  description = "ID of the hosted zone, for external-dns's zone filter."
  value       = local.zone_id
}

output "zone_name" {
  description = "Domain of the hosted zone."
  value       = var.zone_name
}

output "name_servers" {
  description = "Name servers of the zone, to delegate the domain to from its parent zone or registrar."
  value       = local.name_servers
}

output "external_dns_role_arn" {
  description = "ARN of the IAM role external-dns assumes through EKS Pod Identity."
  value       = aws_iam_role.external_dns.arn
}
