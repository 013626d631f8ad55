/**
 * The platform's own alerts: what kube-prometheus-stack's default rules (chart 66.2.1)
 * do not watch. Argo CD applications, the certificates the ingress controller serves,
 * and the telemetry pipeline (OpenTelemetry Collector, Loki, Alloy). Each alert carries
 * `team: platform` and a `severity` of `critical` or `warning`, which Alertmanager routes
 * on (alertmanager.ts), and links its runbook in docs/runbooks/.
 *
 * Metric names are those of the versions Strata deploys (charts.ts):
 *   argocd_app_info                   Argo CD v3.1 application controller (argo-cd chart 9.0.5)
 *   nginx_ingress_controller_*        ingress-nginx, the controller of the `nginx` ingress class
 *   otelcol_*                         OpenTelemetry Collector 0.158 (opentelemetry-collector chart 0.170.0)
 *   loki_* (server side)              Loki 3.6 (loki chart 6.55.0)
 *   loki_write_*, alloy_build_info    Grafana Alloy 1.18 (alloy chart 1.11.1)
 * A source's alerts work only while Prometheus scrapes it (its chart's ServiceMonitor);
 * PlatformMetricsAbsent fires for each source it does not see, so that no alert here is
 * silently dead.
 */
import type { PrometheusRule, PrometheusRuleGroup } from '../slo/rules.ts';

export interface PlatformAlertOptions {
  /** Where the runbooks are published, ending with `/`: alerts link `<runbookBaseUrl><file>.md`. */
  readonly runbookBaseUrl: string;
}

/** Runbook file name (without .md) per alert name; the files are in docs/runbooks/. */
export const platformAlertRunbooks: Readonly<Record<string, string>> = {
  ArgoCdAppDegraded: 'argocd-app-degraded',
  ArgoCdAppMissingOrUnknown: 'argocd-app-missing-or-unknown',
  ArgoCdAppOutOfSync: 'argocd-app-out-of-sync',
  IngressCertificateExpiring: 'ingress-certificate-expiring',
  OtelCollectorExportFailing: 'otel-collector-export-failing',
  OtelCollectorExportQueueFull: 'otel-collector-export-queue-full',
  OtelCollectorRefusingData: 'otel-collector-refusing-data',
  LokiPushErrors: 'loki-push-errors',
  LokiDiscardingSamples: 'loki-discarding-samples',
  AlloyDroppingLogs: 'alloy-dropping-logs',
  PlatformMetricsAbsent: 'platform-metrics-absent',
};

interface PlatformAlert {
  readonly alert: string;
  readonly severity: 'critical' | 'warning';
  readonly expr: string;
  readonly for: string;
  readonly summary: string;
  readonly description: string;
}

/** Rule groups of the platform's own alerts, one per component. */
export function renderPlatformAlertGroups(options: PlatformAlertOptions): PrometheusRuleGroup[] {
  const base = options.runbookBaseUrl;
  if (!base.endsWith('/')) {
    throw new Error(`renderPlatformAlertGroups: runbookBaseUrl must end with "/", got ${JSON.stringify(base)}; add the trailing slash.`);
  }
  const toRule = (a: PlatformAlert): PrometheusRule => {
    const runbook = platformAlertRunbooks[a.alert];
    if (runbook === undefined) throw new Error(`renderPlatformAlertGroups: alert ${a.alert} has no entry in platformAlertRunbooks; add its runbook.`);
    return {
      alert: a.alert,
      expr: a.expr,
      for: a.for,
      labels: { severity: a.severity, team: 'platform' },
      annotations: { summary: a.summary, description: a.description, runbook_url: `${base}${runbook}.md` },
    };
  };
  return [
    { name: 'platform-argocd', rules: argoCdAlerts.map(toRule) },
    { name: 'platform-ingress-certificates', rules: certificateAlerts.map(toRule) },
    { name: 'platform-opentelemetry-collector', rules: collectorAlerts.map(toRule) },
    { name: 'platform-logs', rules: logAlerts.map(toRule) },
    { name: 'platform-metrics-sources', rules: [toRule(metricsAbsentAlert)] },
  ];
}

