import type { Cluster, Environment, NodePool, Platform } from '@strata/model';
import { projectPaths, type ProjectFile } from './paths.ts';
import { toSortedJson } from './sorted-json.ts';

/**
 * The variables that the Terraform of one environment declares (infra/terraform/envs/<env>),
 * in Terraform's snake_case. The shape is a contract with that Terraform: a key added
 * here must be declared there, or Terraform warns about an undeclared variable.
 */
export interface TerraformVars {
  readonly platform_name: string;
  readonly environment: string;
  readonly domain: string;
  readonly gitops: { readonly repo_url: string; readonly revision: string; readonly path: string };
  /** The clusters of the environment, by name. */
  readonly clusters: Readonly<Record<string, TerraformCluster>>;
}

export interface TerraformCluster {
  readonly provider: Cluster['provider'];
  readonly region: string;
  /** By pool name; empty for kind clusters, which have none. */
  readonly node_pools: Readonly<Record<string, TerraformNodePool>>;
}

export interface TerraformNodePool {
  readonly instance_type: string;
  readonly min_size: number;
  readonly max_size: number;
  readonly spot: boolean;
}

/** The Terraform variables of one environment, from the normalized platform (defaults applied). */
export function terraformVarsOf(platform: Platform, environment: Environment): TerraformVars {
  const clusters = platform.clusters.filter((cluster) => cluster.environment === environment.name);
  return {
    platform_name: platform.name,
    environment: environment.name,
    domain: platform.domain,
    gitops: { repo_url: platform.repo.url, revision: platform.repo.revision, path: platform.repo.path },
    clusters: Object.fromEntries(clusters.map((cluster) => [cluster.name, terraformCluster(cluster)])),
  };
}

/** `infra/terraform/envs/<env>/strata.auto.tfvars.json`: keys sorted, 2-space JSON, trailing newline. */
export function renderTerraformVars(platform: Platform, environment: Environment): ProjectFile {
  return { path: projectPaths.terraformVars(environment.name), content: toSortedJson(terraformVarsOf(platform, environment)) };
}

function terraformCluster(cluster: Cluster): TerraformCluster {
  return {
    provider: cluster.provider,
    region: cluster.region,
    node_pools: Object.fromEntries(cluster.nodePools.map((pool) => [pool.name, terraformNodePool(pool)])),
  };
}

function terraformNodePool(pool: NodePool): TerraformNodePool {
  return { instance_type: pool.instanceType, min_size: pool.minSize, max_size: pool.maxSize, spot: pool.spot };
}
