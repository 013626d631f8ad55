/* eslint-disable @typescript-eslint/no-explicit-any -- Helm values are untyped data; these tests read deep into them. */
import { describe, expect, it } from 'vitest';
import { defaultComponents } from '../index.ts';
import { renderTree } from '../gitops/tree.ts';
import { clusterOf, platformWith } from '../test-support/reference.ts';
import type { AppUnit, ChartUnit } from '../unit.ts';
import { waves } from '../waves.ts';
import { observability } from './component.ts';

const reference = platformWith();

function unitsOn(clusterName: string, platform = reference): readonly AppUnit[] {
  return observability.render(platform, clusterOf(platform, clusterName));
}

function values(clusterName: string, name: string, platform = reference): Record<string, any> {
  const unit = unitsOn(clusterName, platform).find((u): u is ChartUnit => u.type === 'chart' && u.name === name);
  if (unit === undefined) throw new Error(`no chart unit ${name}`);
  return unit.values as Record<string, any>;
}

describe('observability', () => {
  it('GIVEN a workload cluster WHEN rendered THEN every chart syncs after the CRDs and the monitoring namespace', () => {
    const units = unitsOn('prod-eu');
    expect(units.map((u) => u.name)).toEqual([
      'monitoring-namespace', 'kube-prometheus-stack', 'loki', 'alloy', 'tempo', 'opentelemetry-collector', 'monitoring-rules', 'dashboards',
    ]);
    for (const unit of units.filter((u) => u.name !== 'monitoring-namespace')) {
      expect(unit.wave).toBeGreaterThan(waves.crds);
      expect(unit.wave).toBeGreaterThan(waves.tenancy);
      expect(unit.namespace).toBe('monitoring');
    }
  });

  it('GIVEN a hub cluster WHEN rendered THEN it gets no observability units', () => {
    const platform = platformWith((spec) => {
      spec.clusters = spec.clusters.map((c) => (c.name === 'prod-us' ? { ...c, role: 'hub' } : c));
    });
    expect(unitsOn('prod-us', platform)).toEqual([]);
  });

  it('GIVEN the monitoring namespace WHEN rendered THEN it enforces privileged (node-exporter, Alloy) and warns at baseline', () => {
    const unit = unitsOn('dev-local')[0];
    expect(unit?.type === 'manifests' && unit.objects[0]?.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/warn': 'baseline',
    });
  });

  it('GIVEN dev, stage and prod WHEN Prometheus is rendered THEN retention follows the environment and prod gets more memory', () => {
    const spec = (cluster: string) => values(cluster, 'kube-prometheus-stack').prometheus.prometheusSpec;
    expect([spec('dev-local').retention, spec('stage-eu').retention, spec('prod-eu').retention]).toEqual(['30d', '30d', '45d']);
    expect(spec('dev-local').resources.limits.memory).toBe('2Gi');
    expect(spec('prod-eu').resources.limits.memory).toBe('8Gi');
    expect(spec('prod-eu').serviceMonitorSelectorNilUsesHelmValues).toBe(false);
  });

  it('GIVEN no retention and no SLOs in the definition WHEN rendered THEN prod keeps 15d and other environments 7d', () => {
    const platform = platformWith((spec) => {
      spec.addons = { argocd: spec.addons?.argocd };
      spec.services = spec.services?.map((s) => ({ ...s, slos: [] }));
    });
    expect(values('dev-local', 'kube-prometheus-stack', platform).prometheus.prometheusSpec.retention).toBe('7d');
    expect(values('prod-us', 'kube-prometheus-stack', platform).prometheus.prometheusSpec.retention).toBe('15d');
  });

  it('GIVEN kube-prometheus-stack WHEN rendered THEN its own CRDs are off, since prometheus-operator-crds installs them', () => {
    expect(values('stage-eu', 'kube-prometheus-stack').crds).toEqual({ enabled: false });
  });

  it('GIVEN Grafana WHEN rendered THEN exemplars link to Tempo, Tempo to Loki and Loki trace_id back to Tempo', () => {
    const grafana = values('prod-eu', 'kube-prometheus-stack').grafana;
    expect(grafana.sidecar.datasources.exemplarTraceIdDestinations).toEqual({ datasourceUid: 'tempo', traceIdLabelName: 'trace_id' });
    expect(grafana.sidecar.dashboards).toMatchObject({ enabled: true, label: 'grafana_dashboard' });
    const loki = grafana.additionalDataSources.find((d: { type: string }) => d.type === 'loki');
    const tempo = grafana.additionalDataSources.find((d: { type: string }) => d.type === 'tempo');
    expect(loki).toMatchObject({ uid: 'loki', url: 'http://loki-gateway.monitoring.svc.cluster.local' });
    expect(loki.jsonData.derivedFields).toEqual([expect.objectContaining({ name: 'trace_id', datasourceUid: 'tempo', url: '$${__value.raw}' })]);
    expect(tempo).toMatchObject({ uid: 'tempo', url: 'http://tempo.monitoring.svc.cluster.local:3200' });
    expect(tempo.jsonData.tracesToLogsV2).toMatchObject({ datasourceUid: 'loki', filterByTraceID: true });
  });

  it('GIVEN Alertmanager WHEN rendered THEN every receiver reads its webhook URL from the mounted Secret', () => {
    const alertmanager = values('prod-eu', 'kube-prometheus-stack').alertmanager;
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(['alertmanager-receivers']);
    const receivers: Record<string, any>[] = alertmanager.config.receivers;
    const slack = receivers.flatMap((r) => r.slack_configs ?? []);
    const discord = receivers.flatMap((r) => r.discord_configs ?? []);
    expect(slack.length).toBeGreaterThan(0);
    expect(discord.length).toBeGreaterThan(0);
    for (const config of slack) expect(config).toMatchObject({ api_url_file: '/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url' });
    for (const config of discord) expect(config).toMatchObject({ webhook_url_file: '/etc/alertmanager/secrets/alertmanager-receivers/discord-webhook-url' });
    for (const config of [...slack, ...discord]) expect(Object.keys(config)).not.toContain('api_url');
  });

  it('GIVEN dev and prod WHEN Alertmanager routes THEN each team has a route, and only prod pages critical alerts on Discord', () => {
    const config = (cluster: string) => values(cluster, 'kube-prometheus-stack').alertmanager.config;
    expect(config('prod-eu').route.routes.map((r: { matchers: string[] }) => r.matchers[0])).toEqual([
      'alertname = "Watchdog"', 'team = "platform"', 'team = "shop"',
    ]);
    const critical = (cluster: string) => config(cluster).receivers.find((r: { name: string }) => r.name === 'shop-critical');
    expect(critical('prod-eu').discord_configs).toHaveLength(1);
    expect(critical('dev-local').discord_configs).toBeUndefined();
  });

  it('GIVEN a renamed receivers Secret WHEN rendered THEN Alertmanager mounts and reads that Secret', () => {
    const platform = platformWith((spec) => {
      spec.addons = { ...spec.addons, observability: { alerting: { secretName: 'alert-hooks' } } };
    });
    const alertmanager = values('dev-local', 'kube-prometheus-stack', platform).alertmanager;
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(['alert-hooks']);
    expect(alertmanager.config.receivers[1].slack_configs[0].api_url_file).toBe('/etc/alertmanager/secrets/alert-hooks/slack-webhook-url');
  });

  it('GIVEN the whole rendered tree WHEN searched THEN no webhook URL appears anywhere and the values file names the Secret', () => {
    const { tree } = renderTree(reference, defaultComponents);
    const files = [...tree.entries()];
    expect(files.filter(([, content]) => /hooks\.slack\.com|discord(app)?\.com\/api\/webhooks|api_url:|webhook_url:/.test(content)).map(([p]) => p)).toEqual([]);
    expect(tree.get('clusters/prod-eu/values/kube-prometheus-stack.yaml')).toMatch(/^# Needs two Secrets.*\n# - alertmanager-receivers: keys slack-webhook-url and discord-webhook-url/);
  });

  it('GIVEN a kind cluster without a bucket WHEN Loki and Tempo render THEN they keep data on the filesystem in one binary', () => {
    expect(values('dev-local', 'loki')).toMatchObject({ deploymentMode: 'SingleBinary', loki: { storage: { type: 'filesystem' } }, singleBinary: { replicas: 1 } });
    expect(values('dev-local', 'tempo').tempo.storage.trace).toEqual({ backend: 'local' });
  });

  it('GIVEN an eks cluster with buckets WHEN Loki and Tempo render THEN they use its own S3 bucket in its region', () => {
    expect(values('prod-us', 'loki')).toMatchObject({
      deploymentMode: 'SimpleScalable',
      loki: { storage: { type: 's3', bucketNames: { chunks: 'strata-prod-us-loki-123456789012' }, s3: { region: 'us-east-1' } } },
    });
    expect(values('prod-us', 'tempo').tempo.storage.trace).toMatchObject({ backend: 's3', s3: { bucket: 'strata-prod-us-tempo-123456789012' } });
  });

  it('GIVEN Alloy WHEN rendered THEN it runs on every node, reads /var/log and pushes to the Loki gateway', () => {
    const alloy = values('stage-eu', 'alloy');
    expect(alloy.controller).toEqual({ type: 'daemonset' });
    expect(alloy.alloy.mounts).toEqual({ varlog: true });
    expect(alloy.alloy.configMap.content).toContain('url = "http://loki-gateway.monitoring.svc.cluster.local/loki/api/v1/push"');
  });

  it('GIVEN the collector WHEN rendered THEN OTLP goes to Tempo and span metrics to Prometheus through a ServiceMonitor', () => {
    const collector = values('stage-eu', 'opentelemetry-collector');
    expect(collector.presets.kubernetesAttributes.enabled).toBe(true);
    // OTLP's 4317 and 4318 keep the chart's defaults (enabled); only unused receivers' ports close.
    expect(Object.keys(collector.ports)).not.toContain('otlp');
    expect(Object.keys(collector.ports)).not.toContain('otlp-http');
    expect(collector.ports).toMatchObject({ zipkin: { enabled: false }, spanmetrics: { enabled: true, containerPort: 8889 } });
    expect(collector.serviceMonitor).toMatchObject({ enabled: true, metricsEndpoints: [{ port: 'metrics' }, { port: 'spanmetrics' }] });
    const { exporters, service } = collector.config;
    expect(exporters['otlp/tempo'].endpoint).toBe('tempo.monitoring.svc.cluster.local:4317');
    expect(service.pipelines.traces).toMatchObject({ receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp/tempo', 'spanmetrics', 'servicegraph'] });
    expect(service.pipelines.metrics).toMatchObject({ receivers: ['otlp', 'spanmetrics', 'servicegraph'], exporters: ['prometheus'] });
  });
});
