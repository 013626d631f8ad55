/**
 * Every upstream Helm chart the platform installs, pinned to an exact version in
 * this one place. Bump here, run `strata synth`, review the diff of deploy/.
 */
export interface Chart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
}

export const charts = {
  'argo-cd': { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '9.0.5' },
  'prometheus-operator-crds': {
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'prometheus-operator-crds',
    version: '16.0.0',
  },
  // Operator v0.78.1, the same release as prometheus-operator-crds 16.0.0 above: the stack's own CRDs are off.
  'kube-prometheus-stack': {
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '66.2.1',
  },
  loki: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'loki', version: '6.55.0' },
  tempo: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'tempo', version: '1.24.3' },
  alloy: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'alloy', version: '1.11.1' },
  'opentelemetry-collector': {
    repoURL: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
    chart: 'opentelemetry-collector',
    version: '0.170.0',
  },
} as const satisfies Record<string, Chart>;

export type ChartName = keyof typeof charts;
