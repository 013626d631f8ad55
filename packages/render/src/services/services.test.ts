import { describe, expect, it } from 'vitest';
import type { Platform, ServiceSpec } from '@strata/model';
import { clusterOf, platformWith } from '../test-support/reference.ts';
import type { KubeObject } from '../kube.ts';
import type { ManifestUnit } from '../unit.ts';
import { services } from './component.ts';

/** The reference platform with one service's definition changed. */
function serviceWith(name: string, changes: Partial<ServiceSpec>): Platform {
  return platformWith((spec) => {
    spec.services = (spec.services ?? []).map((s) => (s.name === name ? { ...s, ...changes } : s));
  });
}

function unitOf(platform: Platform, clusterName: string, service: string): ManifestUnit {
  const unit = services.render(platform, clusterOf(platform, clusterName)).find((u) => u.name === service);
  if (unit?.type !== 'manifests') throw new Error(`no manifests unit ${service} on ${clusterName}`);
  return unit;
}

/** The object of a kind (and name, when a kind has several) in a service's unit, or undefined. */
function maybe(unit: ManifestUnit, kind: string, name = unit.name): KubeObject | undefined {
  return unit.objects.find((o) => o.kind === kind && o.metadata.name === name);
}

function find(unit: ManifestUnit, kind: string, name = unit.name): KubeObject {
  const object = maybe(unit, kind, name);
  if (object === undefined) throw new Error(`no ${kind}/${name} in ${unit.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return object;
}

interface Container {
  readonly env: readonly { readonly name: string; readonly value?: string; readonly valueFrom?: unknown }[];
}

function appContainer(deployment: KubeObject): Container {
  const spec = deployment.spec as { template: { spec: { containers: Container[] } } };
  const container = spec.template.spec.containers[0];
  if (container === undefined) throw new Error('no container');
  return container;
}

const platform = platformWith();
const peer = (namespace: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
const podPeer = (namespace: string, name: string) => ({ ...peer(namespace), podSelector: { matchLabels: { 'app.kubernetes.io/name': name } } });
const http = { protocol: 'TCP', port: 8080 };
/** Prometheus' pods, as the Prometheus Operator labels them, in the monitoring namespace. */
const prometheus = {
  ...peer('monitoring'),
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus' } },
};
/** The OpenTelemetry Collector's pods, as its chart labels them, on OTLP/HTTP. */
const toCollector = {
  to: [
    {
      ...peer('monitoring'),
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'opentelemetry-collector', 'app.kubernetes.io/instance': 'opentelemetry-collector' } },
    },
  ],
  ports: [{ protocol: 'TCP', port: 4318 }],
};
/** The pods of a service's database, by the label its server must carry, on PostgreSQL's port. */
const toDatabaseOf = (service: string) => ({
  to: [{ ...peer('shop'), podSelector: { matchLabels: { 'strata.dev/database-of': service } } }],
  ports: [{ protocol: 'TCP', port: 5432 }],
});

describe('services', () => {
  it('GIVEN the reference platform WHEN services render a workload cluster THEN each service is a manifests unit of its team in the services wave', () => {
    const units = services.render(platform, clusterOf(platform, 'dev-local'));
    expect(units.map((u) => u.name)).toEqual(['inventory', 'orders', 'storefront']);
    for (const unit of units) expect(unit).toMatchObject({ type: 'manifests', project: 'shop', namespace: 'shop', wave: 10 });
  });

  it('GIVEN a hub cluster WHEN services render it THEN there are no units', () => {
    const withHub = platformWith((spec) => {
      spec.clusters = [...spec.clusters, { name: 'hub-eu', environment: 'prod', provider: 'eks', region: 'eu-west-1', role: 'hub' }];
    });
    expect(services.render(withHub, clusterOf(withHub, 'hub-eu'))).toEqual([]);
  });

  it.each(['inventory', 'orders', 'storefront'])('GIVEN service %s WHEN its Deployment renders THEN the pod meets Pod Security "restricted"', (name) => {
    const deployment = find(unitOf(platform, 'prod-eu', name), 'Deployment');
    expect(deployment).toMatchObject({
      spec: {
        template: {
          spec: {
            automountServiceAccountToken: false,
            serviceAccountName: name,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'app',
                securityContext: {
                  runAsNonRoot: true,
                  readOnlyRootFilesystem: true,
                  allowPrivilegeEscalation: false,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
              },
            ],
          },
        },
      },
    });
  });

  it('GIVEN the reference orders service WHEN its Deployment renders THEN it has liveness and readiness probes and the profile requests and limits', () => {
    expect(find(unitOf(platform, 'prod-eu', 'orders'), 'Deployment')).toMatchObject({
      spec: {
        template: {
          spec: {
            containers: [
              {
                image: 'ghcr.io/strata-platform/orders:0.1.0',
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
                livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 3 },
                readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              },
            ],
          },
        },
      },
    });
  });

  it('GIVEN autoscaling (the default) WHEN a service renders THEN the Deployment leaves replicas to the HorizontalPodAutoscaler', () => {
    const unit = unitOf(platform, 'prod-eu', 'orders');
    expect(find(unit, 'Deployment').spec).not.toHaveProperty('replicas');
    expect(find(unit, 'HorizontalPodAutoscaler').spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' },
      minReplicas: 3,
      maxReplicas: 9,
    });
  });

  it('GIVEN autoscaling: false WHEN a service renders THEN the Deployment sets the environment replicas and there is no autoscaler', () => {
    const fixed = serviceWith('orders', { autoscaling: false });
    const prod = unitOf(fixed, 'prod-eu', 'orders');
    expect(find(prod, 'Deployment').spec).toMatchObject({ replicas: 3 });
    expect(maybe(prod, 'HorizontalPodAutoscaler')).toBeUndefined();
    expect(find(unitOf(fixed, 'dev-local', 'orders'), 'Deployment').spec).toMatchObject({ replicas: 1 });
  });

  it('GIVEN environment replicas (prod 3, dev 1) WHEN a service renders THEN each cluster scales from its environment', () => {
    expect(find(unitOf(platform, 'prod-us', 'inventory'), 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
    expect(find(unitOf(platform, 'stage-eu', 'inventory'), 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    expect(find(unitOf(platform, 'dev-local', 'inventory'), 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
  });

  it('GIVEN a service override of replicas in one environment WHEN it renders THEN only that environment changes', () => {
    const overridden = serviceWith('inventory', { environments: { dev: { replicas: 2, autoscaling: false } } });
    expect(find(unitOf(overridden, 'dev-local', 'inventory'), 'Deployment').spec).toMatchObject({ replicas: 2 });
    expect(find(unitOf(overridden, 'prod-eu', 'inventory'), 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3 });
  });

  it('GIVEN minimum replicas of 1 in dev and 3 in prod WHEN a service renders THEN only prod has a PodDisruptionBudget', () => {
    expect(maybe(unitOf(platform, 'dev-local', 'orders'), 'PodDisruptionBudget')).toBeUndefined();
    expect(find(unitOf(platform, 'prod-eu', 'orders'), 'PodDisruptionBudget').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'orders' } },
    });
  });

  it('GIVEN autoscaling with minReplicas 2 in dev WHEN a service renders THEN dev has a PodDisruptionBudget too', () => {
    const scaled = serviceWith('orders', { environments: { dev: { autoscaling: { minReplicas: 2 } } } });
    expect(maybe(unitOf(scaled, 'dev-local', 'orders'), 'PodDisruptionBudget')).toBeDefined();
  });

  it('GIVEN any service WHEN it renders THEN its ServiceAccount does not mount an API token', () => {
    expect(find(unitOf(platform, 'dev-local', 'inventory'), 'ServiceAccount')).toMatchObject({
      metadata: { name: 'inventory', namespace: 'shop' },
      automountServiceAccountToken: false,
    });
  });

  it('GIVEN the default metrics endpoint WHEN a service renders THEN the ServiceMonitor scrapes the first port on /metrics', () => {
    expect(find(unitOf(platform, 'dev-local', 'orders'), 'ServiceMonitor').spec).toMatchObject({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'orders' } },
      namespaceSelector: { matchNames: ['shop'] },
      endpoints: [{ port: 'http', path: '/metrics' }],
    });
  });

  it('GIVEN a separate metrics port WHEN a service renders THEN the ServiceMonitor and the monitoring rule of its ingress policy use that port', () => {
    const withMetrics = serviceWith('inventory', {
      ports: [
        { name: 'http', port: 8080 },
        { name: 'metrics', port: 9090 },
      ],
      metrics: { port: 'metrics', path: '/prom' },
    });
    const unit = unitOf(withMetrics, 'dev-local', 'inventory');
    expect(find(unit, 'ServiceMonitor').spec).toMatchObject({ endpoints: [{ port: 'metrics', path: '/prom' }] });
    const rules = (find(unit, 'NetworkPolicy', 'inventory-ingress').spec as { ingress: unknown[] }).ingress;
    expect(rules).toContainEqual({ from: [prometheus], ports: [{ protocol: 'TCP', port: 9090 }] });
  });

  it('GIVEN inventory, called by orders and storefront WHEN it renders THEN its ingress policy allows exactly those callers and Prometheus, not the ingress controller', () => {
    expect(find(unitOf(platform, 'dev-local', 'inventory'), 'NetworkPolicy', 'inventory-ingress').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'inventory' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [podPeer('shop', 'orders')], ports: [http] },
        { from: [podPeer('shop', 'storefront')], ports: [http] },
        { from: [prometheus], ports: [http] },
      ],
    });
  });

  it('GIVEN the public storefront, called by nobody WHEN it renders THEN its ingress policy allows Prometheus and the ingress controller only', () => {
    expect(find(unitOf(platform, 'prod-eu', 'storefront'), 'NetworkPolicy', 'storefront-ingress').spec).toMatchObject({
      ingress: [
        { from: [prometheus], ports: [http] },
        { from: [peer('ingress-nginx')], ports: [http] },
      ],
    });
  });

  it('GIVEN storefront calls orders and inventory and has no database WHEN it renders THEN its egress policy allows exactly those callees on their ports and the collector', () => {
    expect(find(unitOf(platform, 'dev-local', 'storefront'), 'NetworkPolicy', 'storefront-egress').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } },
      policyTypes: ['Egress'],
      egress: [{ to: [podPeer('shop', 'inventory')], ports: [http] }, { to: [podPeer('shop', 'orders')], ports: [http] }, toCollector],
    });
  });

  it('GIVEN orders calls inventory and has a database WHEN it renders THEN its egress policy allows inventory, the collector and its database\'s pods on 5432', () => {
    expect(find(unitOf(platform, 'prod-eu', 'orders'), 'NetworkPolicy', 'orders-egress').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders' } },
      policyTypes: ['Egress'],
      egress: [{ to: [podPeer('shop', 'inventory')], ports: [http] }, toCollector, toDatabaseOf('orders')],
    });
  });

  it('GIVEN inventory calls nothing WHEN it renders THEN its egress policy allows the collector and its database only', () => {
    expect(find(unitOf(platform, 'dev-local', 'inventory'), 'NetworkPolicy', 'inventory-egress').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'inventory' } },
      policyTypes: ['Egress'],
      egress: [toCollector, toDatabaseOf('inventory')],
    });
  });

  it('GIVEN inventory without a database WHEN it renders THEN its egress policy allows the collector only', () => {
    const withoutDatabase = serviceWith('inventory', { database: undefined, env: {} });
    expect(find(unitOf(withoutDatabase, 'dev-local', 'inventory'), 'NetworkPolicy', 'inventory-egress').spec).toMatchObject({ egress: [toCollector] });
  });

  it('GIVEN a monitoring namespace of another name WHEN services render THEN the endpoint and the egress and Prometheus rules follow it', () => {
    const renamed = platformWith((spec) => {
      spec.platform = { ...spec.platform, monitoringNamespace: 'observability' };
    });
    const unit = unitOf(renamed, 'dev-local', 'orders');
    expect(appContainer(find(unit, 'Deployment')).env).toContainEqual({
      name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
      value: 'http://opentelemetry-collector.observability.svc.cluster.local:4318',
    });
    const namespace = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } };
    expect(find(unit, 'NetworkPolicy', 'orders-egress').spec).toMatchObject({ egress: [{}, { to: [namespace] }, {}] });
    expect(find(unit, 'NetworkPolicy', 'orders-ingress').spec).toMatchObject({ ingress: [{}, { from: [namespace] }] });
  });

  it('GIVEN storefront is public with a host per environment WHEN it renders THEN its Ingress uses that environment\'s host', () => {
    for (const [cluster, host] of [
      ['dev-local', 'shop.dev.strata.example.com'],
      ['stage-eu', 'shop.stage.strata.example.com'],
      ['prod-eu', 'shop.strata.example.com'],
    ] as const) {
      expect(find(unitOf(platform, cluster, 'storefront'), 'Ingress').spec).toMatchObject({
        ingressClassName: 'nginx',
        tls: [{ hosts: [host] }],
        rules: [{ host, http: { paths: [{ path: '/', backend: { service: { name: 'storefront', port: { name: 'http' } } } }] } }],
      });
    }
  });

  it('GIVEN internal services WHEN they render THEN they have no Ingress', () => {
    expect(maybe(unitOf(platform, 'prod-eu', 'orders'), 'Ingress')).toBeUndefined();
    expect(maybe(unitOf(platform, 'prod-eu', 'inventory'), 'Ingress')).toBeUndefined();
  });

  it('GIVEN an image pinned by tag WHEN a service renders THEN the kustomization images set newTag', () => {
    expect(unitOf(platform, 'dev-local', 'orders').images).toEqual([{ name: 'ghcr.io/strata-platform/orders', newTag: '0.1.0' }]);
  });

  it('GIVEN an image pinned by digest WHEN a service renders THEN the kustomization images and the container use the digest', () => {
    const digest = `sha256:${'a1'.repeat(32)}`;
    const pinned = serviceWith('orders', { image: { repository: 'ghcr.io/strata-platform/orders', tag: '0.1.0', digest } });
    const unit = unitOf(pinned, 'dev-local', 'orders');
    expect(unit.images).toEqual([{ name: 'ghcr.io/strata-platform/orders', digest }]);
    expect(find(unit, 'Deployment')).toMatchObject({
      spec: { template: { spec: { containers: [{ image: `ghcr.io/strata-platform/orders@${digest}` }] } } },
    });
  });

  it('GIVEN orders\' DATABASE_URL from a secret WHEN it renders THEN the variable is a secretKeyRef and plain values stay values', () => {
    const env = appContainer(find(unitOf(platform, 'dev-local', 'orders'), 'Deployment')).env;
    expect(env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'url' } } });
    expect(env).toContainEqual({ name: 'INVENTORY_URL', value: 'http://inventory.shop.svc:8080' });
  });

  it('GIVEN any service WHEN it renders THEN the platform\'s variables send OTLP/HTTP to the collector and name the service, version, environment, namespace and cluster', () => {
    const env = appContainer(find(unitOf(platform, 'stage-eu', 'orders'), 'Deployment')).env;
    expect(env.slice(0, 5)).toEqual([
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://opentelemetry-collector.monitoring.svc.cluster.local:4318' },
      { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
      {
        name: 'OTEL_RESOURCE_ATTRIBUTES',
        value: 'service.version=0.1.0,deployment.environment.name=stage,k8s.namespace.name=shop,k8s.cluster.name=stage-eu',
      },
      { name: 'OTEL_SERVICE_NAME', value: 'orders' },
      { name: 'SHUTDOWN_DELAY_MS', value: '5000' },
    ]);
  });

  it('GIVEN the definition sets OTEL variables itself WHEN a service renders THEN its values replace the platform\'s, each variable once', () => {
    const custom = serviceWith('inventory', {
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-gateway.tracing.svc:4318',
        OTEL_RESOURCE_ATTRIBUTES: { secret: 'inventory-otel', key: 'attributes' },
      },
    });
    const env = appContainer(find(unitOf(custom, 'dev-local', 'inventory'), 'Deployment')).env;
    expect(env.map((v) => v.name)).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'OTEL_SERVICE_NAME',
      'SHUTDOWN_DELAY_MS',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_RESOURCE_ATTRIBUTES',
    ]);
    expect(env).toContainEqual({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-gateway.tracing.svc:4318' });
    expect(env).toContainEqual({ name: 'OTEL_RESOURCE_ATTRIBUTES', valueFrom: { secretKeyRef: { name: 'inventory-otel', key: 'attributes' } } });
  });

  it('GIVEN a service calling others WHEN its Deployment renders THEN it is annotated with the callees for verify', () => {
    expect(find(unitOf(platform, 'dev-local', 'storefront'), 'Deployment').metadata.annotations).toEqual({ 'strata.dev/calls': 'inventory,orders' });
    expect(find(unitOf(platform, 'dev-local', 'inventory'), 'Deployment').metadata.annotations).toBeUndefined();
  });
});
