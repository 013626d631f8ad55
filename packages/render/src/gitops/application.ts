import { environmentOf, type Cluster, type Environment, type Platform } from '@strata/model';
import type { ISyncPolicy } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/SyncPolicy';
import { charts } from '../charts.ts';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { annotations, labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { argocdNamespace } from '../naming.ts';
import type { AppUnit } from '../unit.ts';
import { clusterPaths } from './paths.ts';

/** Failed syncs retry with exponential backoff: 10s, 20s, 40s, … up to 5 minutes. */
const retry = { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } };

/** The Argo CD Application of one unit, with the sync policy of the cluster's environment. */
export function renderApplication(platform: Platform, cluster: Cluster, unit: AppUnit): KubeObject {
  const environment = environmentOf(platform, cluster);
  const paths = clusterPaths(platform, cluster);
  const syncOptions = [
    ...(unit.createNamespace ? ['CreateNamespace=true'] : []),
    'PruneLast=true',
    ...(unit.serverSideApply ? ['ServerSideApply=true'] : []),
  ];
  const annotationsOf: Record<string, string> = { [annotations.syncWave]: String(unit.wave) };
  if (unit.providesCrds && unit.providesCrds.length > 0) annotationsOf[annotations.providesCrds] = [...unit.providesCrds].sort().join(',');
  return typed<IApplication>({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: unit.name,
      namespace: argocdNamespace,
      labels: { [labels.managedBy]: managedBy, [labels.cluster]: cluster.name, [labels.environment]: environment.name },
      annotations: annotationsOf,
      // Deleting the Application deletes what it deployed.
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: unit.project,
      destination: { name: cluster.name, namespace: unit.namespace },
      ...(unit.type === 'chart'
        ? {
            sources: [
              {
                repoURL: charts[unit.chart].repoURL,
                chart: charts[unit.chart].chart,
                targetRevision: charts[unit.chart].version,
                helm: { releaseName: unit.name, valueFiles: [`$values/${paths.valuesFile(unit.name)}`] },
              },
              { repoURL: platform.repo.url, targetRevision: platform.repo.revision, ref: 'values' },
            ],
          }
        : { source: { repoURL: platform.repo.url, targetRevision: platform.repo.revision, path: paths.unitDir(unit.name) } }),
      syncPolicy: syncPolicyOf(environment, syncOptions),
      revisionHistoryLimit: 5,
    },
  });
}

/** The environment's sync policy: automated (with prune and self-heal as set) or manual, always retried. */
export function syncPolicyOf(environment: Environment, syncOptions: readonly string[]): ISyncPolicy {
  return {
    ...(environment.sync.automated ? { automated: { prune: environment.sync.prune, selfHeal: environment.sync.selfHeal } } : {}),
    ...(syncOptions.length > 0 ? { syncOptions: [...syncOptions] } : {}),
    retry,
  };
}
