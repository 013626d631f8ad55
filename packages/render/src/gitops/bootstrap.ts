import { environmentOf, type Cluster, type Platform } from '@strata/model';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { annotations, labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { argocdNamespace, inClusterServer } from '../naming.ts';
import { waves } from '../waves.ts';
import { clusterPaths } from './paths.ts';

/**
 * The root Application of a cluster (app-of-apps): applied once at bootstrap, it
 * syncs the cluster's apps/ folder, which holds every other Application.
 */
export function renderRootApplication(platform: Platform, cluster: Cluster): KubeObject {
  const environment = environmentOf(platform, cluster);
  return typed<IApplication>({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: 'root',
      namespace: argocdNamespace,
      labels: { [labels.managedBy]: managedBy, [labels.cluster]: cluster.name, [labels.environment]: environment.name },
    },
    spec: {
      // The default project exists before any AppProject of the tree is synced.
      project: 'default',
      destination: { server: inClusterServer, namespace: argocdNamespace },
      source: { repoURL: platform.repo.url, targetRevision: platform.repo.revision, path: clusterPaths(platform, cluster).appsDir },
      syncPolicy: {
        ...(environment.sync.automated ? { automated: { prune: environment.sync.prune, selfHeal: environment.sync.selfHeal } } : {}),
        retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      },
    },
  });
}

/** Syncs deploy/projects/, the AppProjects every other Application names, first. */
export function renderProjectsApplication(platform: Platform, cluster: Cluster): KubeObject {
  const environment = environmentOf(platform, cluster);
  return typed<IApplication>({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: 'projects',
      namespace: argocdNamespace,
      labels: { [labels.managedBy]: managedBy, [labels.cluster]: cluster.name, [labels.environment]: environment.name },
      annotations: { [annotations.syncWave]: String(waves.projects) },
    },
    spec: {
      project: 'default',
      destination: { server: inClusterServer, namespace: argocdNamespace },
      source: { repoURL: platform.repo.url, targetRevision: platform.repo.revision, path: clusterPaths(platform, cluster).projectsDir },
      syncPolicy: {
        ...(environment.sync.automated ? { automated: { prune: environment.sync.prune, selfHeal: environment.sync.selfHeal } } : {}),
        retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      },
    },
  });
}
