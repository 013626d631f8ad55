/**
 * Release names of the observability charts (also their Application names) and the
 * in-cluster addresses they serve, defined once: datasources and exporters link them.
 */
export const releases = {
  prometheusStack: 'kube-prometheus-stack',
  loki: 'loki',
  tempo: 'tempo',
  alloy: 'alloy',
  collector: 'opentelemetry-collector',
} as const;

/** Grafana datasource uids, which links between datasources name. */
export const datasourceUids = { prometheus: 'prometheus', loki: 'loki', tempo: 'tempo' } as const;

/** Keys of the receivers Secret (not rendered: created in the cluster, never in Git). */
export const receiverSecretKeys = { slack: 'slack-webhook-url', discord: 'discord-webhook-url' } as const;

/** Where the Prometheus Operator mounts each Secret of `alertmanagerSpec.secrets`. */
export function alertmanagerSecretFile(secretName: string, key: string): string {
  return `/etc/alertmanager/secrets/${secretName}/${key}`;
}

export function endpoints(namespace: string) {
  const svc = (name: string): string => `${name}.${namespace}.svc.cluster.local`;
  return {
    /** Loki's gateway (nginx) in front of every deployment mode. */
    lokiUrl: `http://${svc(`${releases.loki}-gateway`)}`,
    tempoUrl: `http://${svc(releases.tempo)}:3200`,
    tempoOtlpGrpc: `${svc(releases.tempo)}:4317`,
  } as const;
}
