import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { Cluster, Platform, Team } from '@strata/model';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';

/** A team namespace, enforcing Pod Security "restricted" at admission. */
export function renderNamespace(platform: Platform, cluster: Cluster, team: Team, namespace: string): KubeObject {
  return typed<INamespace>({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        [labels.managedBy]: managedBy,
        [labels.team]: team.name,
        [labels.costCenter]: team.costCenter,
        [labels.environment]: cluster.environment,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
}
