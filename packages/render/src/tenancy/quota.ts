import type { ILimitRange } from 'kubernetes-models/v1/LimitRange';
import type { IResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { resourceProfiles, type Environment, type Team } from '@strata/model';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';

/** The team's quota, applied to one of its namespaces. */
export function renderResourceQuota(team: Team, namespace: string): KubeObject {
  return typed<IResourceQuota>({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'team-quota', namespace, labels: { [labels.managedBy]: managedBy, [labels.team]: team.name } },
    spec: {
      hard: { 'requests.cpu': team.quota.cpu, 'requests.memory': team.quota.memory, pods: String(team.quota.pods) },
    },
  });
}

/** Defaults for containers that set no resources, from the environment's profile. */
export function renderLimitRange(team: Team, namespace: string, environment: Environment): KubeObject {
  const profile = resourceProfiles[environment.profile];
  return typed<ILimitRange>({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'container-defaults', namespace, labels: { [labels.managedBy]: managedBy, [labels.team]: team.name } },
    spec: {
      limits: [{ type: 'Container', defaultRequest: { ...profile.requests }, default: { ...profile.limits } }],
    },
  });
}
