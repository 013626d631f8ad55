import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { Team } from '@strata/model';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';

/** Nothing in or out unless another policy allows it. */
export function renderDefaultDeny(team: Team, namespace: string): KubeObject {
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace, labels: { [labels.managedBy]: managedBy, [labels.team]: team.name } },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
}

/** Every pod may resolve names through the cluster DNS. */
export function renderAllowDns(team: Team, namespace: string): KubeObject {
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-dns', namespace, labels: { [labels.managedBy]: managedBy, [labels.team]: team.name } },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  });
}
