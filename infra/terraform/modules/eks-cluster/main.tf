data "aws_partition" "current" {}

data "aws_availability_zones" "available" {
  region = var.region
  state  = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, var.availability_zone_count)

  # Eighths of the VPC: the first six hold one private subnet per zone (nodes and pods
  # take their IPs from these with the VPC CNI), the seventh is split into public subnets
  # (load balancers, NAT) and the eighth into control-plane subnets.
  private_subnets = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 3, i)]
  public_subnets  = [for i, az in local.azs : cidrsubnet(cidrsubnet(var.vpc_cidr, 3, 6), 3, i)]
  intra_subnets   = [for i, az in local.azs : cidrsubnet(cidrsubnet(var.vpc_cidr, 3, 7), 3, i)]

  tags = merge(var.tags, { "strata.dev/cluster" = var.name })

  node_groups = {
    for name, pool in var.node_pools : name => {
      instance_types = [pool.instance_type]
      capacity_type  = pool.spot ? "SPOT" : "ON_DEMAND"
      ami_type       = pool.ami_type
      min_size       = pool.min_size
      max_size       = pool.max_size
      desired_size   = coalesce(pool.desired_size, pool.min_size)
      labels         = merge(pool.labels, { "strata.dev/node-pool" = name })
    }
  }

  # Add-ons that call AWS APIs, with the service account EKS Pod Identity binds their role to.
  addon_roles = {
    aws-ebs-csi-driver = {
      service_account = "ebs-csi-controller-sa"
      policy_arn      = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
    }
  }
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name   = var.name
  region = var.region
  cidr   = var.vpc_cidr
  azs    = local.azs

  private_subnets = local.private_subnets
  public_subnets  = local.public_subnets
  intra_subnets   = local.intra_subnets

  enable_nat_gateway     = true
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway
  enable_dns_hostnames   = true

  # Where the AWS Load Balancer Controller puts internet-facing and internal load balancers.
  public_subnet_tags  = { "kubernetes.io/role/elb" = "1" }
  private_subnet_tags = { "kubernetes.io/role/internal-elb" = "1" }

  tags = local.tags
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  name               = var.name
  region             = var.region
  kubernetes_version = var.kubernetes_version

  endpoint_public_access       = var.endpoint_public_access
  endpoint_public_access_cidrs = var.endpoint_public_access_cidrs

  vpc_id                   = module.vpc.vpc_id
  subnet_ids               = module.vpc.private_subnets
  control_plane_subnet_ids = module.vpc.intra_subnets

  # Secrets are envelope-encrypted with a customer-managed KMS key that the module creates.
  create_kms_key                  = true
  enable_kms_key_rotation         = true
  kms_key_deletion_window_in_days = var.kms_key_deletion_window_in_days
  encryption_config = {
    resources = ["secrets"]
  }

  authentication_mode                      = "API"
  enable_cluster_creator_admin_permissions = true
  access_entries = {
    for arn in var.admin_principal_arns : arn => {
      principal_arn = arn
      policy_associations = {
        cluster-admin = {
          policy_arn   = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          access_scope = { type = "cluster" }
        }
      }
    }
  }

  # Add-ons reach AWS through EKS Pod Identity: the agent runs before any node group, and
  # each add-on that calls AWS gets its own role bound to its service account.
  addons = {
    eks-pod-identity-agent = { before_compute = true }
    vpc-cni                = { before_compute = true }
    kube-proxy             = {}
    coredns                = {}
    aws-ebs-csi-driver = {
      pod_identity_association = [{
        role_arn        = aws_iam_role.addon["aws-ebs-csi-driver"].arn
        service_account = local.addon_roles["aws-ebs-csi-driver"].service_account
      }]
    }
  }

  eks_managed_node_groups = local.node_groups

  tags = local.tags
}

data "aws_iam_policy_document" "pod_identity_trust" {
  statement {
    sid     = "EksPodIdentity"
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "addon" {
  for_each = local.addon_roles

  name               = "${var.name}-${each.key}"
  description        = "EKS Pod Identity role of the ${each.key} add-on of cluster ${var.name}"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_trust.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "addon" {
  for_each = local.addon_roles

  role       = aws_iam_role.addon[each.key].name
  policy_arn = each.value.policy_arn
}