// ── Argo CD ──────────────────────────────────────────────────────────────────────────
// argocd_app_info is 1 for every Application, with its health and sync status as labels.
// `max by` drops the labels that change while a status holds (`operation` during a sync),
// so that `for` measures how long the status has held.

const appLabels = ['namespace', 'name', 'project', 'dest_server', 'dest_namespace'];
const appsWith = (selectors: readonly string[], keep: readonly string[] = []): string =>
  `max by (${[...appLabels, ...keep].join(', ')}) (${selectors.map((m) => `argocd_app_info{${m}}`).join(' or ')})`;
const app = '{{ $labels.name }} (project {{ $labels.project }}, destination namespace {{ $labels.dest_namespace }})';

const argoCdAlerts: readonly PlatformAlert[] = [
  {
    alert: 'ArgoCdAppDegraded',
    severity: 'critical',
    expr: appsWith(['health_status="Degraded"']),
    for: '15m',
    summary: 'Argo CD application {{ $labels.name }} is Degraded',
    description: `Application ${app} has been Degraded for 15 minutes: some of its resources are failing (crash-looping or unready pods, a failed Job, a stuck rollout).`,
  },
  {
    // Missing only for auto-synced applications: a manually synced one is Missing by
    // design from its first merge until someone syncs it.
    alert: 'ArgoCdAppMissingOrUnknown',
    severity: 'warning',
    expr: appsWith(['health_status="Unknown"', 'health_status="Missing",autosync_enabled="true"'], ['health_status']),
    for: '30m',
    summary: 'Argo CD application {{ $labels.name }} has health {{ $labels.health_status }}',
    description: `Application ${app} has had health {{ $labels.health_status }} for 30 minutes. Missing: its resources do not exist in the cluster. Unknown: Argo CD cannot assess them, usually a manifest generation or comparison error.`,
  },
  {
    // Auto-synced applications only: a manually synced one (production) is OutOfSync by
    // design from a merge until someone syncs it in a sync window.
    alert: 'ArgoCdAppOutOfSync',
    severity: 'warning',
    expr: appsWith(['sync_status="OutOfSync",autosync_enabled="true"']),
    for: '30m',
    summary: 'Argo CD application {{ $labels.name }} has been OutOfSync for 30 minutes',
    description: `Application ${app} syncs automatically, yet its live state has differed from Git for 30 minutes: its syncs fail, a sync window blocks them, or something keeps changing the live objects.`,
  },
];

// ── Certificates ─────────────────────────────────────────────────────────────────────
// Strata's Ingresses (services' and Argo CD's) terminate TLS at ingress-nginx, with
// Secrets that Strata does not issue. The controller exports
// nginx_ingress_controller_ssl_expire_time_seconds (notAfter, Unix seconds) per served
// host and Secret: what clients actually get, whoever renews the Secret.
// Its `namespace` label (the Secret's) turns into `exported_namespace` when the
// ServiceMonitor does not honor labels; label_replace makes it `namespace` either way.
// `min by` merges the controller's replicas. Warning and critical share a name, so the
// critical inhibits the warning (alertmanager.ts).

const certificateSecondsLeft = `min by (namespace, host, secret_name) (
  label_replace(nginx_ingress_controller_ssl_expire_time_seconds, "namespace", "$1", "exported_namespace", "(.+)")
) - time()`;

const certificateAlert = (severity: PlatformAlert['severity'], days: number, holdFor: string): PlatformAlert => ({
  alert: 'IngressCertificateExpiring',
  severity,
  expr: `${certificateSecondsLeft} < ${days} * 86400`,
  for: holdFor,
  summary: 'The TLS certificate of {{ $labels.host }} expires in {{ $value | humanizeDuration }}',
  description: `ingress-nginx serves {{ $labels.host }} with the certificate of Secret {{ $labels.namespace }}/{{ $labels.secret_name }}, which expires in less than ${days} days ({{ $value | humanizeDuration }}). Renew it before clients reject the connection.`,
});

