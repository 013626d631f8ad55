/* eslint-disable @typescript-eslint/no-explicit-any -- Helm values are untyped data; these tests read into them. */
import { describe, expect, it } from 'vitest';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { Platform } from '@strata/model';
import type { KubeObject } from '../kube.ts';
import { clusterOf, platformWith } from '../test-support/reference.ts';
import type { ChartUnit } from '../unit.ts';
import { observability } from './component.ts';
import { renderMonitoringNetworkPolicies } from './network-policy.ts';

const reference = platformWith();

function policiesOn(clusterName: string, platform = reference): KubeObject[] {
  return renderMonitoringNetworkPolicies(platform, clusterOf(platform, clusterName));
}

function specOf(policies: readonly KubeObject[], name: string): unknown {
  const policy = policies.find((p) => p.metadata.name === name);
  if (policy === undefined) throw new Error(`no NetworkPolicy ${name} among ${policies.map((p) => p.metadata.name).join(', ')}`);
  return policy.spec;
}

function chartValues(platform: Platform, clusterName: string, release: string): Record<string, any> {
  const unit = observability.render(platform, clusterOf(platform, clusterName)).find((u): u is ChartUnit => u.type === 'chart' && u.name === release);
  if (unit === undefined) throw new Error(`no chart unit ${release}`);
  return unit.values as Record<string, any>;
}

const byName = (namespace: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
const collectorPods = { 'app.kubernetes.io/name': 'opentelemetry-collector', 'app.kubernetes.io/instance': 'opentelemetry-collector' };
const operatorPods = { 'app.kubernetes.io/name': 'kube-prometheus-stack-prometheus-operator', 'app.kubernetes.io/instance': 'kube-prometheus-stack' };

describe('renderMonitoringNetworkPolicies', () => {
  it('GIVEN the reference platform WHEN rendered THEN four valid NetworkPolicies land in the monitoring namespace', () => {
    const policies = policiesOn('prod-eu');
    expect(policies.map((p) => p.metadata.name)).toEqual(['default-deny-ingress', 'allow-same-namespace', 'allow-otlp-from-services', 'allow-operator-webhook']);
    for (const policy of policies) {
      expect(policy).toMatchObject({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { namespace: 'monitoring', labels: { 'app.kubernetes.io/managed-by': 'strata', 'strata.dev/environment': 'prod' } },
      });
      expect(() => new NetworkPolicy(policy as never).validate()).not.toThrow();
    }
  });

  it('GIVEN the reference platform WHEN rendered THEN ingress is denied by default and open between the namespace\'s own pods; egress stays open', () => {
    const policies = policiesOn('dev-local');
    expect(specOf(policies, 'default-deny-ingress')).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(specOf(policies, 'allow-same-namespace')).toEqual({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
    expect(policies.some((p) => (p.spec as { policyTypes: string[] }).policyTypes.includes('Egress'))).toBe(false);
  });

  it('GIVEN the shop\'s services in namespace shop WHEN rendered THEN only the collector\'s pods admit OTLP, on 4317 and 4318, from shop alone', () => {
    expect(specOf(policiesOn('dev-local'), 'allow-otlp-from-services')).toEqual({
      podSelector: { matchLabels: collectorPods },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [byName('shop')],
          ports: [
            { protocol: 'TCP', port: 4317 },
            { protocol: 'TCP', port: 4318 },
          ],
        },
      ],
    });
  });

  it('GIVEN services in two namespaces WHEN rendered THEN each namespace is a peer once, sorted by name', () => {
    const platform = platformWith((spec) => {
      spec.teams = spec.teams.map((t) => (t.name === 'shop' ? { ...t, namespaces: ['shop', 'checkout'] } : t));
      spec.services = (spec.services ?? []).map((s) => (s.name === 'orders' ? { ...s, namespace: 'checkout' } : s));
    });
    expect(specOf(policiesOn('dev-local', platform), 'allow-otlp-from-services')).toMatchObject({
      ingress: [{ from: [byName('checkout'), byName('shop')] }],
    });
  });

  it('GIVEN a platform without services WHEN rendered THEN there is no OTLP policy, rather than one whose empty from admits everyone', () => {
    const platform = platformWith((spec) => {
      spec.services = [];
    });
    expect(policiesOn('dev-local', platform).map((p) => p.metadata.name)).toEqual(['default-deny-ingress', 'allow-same-namespace', 'allow-operator-webhook']);
  });

  it('GIVEN the Prometheus Operator\'s admission webhook WHEN rendered THEN its pods admit any source on 10250 only (the API server has no selectable namespace)', () => {
    expect(specOf(policiesOn('stage-eu'), 'allow-operator-webhook')).toEqual({
      podSelector: { matchLabels: operatorPods },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 10250 }] }],
    });
  });

  it('GIVEN a monitoring namespace of another name WHEN rendered THEN the policies follow it', () => {
    const platform = platformWith((spec) => {
      spec.platform = { ...spec.platform, monitoringNamespace: 'observability' };
    });
    expect(new Set(policiesOn('dev-local', platform).map((p) => p.metadata.namespace))).toEqual(new Set(['observability']));
  });

  // The selectors above hold only while the charts keep these release names and default names.
  it('GIVEN the charts\' values WHEN rendered THEN nothing renames the pods or moves the webhook port the selectors rely on', () => {
    const collector = chartValues(reference, 'prod-eu', 'opentelemetry-collector');
    expect(collector.mode).toBe('deployment');
    expect(collector).not.toHaveProperty('nameOverride');
    expect(collector).not.toHaveProperty('fullnameOverride');
    expect(collector.ports?.otlp?.enabled ?? true).toBe(true);
    expect(collector.ports?.['otlp-http']?.enabled ?? true).toBe(true);
    const stack = chartValues(reference, 'prod-eu', 'kube-prometheus-stack');
    expect(stack).not.toHaveProperty('nameOverride');
    expect(stack).not.toHaveProperty('fullnameOverride');
    expect(stack).not.toHaveProperty('cleanPrometheusOperatorObjectNames');
    expect(stack.prometheusOperator?.tls?.internalPort).toBeUndefined();
  });

  it('GIVEN Grafana is not exposed (no grafana.ingress in the values) WHEN rendered THEN no policy admits the ingress controller', () => {
    expect(chartValues(reference, 'prod-eu', 'kube-prometheus-stack').grafana).not.toHaveProperty('ingress');
    expect(JSON.stringify(policiesOn('prod-eu'))).not.toContain('ingress-nginx');
  });
});
