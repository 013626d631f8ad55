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
} as const satisfies Record<string, Chart>;

export type ChartName = keyof typeof charts;
