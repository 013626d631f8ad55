import { environmentOf, type Cluster, type Platform } from '@strata/model';
import type { Component } from '../component.ts';
import { addonsProject } from '../naming.ts';
import type { AppUnit } from '../unit.ts';
import { waves } from '../waves.ts';
import { renderNamespace } from './namespace.ts';
import { renderAllowDns, renderDefaultDeny } from './network-policy.ts';
import { renderLimitRange, renderResourceQuota } from './quota.ts';

/** Team namespaces with admission, quota, defaults and default-deny networking, on workload clusters. */
export const tenancy: Component = {
  name: 'tenancy',
  render(platform: Platform, cluster: Cluster): readonly AppUnit[] {
    if (cluster.role !== 'workload') return [];
    const environment = environmentOf(platform, cluster);
    const objects = platform.teams.flatMap((team) =>
      team.namespaces.flatMap((namespace) => [
        renderNamespace(platform, cluster, team, namespace),
        renderResourceQuota(team, namespace),
        renderLimitRange(team, namespace, environment),
        renderDefaultDeny(team, namespace),
        renderAllowDns(team, namespace),
      ]),
    );
    return [{ type: 'manifests', name: 'tenancy', namespace: 'default', project: addonsProject, wave: waves.tenancy, objects }];
  },
};
