import { environmentOf, type Cluster, type Platform } from '@strata/model';
import { renderAlertmanagerConfig } from './alertmanager.ts';
import { datasourceUids, endpoints, receiverSecretKeys } from './endpoints.ts';
import { sizing } from './sizing.ts';

/** Secret with Grafana's admin user and password (keys `admin-user`, `admin-password`); not in Git. */
export const grafanaAdminSecret = 'grafana-admin';

/** kube-prometheus-stack: Prometheus, Alertmanager, Grafana, node-exporter and kube-state-metrics. */
export function renderPrometheusStackValues(platform: Platform, cluster: Cluster): Record<string, unknown> {
  const environment = environmentOf(platform, cluster);
  const size = sizing[environment.profile];
  const { lokiUrl, tempoUrl } = endpoints(platform.monitoringNamespace);
  return {
    // The prometheus-operator-crds Application installs them in an earlier wave.
    crds: { enabled: false },
    prometheus: {
      prometheusSpec: {
        retention: platform.addons.observability.retention[environment.name],
        resources: {
          requests: { cpu: size.prometheusCpuRequest, memory: size.prometheusMemoryRequest },
          limits: { memory: size.prometheusMemoryLimit },
        },
        storageSpec: {
          volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size.prometheusStorage } } } },
        },
        externalLabels: { cluster: cluster.name, environment: environment.name },
        // Exemplars carry the trace ids that link a latency bucket to its trace in Tempo.
        enableFeatures: ['exemplar-storage'],
        // Select every ServiceMonitor, PodMonitor and rule of the cluster, not only this release's.
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
      },
    },
    alertmanager: {
      alertmanagerSpec: {
        // Mounted at /etc/alertmanager/secrets/<name>/; the config reads the webhook URLs from there.
        secrets: [platform.addons.observability.alerting.secretName],
        replicas: environment.name === 'prod' ? 2 : 1,
      },
      config: renderAlertmanagerConfig(platform, environment),
    },
    grafana: {
      admin: { existingSecret: grafanaAdminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
      sidecar: {
        dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL' },
        datasources: { exemplarTraceIdDestinations: { datasourceUid: datasourceUids.tempo, traceIdLabelName: 'trace_id' } },
      },
      additionalDataSources: [
        {
          name: 'Loki',
          uid: datasourceUids.loki,
          type: 'loki',
          access: 'proxy',
          url: lokiUrl,
          jsonData: {
            // Logs are JSON lines with trace_id; `$$` escapes Grafana's provisioning variables.
            derivedFields: [
              { name: 'trace_id', matcherRegex: '"trace_id":"(\\w+)"', url: '$${__value.raw}', datasourceUid: datasourceUids.tempo, urlDisplayLabel: 'Trace' },
            ],
          },
        },
        {
          name: 'Tempo',
          uid: datasourceUids.tempo,
          type: 'tempo',
          access: 'proxy',
          url: tempoUrl,
          jsonData: {
            tracesToLogsV2: { datasourceUid: datasourceUids.loki, filterByTraceID: true, spanStartTimeShift: '-5m', spanEndTimeShift: '5m' },
            tracesToMetrics: { datasourceUid: datasourceUids.prometheus },
            serviceMap: { datasourceUid: datasourceUids.prometheus },
            lokiSearch: { datasourceUid: datasourceUids.loki },
            nodeGraph: { enabled: true },
          },
        },
      ],
    },
  };
}

/** Comment lines of the values file: the Secrets it needs, which Git never holds. */
export function prometheusStackValuesHeader(platform: Platform): string[] {
  const secret = platform.addons.observability.alerting.secretName;
  return [
    'Needs two Secrets in this namespace, created outside Git (e.g. by External Secrets):',
    `- ${secret}: keys ${receiverSecretKeys.slack} and ${receiverSecretKeys.discord}, the webhook URLs`,
    '  Alertmanager reads from files (api_url_file, webhook_url_file).',
    `- ${grafanaAdminSecret}: keys admin-user and admin-password.`,
  ];
}
