import { compare, type Cluster, type Platform, type Team } from '@strata/model';
import { charts } from '../charts.ts';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { ISyncWindow } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/SyncWindow';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { addonsProject, argocdNamespace } from '../naming.ts';

/** Sync windows of every environment, each limited to that environment's clusters. */
function syncWindows(platform: Platform): ISyncWindow[] {
  return platform.environments.flatMap((environment) => {
    const clusters = platform.clusters.filter((c) => c.environment === environment.name).map((c) => c.name);
    if (clusters.length === 0) return [];
    return environment.sync.windows.map((w) => ({
      kind: w.kind,
      schedule: w.schedule,
      duration: w.duration,
      timeZone: w.timeZone,
      manualSync: w.manualSync,
      applications: ['*'],
      clusters,
    }));
  });
}

function workloadClusters(platform: Platform): readonly Cluster[] {
  return platform.clusters.filter((c) => c.role === 'workload');
}

/**
 * A team's project: its services may come only from the platform repository and
 * land only in the team's namespaces; no cluster-scoped objects, no quota edits.
 */
export function renderTeamProject(platform: Platform, team: Team): KubeObject {
  const role = `proj:${team.name}:developer`;
  return typed<IAppProject>({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: team.name, namespace: argocdNamespace, labels: { [labels.managedBy]: managedBy, [labels.team]: team.name } },
    spec: {
      description: `Services of team ${team.name} (cost centre ${team.costCenter})`,
      sourceRepos: [platform.repo.url],
      destinations: workloadClusters(platform).flatMap((cluster) => team.namespaces.map((namespace) => ({ name: cluster.name, namespace }))),
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [
        { group: '', kind: 'ResourceQuota' },
        { group: '', kind: 'LimitRange' },
      ],
      orphanedResources: { warn: true },
      roles: [
        {
          name: 'developer',
          description: `Members of ${team.groups.join(', ')}: see, sync and restart the team's applications`,
          groups: [...team.groups],
          policies: [
            `p, ${role}, applications, get, ${team.name}/*, allow`,
            `p, ${role}, applications, sync, ${team.name}/*, allow`,
            `p, ${role}, applications, action/*, ${team.name}/*, allow`,
            `p, ${role}, logs, get, ${team.name}/*, allow`,
          ],
        },
      ],
      syncWindows: syncWindows(platform),
    },
  });
}

/** The project of platform add-ons: charts from their pinned repositories, anywhere in every cluster. */
export function renderAddonsProject(platform: Platform): KubeObject {
  const repos = [platform.repo.url, ...Object.values(charts).map((c) => c.repoURL)];
  return typed<IAppProject>({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: addonsProject, namespace: argocdNamespace, labels: { [labels.managedBy]: managedBy } },
    spec: {
      description: `Add-ons of platform ${platform.name}, managed by the platform team`,
      sourceRepos: [...new Set(repos)].sort(compare),
      destinations: platform.clusters.map((cluster) => ({ name: cluster.name, namespace: '*' })),
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      orphanedResources: { warn: true },
      roles:
        platform.addons.argocd.adminGroups.length === 0
          ? []
          : [
              {
                name: 'admin',
                description: 'Platform administrators',
                groups: [...platform.addons.argocd.adminGroups],
                policies: [`p, proj:${addonsProject}:admin, applications, *, ${addonsProject}/*, allow`],
              },
            ],
      syncWindows: syncWindows(platform),
    },
  });
}
