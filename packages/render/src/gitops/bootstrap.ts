import { environmentOf, type Cluster, type Platform } from '@strata/model';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { annotations, labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { argocdNamespace, inClusterServer } from '../naming.ts';
import { waves } from '../waves.ts';
import { syncPolicyOf } from './application.ts';
import { clusterPaths } from './paths.ts';

/**
 * The root Application of a cluster (app-of-apps): applied once at bootstrap, it
 * syncs the cluster's apps/ folder, which holds every other Application.
 */
export function renderRootApplication(platform: Platform, cluster: Cluster): KubeObject {
  return argocdApplication(platform, cluster, 'root', clusterPaths(platform, cluster).appsDir, undefined);
}

/** Syncs deploy/projects/, the AppProjects every other Application names, first. */
export function renderProjectsApplication(platform: Platform, cluster: Cluster): KubeObject {
  return argocdApplication(platform, cluster, 'projects', clusterPaths(platform, cluster).projectsDir, waves.projects);
}

/**
 * An Application of Argo CD's own objects. It uses the default project and the
 * in-cluster server, both of which exist before anything of the tree is synced.
 */
function argocdApplication(platform: Platform, cluster: Cluster, name: string, path: string, wave: number | undefined): KubeObject {
  const environment = environmentOf(platform, cluster);
  return typed<IApplication>({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: argocdNamespace,
      labels: { [labels.managedBy]: managedBy, [labels.cluster]: cluster.name, [labels.environment]: environment.name },
      ...(wave === undefined ? {} : { annotations: { [annotations.syncWave]: String(wave) } }),
    },
    spec: {
      project: 'default',
      destination: { server: inClusterServer, namespace: argocdNamespace },
      source: { repoURL: platform.repo.url, targetRevision: platform.repo.revision, path },
      syncPolicy: syncPolicyOf(environment, []),
    },
  });
}