const certificateAlerts: readonly PlatformAlert[] = [certificateAlert('warning', 14, '1h'), certificateAlert('critical', 3, '15m')];

// ── OpenTelemetry Collector ──────────────────────────────────────────────────────────
// Per pipeline signal, the counters are named after its items. Every alert is
// `rate > 0 for 10m`: in normal operation each counter stands still, and any sustained
// increase is data lost or pushed back. A single failed batch (a Tempo restart) stays in
// the 5m rate for 5 minutes, less than the 10 the alert waits. A ratio would hide a small
// steady loss, such as one oversized trace in a thousand.
//
// Names match with and without `_total`: the collector's Prometheus endpoint appends it
// only with `without_type_suffix: false`, the default for explicitly configured readers
// (the chart's) from 0.120 to 0.151 but not since 0.152. An upgrade or a values change
// must not silence the alerts.

const collectorSignals = [
  { signal: 'traces', items: 'spans' },
  { signal: 'metrics', items: 'metric_points' },
  { signal: 'logs', items: 'log_records' },
] as const;

/** The rate of one collector counter per signal, labelled `signal`, where it is above zero. */
function collectorRates(counterPrefix: string, by: readonly string[]): string {
  const perSignal = collectorSignals.map(
    ({ signal, items }) =>
      `  label_replace(sum by (${by.join(', ')}) (rate({__name__=~"${counterPrefix}_${items}(_total)?"}[5m])), "signal", "${signal}", "", "")`,
  );
  return `(\n${perSignal.join('\nor\n')}\n) > 0`;
}

const collectorAlerts: readonly PlatformAlert[] = [
  {
    alert: 'OtelCollectorExportFailing',
    severity: 'warning',
    expr: collectorRates('otelcol_exporter_send_failed', ['namespace', 'job', 'exporter']),
    for: '10m',
    summary: 'OpenTelemetry Collector exporter {{ $labels.exporter }} is failing to send {{ $labels.signal }}',
    description:
      'Exporter {{ $labels.exporter }} of {{ $labels.namespace }}/{{ $labels.job }} has dropped {{ $labels.signal }} for 10 minutes ({{ $value | humanize }} items/s): sends failed after their retries, or the backend rejected them.',
  },
  {
    alert: 'OtelCollectorExportQueueFull',
    severity: 'warning',
    expr: collectorRates('otelcol_exporter_enqueue_failed', ['namespace', 'job', 'exporter']),
    for: '10m',
    summary: 'The sending queue of OpenTelemetry Collector exporter {{ $labels.exporter }} is full',
    description:
      'Exporter {{ $labels.exporter }} of {{ $labels.namespace }}/{{ $labels.job }} has turned away {{ $labels.signal }} for 10 minutes ({{ $value | humanize }} items/s) because its sending queue is full: its backend is slower than the incoming data.',
  },
  {
    alert: 'OtelCollectorRefusingData',
    severity: 'warning',
    expr: collectorRates('otelcol_receiver_refused', ['namespace', 'job', 'receiver']),
    for: '10m',
    summary: 'OpenTelemetry Collector receiver {{ $labels.receiver }} is refusing {{ $labels.signal }}',
    description:
      'Receiver {{ $labels.receiver }} of {{ $labels.namespace }}/{{ $labels.job }} has refused {{ $labels.signal }} for 10 minutes ({{ $value | humanize }} items/s): the memory limiter or a full exporter queue pushes back, and senders drop what their retries cannot place.',
  },
];

// ── Logs: Loki and Alloy ─────────────────────────────────────────────────────────────

