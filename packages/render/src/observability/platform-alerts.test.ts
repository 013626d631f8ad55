/**
 * The platform's own alerts: their shape, their runbooks, and each alert run by the
 * real promtool (Prometheus 2.42) on series shaped like the real exporters', once where
 * it fires (exact labels and annotations) and once where it must not. The promtool
 * cases are skipped, with a message, when promtool is not on the PATH.
 *
 * promtool starts every test at the Unix epoch: `time()` is the seconds since the start,
 * and the first rate() exists one sample (1m) in, so a `rate > 0 for 10m` alert fires at 11m.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasPromtool, promtoolTestRules, runPromtool, warnWithoutPromtool, writeRules } from '../test-support/promtool.ts';
import { platformAlertRunbooks, renderPlatformAlertGroups } from './platform-alerts.ts';

const runbookBaseUrl = 'https://github.com/strata-platform/strata/blob/main/docs/runbooks/';
const runbookDir = fileURLToPath(new URL('../../../../docs/runbooks/', import.meta.url));
const groups = renderPlatformAlertGroups({ runbookBaseUrl });
const alerts = groups.flatMap((g) => g.rules);

warnWithoutPromtool('the platform alert promtool tests');

/** `promtool test rules` on one scenario; the result carries promtool's output, shown by a failing expect. */
function promtoolTest(inputSeries: readonly { series: string; values: string }[], alertRuleTests: readonly unknown[]) {
  return promtoolTestRules(groups, { evaluationInterval: '1m', tests: [{ interval: '1m', input_series: inputSeries, alert_rule_test: alertRuleTests }] });
}

const passed = expect.objectContaining({ code: 0, output: expect.stringContaining('SUCCESS') });

/** A series in promtool's notation: `name{a="b",…}`. */
function series(name: string, labels: Readonly<Record<string, string>>, values: string) {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return { series: `${name}{${inner}}`, values };
}

const platform = { team: 'platform' };
const runbook = (file: string) => `${runbookBaseUrl}${file}.md`;

describe('platform alerts', () => {
  it('GIVEN the rendered groups WHEN their alerts are listed THEN they are exactly the platform alerts, the certificate one in two severities', () => {
    expect(groups.map((g) => g.name)).toEqual([
      'platform-argocd',
      'platform-ingress-certificates',
      'platform-opentelemetry-collector',
      'platform-logs',
      'platform-metrics-sources',
    ]);
    expect(alerts.map((r) => `${r.alert} ${r.labels?.severity}`)).toEqual([
      'ArgoCdAppDegraded critical',
      'ArgoCdAppMissingOrUnknown warning',
      'ArgoCdAppOutOfSync warning',
      'IngressCertificateExpiring warning',
      'IngressCertificateExpiring critical',
      'OtelCollectorExportFailing warning',
      'OtelCollectorExportQueueFull warning',
      'OtelCollectorRefusingData warning',
      'LokiPushErrors critical',
      'LokiDiscardingSamples warning',
      'AlloyDroppingLogs warning',
      'PlatformMetricsAbsent warning',
    ]);
    expect(Object.keys(platformAlertRunbooks).sort()).toEqual([...new Set(alerts.map((r) => r.alert ?? ''))].sort());
  });

  it('GIVEN every alert WHEN its labels and annotations are read THEN it has a routable severity, team platform, a summary, a description and its runbook URL', () => {
    for (const rule of alerts) {
      const name = rule.alert ?? '';
      expect(rule.record, name).toBeUndefined();
      expect(rule.labels, name).toEqual({ severity: expect.stringMatching(/^(critical|warning)$/), team: 'platform' });
      expect(rule.annotations, name).toEqual({
        summary: expect.stringMatching(/\S/),
        description: expect.stringMatching(/\S/),
        runbook_url: `${runbookBaseUrl}${platformAlertRunbooks[name]}.md`,
      });
      expect(rule.for, name).toMatch(/^\d+[mh]$/);
    }
  });

  it('GIVEN the runbook of every alert WHEN docs/runbooks/ is read THEN the file exists and its title names the alert', () => {
    for (const [alert, file] of Object.entries(platformAlertRunbooks)) {
      const path = join(runbookDir, `${file}.md`);
      expect(existsSync(path), path).toBe(true);
      expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(`# Runbook: ${alert}`);
    }
  });

  it('GIVEN a runbook base URL without a trailing slash WHEN the groups are rendered THEN the error names the option, the value and the fix', () => {
    expect(() => renderPlatformAlertGroups({ runbookBaseUrl: 'https://example.com/runbooks' })).toThrow(
      'renderPlatformAlertGroups: runbookBaseUrl must end with "/", got "https://example.com/runbooks"; add the trailing slash.',
    );
  });
});

