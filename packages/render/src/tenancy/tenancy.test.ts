import { describe, expect, it } from 'vitest';
import { resourceProfiles, type Platform } from '@strata/model';
import { clusterOf, platformWith } from '../test-support/reference.ts';
import type { KubeObject } from '../kube.ts';
import type { ManifestUnit } from '../unit.ts';
import { tenancy } from './component.ts';

/** The objects of the one tenancy unit of a cluster. */
function tenancyObjects(platform: Platform, clusterName: string): readonly KubeObject[] {
  const units = tenancy.render(platform, clusterOf(platform, clusterName));
  expect(units).toHaveLength(1);
  const unit = units[0] as ManifestUnit;
  expect(unit.type).toBe('manifests');
  return unit.objects;
}

function find(objects: readonly KubeObject[], kind: string, name: string, namespace?: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  if (found === undefined) throw new Error(`no ${kind} ${namespace ?? ''}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

const referencePlatform = platformWith();
const teamNamespaces = ['platform-tools', 'shop'];

describe('tenancy', () => {
  it('GIVEN the reference platform WHEN tenancy renders a workload cluster THEN it is one manifests unit of the add-ons project in the tenancy wave', () => {
    const units = tenancy.render(referencePlatform, clusterOf(referencePlatform, 'dev-local'));
    expect(units).toEqual([expect.objectContaining({ type: 'manifests', name: 'tenancy', project: 'platform-addons', wave: -10 })]);
  });

  it('GIVEN the reference platform WHEN tenancy renders THEN every team namespace enforces Pod Security "restricted" and carries its team and cost centre', () => {
    const objects = tenancyObjects(referencePlatform, 'prod-eu');
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(teamNamespaces);
    expect(find(objects, 'Namespace', 'shop').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'strata.dev/team': 'shop',
      'strata.dev/cost-center': 'CC-2001',
      'strata.dev/environment': 'prod',
    });
    expect(find(objects, 'Namespace', 'platform-tools').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'strata.dev/team': 'platform',
    });
  });

  it('GIVEN team quotas WHEN tenancy renders THEN each namespace has a ResourceQuota whose hard values are its team quota', () => {
    const objects = tenancyObjects(referencePlatform, 'dev-local');
    expect(find(objects, 'ResourceQuota', 'team-quota', 'shop').spec).toEqual({
      hard: { 'requests.cpu': '8', 'requests.memory': '16Gi', pods: '60' },
    });
    expect(find(objects, 'ResourceQuota', 'team-quota', 'platform-tools').spec).toEqual({
      hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '40' },
    });
  });

  it.each([
    ['dev-local', 'small'],
    ['prod-eu', 'medium'],
  ] as const)('GIVEN cluster %s WHEN tenancy renders THEN the LimitRange defaults are its environment profile (%s)', (cluster, profile) => {
    const objects = tenancyObjects(referencePlatform, cluster);
    for (const namespace of teamNamespaces) {
      expect(find(objects, 'LimitRange', 'container-defaults', namespace).spec).toEqual({
        limits: [{ type: 'Container', defaultRequest: resourceProfiles[profile].requests, default: resourceProfiles[profile].limits }],
      });
    }
    // The two profiles differ, so the assertion above tells them apart.
    expect(resourceProfiles.small).not.toEqual(resourceProfiles.medium);
  });

  it('GIVEN the reference platform WHEN tenancy renders THEN every team namespace denies all ingress and egress by default and allows DNS', () => {
    const objects = tenancyObjects(referencePlatform, 'stage-eu');
    for (const namespace of teamNamespaces) {
      expect(find(objects, 'NetworkPolicy', 'default-deny', namespace).spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(find(objects, 'NetworkPolicy', 'allow-dns', namespace).spec).toEqual({
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
      });
    }
  });

  it('GIVEN a team with two namespaces WHEN tenancy renders THEN both get a namespace, the quota, defaults and both network policies', () => {
    const platform = platformWith((spec) => {
      spec.teams = spec.teams.map((t) => (t.name === 'shop' ? { ...t, namespaces: ['shop', 'shop-batch'] } : t));
    });
    const objects = tenancyObjects(platform, 'dev-local');
    const inBatch = objects.filter((o) => o.metadata.namespace === 'shop-batch' || (o.kind === 'Namespace' && o.metadata.name === 'shop-batch'));
    expect(inBatch.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/shop-batch',
      'ResourceQuota/team-quota',
      'LimitRange/container-defaults',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/allow-dns',
    ]);
    expect(find(objects, 'ResourceQuota', 'team-quota', 'shop-batch').spec).toMatchObject({ hard: { 'requests.cpu': '8' } });
  });

  it('GIVEN a hub cluster WHEN tenancy renders it THEN there is no unit', () => {
    const platform = platformWith((spec) => {
      spec.clusters = [...spec.clusters, { name: 'hub-eu', environment: 'prod', provider: 'eks', region: 'eu-west-1', role: 'hub' }];
    });
    expect(tenancy.render(platform, clusterOf(platform, 'hub-eu'))).toEqual([]);
    expect(tenancy.render(platform, clusterOf(platform, 'prod-eu'))).toHaveLength(1);
  });
});