/** The push routes of Loki's distributor: Loki's own API, its legacy one, and OTLP (the collector). */
const lokiPushRoutes = 'api_prom_push|loki_api_v1_push|otlp_v1_logs';
const lokiPushRequests = (matchers: string): string =>
  `sum by (namespace, job, route) (rate(loki_request_duration_seconds_count{${matchers}}[5m]))`;

const logAlerts: readonly PlatformAlert[] = [
  {
    // Stricter than the Loki mixin's 10% over all routes: this path carries every log
    // line of the cluster, and Alloy drops a batch once its retries run out.
    alert: 'LokiPushErrors',
    severity: 'critical',
    expr: `${lokiPushRequests(`route=~"${lokiPushRoutes}",status_code=~"5.."`)}\n/\n${lokiPushRequests(`route=~"${lokiPushRoutes}"`)}\n> 0.05`,
    for: '15m',
    summary: 'Loki fails {{ $value | humanizePercentage }} of pushes on {{ $labels.route }}',
    description:
      '{{ $value | humanizePercentage }} of the push requests to {{ $labels.job }} (namespace/service) on route {{ $labels.route }} have failed with a 5xx for 15 minutes. Logs are delayed, and lost once the senders give up.',
  },
  {
    // Discarded lines (rate or stream limits, too old, too long) are answered with a
    // 4xx or dropped from an accepted push, never a 5xx: LokiPushErrors does not see them.
    alert: 'LokiDiscardingSamples',
    severity: 'warning',
    expr: 'sum by (namespace, tenant, reason) (rate(loki_discarded_samples_total[5m])) > 0',
    for: '15m',
    summary: 'Loki is discarding log lines of tenant {{ $labels.tenant }}: {{ $labels.reason }}',
    description:
      'Loki in {{ $labels.namespace }} has discarded {{ $value | humanize }} log lines/s of tenant {{ $labels.tenant }} for 15 minutes, for reason {{ $labels.reason }}. They are lost.',
  },
  {
    // Extra: logs Alloy gives up on never reach Loki, so Loki's own metrics cannot show
    // them (an unreachable gateway, a NetworkPolicy, a full queue).
    alert: 'AlloyDroppingLogs',
    severity: 'warning',
    expr: 'sum by (namespace, job, host, reason) (rate(loki_write_dropped_entries_total[5m])) > 0',
    for: '10m',
    summary: 'Alloy is dropping log entries bound for {{ $labels.host }}: {{ $labels.reason }}',
    description:
      'Alloy ({{ $labels.namespace }}/{{ $labels.job }}) has dropped {{ $value | humanize }} log entries/s bound for {{ $labels.host }} for 10 minutes, for reason {{ $labels.reason }}. They never reach Loki.',
  },
];

// ── Metrics sources ──────────────────────────────────────────────────────────────────
// Extra: TargetDown (a default rule) covers targets that are down, not targets that
// were never scraped. One series each source always exports while it is scraped.

const metricsSources = [
  { component: 'alloy', selector: 'alloy_build_info' },
  { component: 'argocd-application-controller', selector: 'argocd_app_info' },
  { component: 'ingress-nginx', selector: 'nginx_ingress_controller_config_last_reload_successful' },
  { component: 'loki', selector: 'loki_build_info' },
  { component: 'opentelemetry-collector', selector: '{__name__=~"otelcol_process_uptime(_seconds_total)?"}' },
] as const;

const metricsAbsentAlert: PlatformAlert = {
  alert: 'PlatformMetricsAbsent',
  severity: 'warning',
  expr: metricsSources.map((s) => `label_replace(absent(${s.selector}), "component", "${s.component}", "", "")`).join('\nor\n'),
  for: '30m',
  summary: 'Prometheus has no metrics from {{ $labels.component }}',
  description:
    'Prometheus has had no metrics from {{ $labels.component }} for 30 minutes, so the platform alerts that read them cannot fire. Enable its metrics and ServiceMonitor, or find out why its target is gone.',
};
