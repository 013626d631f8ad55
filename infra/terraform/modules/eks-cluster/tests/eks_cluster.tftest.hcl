# Plans against mocked providers, with the two community modules overridden, so that
# these runs check this module's own logic: subnets, node groups and add-on identities.
mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"]
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

override_module {
  target = module.vpc
  outputs = {
    vpc_id          = "vpc-0123456789abcdef0"
    private_subnets = ["subnet-a", "subnet-b", "subnet-c"]
    intra_subnets   = ["subnet-x", "subnet-y", "subnet-z"]
  }
}

override_module {
  target = module.eks
  outputs = {
    cluster_name = "prod-eu"
  }
}

variables {
  name   = "prod-eu"
  region = "eu-west-1"
  node_pools = {
    general = { instance_type = "m6i.xlarge", min_size = 3, max_size = 10, spot = false }
    spot    = { instance_type = "m6i.xlarge", min_size = 0, max_size = 10, spot = true }
  }
}

run "splits_the_vpc_into_non_overlapping_subnets" {
  command = plan

  assert {
    condition     = local.azs == ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    error_message = "Three availability zones by default, in the Region's order."
  }

  assert {
    condition     = local.private_subnets == ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]
    error_message = "Private subnets are the first eighths of the VPC."
  }

  assert {
    condition     = local.public_subnets == ["10.0.192.0/22", "10.0.196.0/22", "10.0.200.0/22"]
    error_message = "Public subnets split the seventh eighth."
  }

  assert {
    condition     = local.intra_subnets == ["10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22"]
    error_message = "Control-plane subnets split the last eighth."
  }
}

run "maps_node_pools_to_managed_node_groups" {
  command = plan

  assert {
    condition     = local.node_groups["general"].capacity_type == "ON_DEMAND" && local.node_groups["spot"].capacity_type == "SPOT"
    error_message = "spot = true must buy Spot capacity, and only then."
  }

  assert {
    condition     = local.node_groups["general"].instance_types == ["m6i.xlarge"]
    error_message = "A pool's instance_type becomes the group's only instance type."
  }

  assert {
    condition     = local.node_groups["general"].desired_size == 3 && local.node_groups["spot"].desired_size == 0
    error_message = "desired_size defaults to min_size."
  }

  assert {
    condition     = local.node_groups["spot"].labels["strata.dev/node-pool"] == "spot"
    error_message = "Every node carries the name of its pool."
  }
}

run "gives_the_ebs_csi_driver_a_pod_identity_role" {
  command = plan

  assert {
    condition     = aws_iam_role.addon["aws-ebs-csi-driver"].name == "prod-eu-aws-ebs-csi-driver"
    error_message = "The EBS CSI driver's role is named after the cluster."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.addon["aws-ebs-csi-driver"].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
    error_message = "The EBS CSI driver's role carries the AWS managed driver policy."
  }

  assert {
    condition     = output.region == "eu-west-1"
    error_message = "The cluster's Region is an output."
  }
}

run "uses_two_zones_when_asked" {
  command = plan

  variables {
    availability_zone_count = 2
    vpc_cidr                = "10.20.0.0/20"
  }

  assert {
    condition     = local.private_subnets == ["10.20.0.0/23", "10.20.2.0/23"]
    error_message = "A /20 VPC gets /23 private subnets."
  }

  assert {
    condition     = local.intra_subnets == ["10.20.14.0/26", "10.20.14.64/26"]
    error_message = "A /20 VPC gets /26 control-plane subnets."
  }
}