describe.skipIf(!hasPromtool)('platform alerts under promtool', () => {
  it('GIVEN the rendered groups WHEN promtool checks them with every lint, fatal THEN they pass without findings', async () => {
    expect(await runPromtool(['check', 'rules', '--lint=all', '--lint-fatal', 'rules.yml'], writeRules(groups))).toMatchObject({
      code: 0,
      output: 'Checking rules.yml\n  SUCCESS: 12 rules found\n\n',
    });
  });

  describe('Argo CD', () => {
    const app = (labels: Readonly<Record<string, string>>, values: string) =>
      series(
        'argocd_app_info',
        {
          namespace: 'argocd',
          project: 'shop',
          dest_server: 'https://kubernetes.default.svc',
          dest_namespace: 'shop',
          repo: 'https://github.com/strata-platform/strata.git',
          autosync_enabled: 'true',
          sync_status: 'Synced',
          ...labels,
        },
        values,
      );
    const appLabels = (name: string) => ({ namespace: 'argocd', name, project: 'shop', dest_server: 'https://kubernetes.default.svc', dest_namespace: 'shop' });

    it('GIVEN orders Degraded for 16m (syncing for its first 5m) and cart Degraded for 10m WHEN evaluated THEN only orders fires, at 15m and not at 14m', async () => {
      const result = await promtoolTest(
        [
          app({ name: 'orders', health_status: 'Degraded', operation: 'sync' }, '1x4 stale'),
          app({ name: 'orders', health_status: 'Degraded' }, '_x5 1x25'),
          app({ name: 'cart', health_status: 'Degraded' }, '1x9 stale'),
          app({ name: 'cart', health_status: 'Healthy' }, '_x10 1x20'),
          app({ name: 'catalog', health_status: 'Healthy' }, '1x30'),
        ],
        [
          { alertname: 'ArgoCdAppDegraded', eval_time: '14m', exp_alerts: [] },
          {
            alertname: 'ArgoCdAppDegraded',
            eval_time: '15m',
            exp_alerts: [
              {
                exp_labels: { ...appLabels('orders'), severity: 'critical', ...platform },
                exp_annotations: {
                  summary: 'Argo CD application orders is Degraded',
                  description:
                    'Application orders (project shop, destination namespace shop) has been Degraded for 15 minutes: some of its resources are failing (crash-looping or unready pods, a failed Job, a stuck rollout).',
                  runbook_url: runbook('argocd-app-degraded'),
                },
              },
            ],
          },
        ],
      );
      expect(result).toEqual(passed);
    });

    it('GIVEN orders Missing and payments Unknown for 40m, checkout (manual sync) Missing, catalog Unknown for 20m and cart Progressing WHEN evaluated THEN orders and payments fire after 30m, each naming its health', async () => {
      const expected = (name: string, health: string) => ({
        exp_labels: { ...appLabels(name), health_status: health, severity: 'warning', ...platform },
        exp_annotations: {
          summary: `Argo CD application ${name} has health ${health}`,
          description: `Application ${name} (project shop, destination namespace shop) has had health ${health} for 30 minutes. Missing: its resources do not exist in the cluster. Unknown: Argo CD cannot assess them, usually a manifest generation or comparison error.`,
          runbook_url: runbook('argocd-app-missing-or-unknown'),
        },
      });
      const result = await promtoolTest(
        [
          app({ name: 'orders', health_status: 'Missing', sync_status: 'OutOfSync' }, '1x40'),
          app({ name: 'payments', health_status: 'Unknown', sync_status: 'Unknown', autosync_enabled: 'false' }, '1x40'),
          app({ name: 'checkout', health_status: 'Missing', sync_status: 'OutOfSync', autosync_enabled: 'false' }, '1x40'),
          app({ name: 'catalog', health_status: 'Unknown' }, '1x19 stale'),
          app({ name: 'catalog', health_status: 'Healthy' }, '_x20 1x20'),
          app({ name: 'cart', health_status: 'Progressing' }, '1x40'),
        ],
        [
          { alertname: 'ArgoCdAppMissingOrUnknown', eval_time: '29m', exp_alerts: [] },
          { alertname: 'ArgoCdAppMissingOrUnknown', eval_time: '31m', exp_alerts: [expected('orders', 'Missing'), expected('payments', 'Unknown')] },
        ],
      );
      expect(result).toEqual(passed);
    });

    it('GIVEN orders (auto-sync) and checkout (manual sync) OutOfSync for 40m and catalog OutOfSync for 20m WHEN evaluated THEN only orders fires, after 30m', async () => {
      const result = await promtoolTest(
        [
          app({ name: 'orders', health_status: 'Healthy', sync_status: 'OutOfSync' }, '1x40'),
          app({ name: 'checkout', health_status: 'Healthy', sync_status: 'OutOfSync', autosync_enabled: 'false' }, '1x40'),
          app({ name: 'catalog', health_status: 'Healthy', sync_status: 'OutOfSync' }, '1x19 stale'),
          app({ name: 'catalog', health_status: 'Healthy', sync_status: 'Synced' }, '_x20 1x20'),
        ],
        [
          { alertname: 'ArgoCdAppOutOfSync', eval_time: '29m', exp_alerts: [] },
          {
            alertname: 'ArgoCdAppOutOfSync',
            eval_time: '31m',
            exp_alerts: [
              {
                exp_labels: { ...appLabels('orders'), severity: 'warning', ...platform },
                exp_annotations: {
                  summary: 'Argo CD application orders has been OutOfSync for 30 minutes',
                  description:
                    'Application orders (project shop, destination namespace shop) syncs automatically, yet its live state has differed from Git for 30 minutes: its syncs fail, a sync window blocks them, or something keeps changing the live objects.',
                  runbook_url: runbook('argocd-app-out-of-sync'),
                },
              },
            ],
          },
        ],
      );
      expect(result).toEqual(passed);
    });
  });

  it('GIVEN certificates expiring in 10 days (two controller pods, label exported), 2 days (label honored) and 30 days WHEN evaluated THEN 2 days is critical after 15m, both warn after 1h, 30 days never', async () => {
    const expiry = (labels: Readonly<Record<string, string>>, seconds: number) =>
      series('nginx_ingress_controller_ssl_expire_time_seconds', { class: 'nginx', identifier: `${labels.host}-1`, ...labels }, `${seconds}x70`);
    const orders = { host: 'orders.strata.example.com', secret_name: 'orders-tls' };
    const argocd = { host: 'argocd.prod-eu.strata.example.com', secret_name: 'argocd-server-tls' };
    const expected = (severity: string, labels: Readonly<Record<string, string>>, days: number, left: string) => ({
      exp_labels: { ...labels, severity, ...platform },
      exp_annotations: {
        summary: `The TLS certificate of ${labels.host} expires in ${left}`,
        description: `ingress-nginx serves ${labels.host} with the certificate of Secret ${labels.namespace}/${labels.secret_name}, which expires in less than ${days} days (${left}). Renew it before clients reject the connection.`,
        runbook_url: runbook('ingress-certificate-expiring'),
      },
    });
    const result = await promtoolTest(
      [
        // Scraped without honorLabels: the Secret's namespace is in exported_namespace.
        expiry({ namespace: 'ingress-nginx', exported_namespace: 'shop', pod: 'ingress-nginx-controller-a', ...orders }, 10 * 86400),
        expiry({ namespace: 'ingress-nginx', exported_namespace: 'shop', pod: 'ingress-nginx-controller-b', ...orders }, 10 * 86400),
        // Scraped with honorLabels: namespace is the Secret's.
        expiry({ namespace: 'argocd', pod: 'ingress-nginx-controller-a', ...argocd }, 2 * 86400),
        expiry({ namespace: 'shop', pod: 'ingress-nginx-controller-a', host: 'catalog.strata.example.com', secret_name: 'catalog-tls' }, 30 * 86400),
      ],
      [
        { alertname: 'IngressCertificateExpiring', eval_time: '14m', exp_alerts: [] },
        // 2 days − 59 minutes left.
        { alertname: 'IngressCertificateExpiring', eval_time: '59m', exp_alerts: [expected('critical', { namespace: 'argocd', ...argocd }, 3, '1d 23h 1m 0s')] },
        {
          alertname: 'IngressCertificateExpiring',
          eval_time: '61m',
          exp_alerts: [
            expected('critical', { namespace: 'argocd', ...argocd }, 3, '1d 22h 59m 0s'),
            expected('warning', { namespace: 'argocd', ...argocd }, 14, '1d 22h 59m 0s'),
            expected('warning', { namespace: 'shop', ...orders }, 14, '9d 22h 59m 0s'),
          ],
        },
      ],
    );
    expect(result).toEqual(passed);
  });

  describe('OpenTelemetry Collector', () => {
    const collector = { namespace: 'monitoring', job: 'opentelemetry-collector', pod: 'opentelemetry-collector-6c9f-abcde' };
    const labelsOf = (component: Readonly<Record<string, string>>, signal: string) => ({
      namespace: 'monitoring',
      job: 'opentelemetry-collector',
      ...component,
      signal,
      severity: 'warning',
      ...platform,
    });

    it('GIVEN failed sends of spans (no _total suffix, 1/s) and log records (_total, 2/s), none of metric points, and one failed batch WHEN evaluated THEN spans and logs fire after 10m, the single batch never', async () => {
      const failed = (items: string, exporter: string, values: string) => series(`otelcol_exporter_send_failed_${items}`, { ...collector, exporter }, values);
      const expected = (exporter: string, signal: string, perSecond: string) => ({
        exp_labels: labelsOf({ exporter }, signal),
        exp_annotations: {
          summary: `OpenTelemetry Collector exporter ${exporter} is failing to send ${signal}`,
          description: `Exporter ${exporter} of monitoring/opentelemetry-collector has dropped ${signal} for 10 minutes (${perSecond} items/s): sends failed after their retries, or the backend rejected them.`,
          runbook_url: runbook('otel-collector-export-failing'),
        },
      });
      const result = await promtoolTest(
        [
          failed('spans', 'otlp/tempo', '0+60x30'),
          failed('log_records_total', 'otlphttp/loki', '0+120x30'),
          failed('metric_points_total', 'prometheus', '0x30'),
          failed('spans_total', 'otlp/backup', '0 0 0 50x27'),
        ],
        [
          { alertname: 'OtelCollectorExportFailing', eval_time: '10m', exp_alerts: [] },
          { alertname: 'OtelCollectorExportFailing', eval_time: '12m', exp_alerts: [expected('otlp/tempo', 'traces', '1'), expected('otlphttp/loki', 'logs', '2')] },
          { alertname: 'OtelCollectorExportFailing', eval_time: '25m', exp_alerts: [expected('otlp/tempo', 'traces', '1'), expected('otlphttp/loki', 'logs', '2')] },
        ],
      );
      expect(result).toEqual(passed);
    });

    it('GIVEN enqueue failures of metric points (3/s) and none of spans WHEN evaluated THEN metric points fire after 10m', async () => {
      const result = await promtoolTest(
        [
          series('otelcol_exporter_enqueue_failed_metric_points', { ...collector, exporter: 'otlp/tempo' }, '0+180x30'),
          series('otelcol_exporter_enqueue_failed_spans', { ...collector, exporter: 'otlp/tempo' }, '0x30'),
        ],
        [
          { alertname: 'OtelCollectorExportQueueFull', eval_time: '10m', exp_alerts: [] },
          {
            alertname: 'OtelCollectorExportQueueFull',
            eval_time: '12m',
            exp_alerts: [
              {
                exp_labels: labelsOf({ exporter: 'otlp/tempo' }, 'metrics'),
                exp_annotations: {
                  summary: 'The sending queue of OpenTelemetry Collector exporter otlp/tempo is full',
                  description:
                    'Exporter otlp/tempo of monitoring/opentelemetry-collector has turned away metrics for 10 minutes (3 items/s) because its sending queue is full: its backend is slower than the incoming data.',
                  runbook_url: runbook('otel-collector-export-queue-full'),
                },
              },
            ],
          },
        ],
      );
      expect(result).toEqual(passed);
    });

    it('GIVEN refused spans over gRPC from two replicas (1/s each) and no refused log records WHEN evaluated THEN one alert for spans fires after 10m', async () => {
      const refused = (items: string, pod: string, values: string) =>
        series(`otelcol_receiver_refused_${items}`, { ...collector, pod, receiver: 'otlp', transport: 'grpc' }, values);
      const result = await promtoolTest(
        [refused('spans_total', 'a', '0+60x30'), refused('spans_total', 'b', '0+60x30'), refused('log_records_total', 'a', '0x30')],
        [
          { alertname: 'OtelCollectorRefusingData', eval_time: '10m', exp_alerts: [] },
          {
            alertname: 'OtelCollectorRefusingData',
            eval_time: '12m',
            exp_alerts: [
              {
                exp_labels: labelsOf({ receiver: 'otlp' }, 'traces'),
                exp_annotations: {
                  summary: 'OpenTelemetry Collector receiver otlp is refusing traces',
                  description:
                    'Receiver otlp of monitoring/opentelemetry-collector has refused traces for 10 minutes (2 items/s): the memory limiter or a full exporter queue pushes back, and senders drop what their retries cannot place.',
                  runbook_url: runbook('otel-collector-refusing-data'),
                },
              },
            ],
          },
        ],
      );
      expect(result).toEqual(passed);
    });
  });

  describe('logs', () => {
    const loki = { namespace: 'monitoring', job: 'monitoring/loki', pod: 'loki-0' };

    it('GIVEN 10% 5xx on loki_api_v1_push, 1% on otlp_v1_logs and 100% on a query route WHEN evaluated THEN only the push route fires, after 15m', async () => {
      const requests = (route: string, status: string, values: string) =>
        series('loki_request_duration_seconds_count', { ...loki, method: 'POST', route, status_code: status, ws: 'false' }, values);
      const result = await promtoolTest(
        [
          requests('loki_api_v1_push', '204', '0+5400x30'),
          requests('loki_api_v1_push', '500', '0+600x30'),
          requests('otlp_v1_logs', '204', '0+5940x30'),
          requests('otlp_v1_logs', '503', '0+60x30'),
          requests('loki_api_v1_query_range', '500', '0+600x30'),
        ],
        [
          { alertname: 'LokiPushErrors', eval_time: '15m', exp_alerts: [] },
          {
            alertname: 'LokiPushErrors',
            eval_time: '17m',
            exp_alerts: [
              {
                exp_labels: { namespace: 'monitoring', job: 'monitoring/loki', route: 'loki_api_v1_push', severity: 'critical', ...platform },
                exp_annotations: {
                  summary: 'Loki fails 10% of pushes on loki_api_v1_push',
                  description:
                    '10% of the push requests to monitoring/loki (namespace/service) on route loki_api_v1_push have failed with a 5xx for 15 minutes. Logs are delayed, and lost once the senders give up.',
                  runbook_url: runbook('loki-push-errors'),
                },
              },
            ],
          },
        ],
      );
      expect(result).toEqual(passed);
    });

    it('GIVEN rate-limited lines discarded at 10/s and one batch of too-long lines WHEN evaluated THEN the rate limit fires after 15m, the single batch never', async () => {
      const discarded = (reason: string, values: string) =>
        series('loki_discarded_samples_total', { ...loki, tenant: 'fake', reason, retention_hours: '744', format: 'loki' }, values);
      const result = await promtoolTest(
        [discarded('rate_limited', '0+600x30'), discarded('line_too_long', '0 0 0 5x27')],
        [
          { alertname: 'LokiDiscardingSamples', eval_time: '15m', exp_alerts: [] },
          {
            alertname: 'LokiDiscardingSamples',
            eval_time: '17m',
            exp_alerts: [
              {
                exp_labels: { namespace: 'monitoring', tenant: 'fake', reason: 'rate_limited', severity: 'warning', ...platform },
                exp_annotations: {
                  summary: 'Loki is discarding log lines of tenant fake: rate_limited',
                  description: 'Loki in monitoring has discarded 10 log lines/s of tenant fake for 15 minutes, for reason rate_limited. They are lost.',
                  runbook_url: runbook('loki-discarding-samples'),
                },
              },
            ],
          },
        ],
      );
      expect(result).toEqual(passed);
    });

    it('GIVEN two Alloy pods dropping entries for Loki errors at 5/s each and none for a full queue WHEN evaluated THEN one alert fires after 10m', async () => {
      const host = 'loki-gateway.monitoring.svc.cluster.local';
      const dropped = (pod: string, reason: string, values: string) =>
        series(
          'loki_write_dropped_entries_total',
          { namespace: 'monitoring', job: 'alloy', pod, component_id: 'loki.write.default', host, reason },
          values,
        );
      const result = await promtoolTest(
        [dropped('alloy-a', 'ingester_error', '0+300x30'), dropped('alloy-b', 'ingester_error', '0+300x30'), dropped('alloy-a', 'queue_is_full', '0x30')],
        [
          { alertname: 'AlloyDroppingLogs', eval_time: '10m', exp_alerts: [] },
          {
            alertname: 'AlloyDroppingLogs',
            eval_time: '12m',
            exp_alerts: [
              {
                exp_labels: { namespace: 'monitoring', job: 'alloy', host, reason: 'ingester_error', severity: 'warning', ...platform },
                exp_annotations: {
                  summary: `Alloy is dropping log entries bound for ${host}: ingester_error`,
                  description: `Alloy (monitoring/alloy) has dropped 10 log entries/s bound for ${host} for 10 minutes, for reason ingester_error. They never reach Loki.`,
                  runbook_url: runbook('alloy-dropping-logs'),
                },
              },
            ],
          },
        ],
      );
      expect(result).toEqual(passed);
    });
  });

  describe('metrics sources', () => {
    const present = {
      argocd: series('argocd_app_info', { namespace: 'argocd', name: 'orders', health_status: 'Healthy', sync_status: 'Synced' }, '1x40'),
      loki: series('loki_build_info', { namespace: 'monitoring', job: 'monitoring/loki', version: '3.6.7' }, '1x40'),
      alloy: series('alloy_build_info', { namespace: 'monitoring', job: 'alloy', version: 'v1.18.1' }, '1x40'),
      ingress: series('nginx_ingress_controller_config_last_reload_successful', { namespace: 'ingress-nginx', controller_class: 'k8s.io/ingress-nginx' }, '1x40'),
    };
    const absent = (component: string) => ({
      exp_labels: { component, severity: 'warning', ...platform },
      exp_annotations: {
        summary: `Prometheus has no metrics from ${component}`,
        description: `Prometheus has had no metrics from ${component} for 30 minutes, so the platform alerts that read them cannot fire. Enable its metrics and ServiceMonitor, or find out why its target is gone.`,
        runbook_url: runbook('platform-metrics-absent'),
      },
    });

    it('GIVEN Argo CD, Loki and the collector (uptime without suffix) scraped, Alloy and ingress-nginx not WHEN evaluated THEN the two missing sources fire after 30m', async () => {
      const result = await promtoolTest(
        [present.argocd, present.loki, series('otelcol_process_uptime', { namespace: 'monitoring', job: 'opentelemetry-collector' }, '0+60x40')],
        [
          { alertname: 'PlatformMetricsAbsent', eval_time: '29m', exp_alerts: [] },
          { alertname: 'PlatformMetricsAbsent', eval_time: '31m', exp_alerts: [absent('alloy'), absent('ingress-nginx')] },
        ],
      );
      expect(result).toEqual(passed);
    });

    it('GIVEN every source scraped, the collector uptime with its _seconds_total suffix WHEN evaluated THEN nothing fires', async () => {
      const result = await promtoolTest(
        [...Object.values(present), series('otelcol_process_uptime_seconds_total', { namespace: 'monitoring', job: 'opentelemetry-collector' }, '0+60x40')],
        [{ alertname: 'PlatformMetricsAbsent', eval_time: '35m', exp_alerts: [] }],
      );
      expect(result).toEqual(passed);
    });
  });
});
