import type { Cluster, Platform } from '@strata/model';

/**
 * Where things live in the tree, defined once. Tree paths are relative to the
 * output folder; repository paths (what Argo CD reads) are prefixed by the
 * platform's `repo.path`.
 */
export const treePaths = {
  readme: 'README.md',
  bootstrap: (cluster: string) => `bootstrap/${cluster}.yaml`,
  project: (project: string) => `projects/${project}.yaml`,
  clusterDir: (cluster: string) => `clusters/${cluster}`,
  app: (cluster: string, app: string) => `clusters/${cluster}/apps/${app}.yaml`,
  unitDir: (cluster: string, unit: string) => `clusters/${cluster}/${unit}`,
  values: (cluster: string, unit: string) => `clusters/${cluster}/values/${unit}.yaml`,
} as const;

export function clusterPaths(platform: Platform, cluster: Cluster) {
  const inRepo = (path: string) => (platform.repo.path === '' || platform.repo.path === '.' ? path : `${platform.repo.path}/${path}`);
  return {
    appsDir: inRepo(`${treePaths.clusterDir(cluster.name)}/apps`),
    projectsDir: inRepo('projects'),
    unitDir: (unit: string) => inRepo(treePaths.unitDir(cluster.name, unit)),
    valuesFile: (unit: string) => inRepo(treePaths.values(cluster.name, unit)),
  };
}
