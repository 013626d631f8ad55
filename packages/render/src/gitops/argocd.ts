import { environmentOf, type Cluster, type Platform } from '@strata/model';
import type { Component } from '../component.ts';
import { addonsProject, argocdNamespace, inClusterServer } from '../naming.ts';
import type { AppUnit } from '../unit.ts';
import { waves } from '../waves.ts';

/** Argo CD's CRDs, installed by its chart. */
const argocdCrds = ['Application', 'ApplicationSet', 'AppProject'].map((kind) => `argoproj.io/${kind}`);

/*
 * Since Argo CD 1.8, an Application's health is not assessed by default, so an
 * app-of-apps would not wait for one wave to be healthy before the next. This
 * restores it, as Argo CD's documentation describes for sync waves of Applications.
 */
const applicationHealth = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/** Argo CD manages itself: the chart that bootstrap installed, from values in the tree. */
export const argocd: Component = {
  name: 'argocd',
  render(platform: Platform, cluster: Cluster): readonly AppUnit[] {
    const environment = environmentOf(platform, cluster);
    const ha = platform.addons.argocd.ha[environment.name] ?? false;
    const host = platform.addons.argocd.host[cluster.name] ?? `argocd.${cluster.name}.${platform.domain}`;
    const replicas = ha ? 2 : 1;
    return [
      {
        type: 'chart',
        name: 'argocd',
        chart: 'argo-cd',
        namespace: argocdNamespace,
        project: addonsProject,
        wave: waves.argocd,
        providesCrds: argocdCrds,
        serverSideApply: true,
        values: {
          global: { domain: host },
          configs: {
            cm: {
              'resource.customizations.health.argoproj.io_Application': applicationHealth,
              'application.resourceTrackingMethod': 'annotation',
              'timeout.reconciliation': '180s',
            },
            params: { 'server.insecure': true },
            rbac: {
              'policy.default': 'role:readonly',
              scopes: '[groups]',
              'policy.csv': platform.addons.argocd.adminGroups.map((g) => `g, ${g}, role:admin`).join('\n'),
            },
          },
          // The application controller's metrics (argocd_app_info) feed the platform's Argo CD alerts.
          controller: { replicas: 1, metrics: { enabled: true, serviceMonitor: { enabled: true } } },
          server: {
            replicas,
            ingress: {
              enabled: true,
              ingressClassName: platform.ingressClassName,
              hostname: host,
              tls: true,
            },
          },
          repoServer: { replicas },
          applicationSet: { replicas },
          'redis-ha': { enabled: ha },
          // Names the in-cluster destination after the cluster, so that Applications
          // and the sync windows of projects can tell clusters apart.
          extraObjects: [
            {
              apiVersion: 'v1',
              kind: 'Secret',
              metadata: {
                name: 'cluster-in-cluster',
                namespace: argocdNamespace,
                labels: { 'argocd.argoproj.io/secret-type': 'cluster' },
              },
              type: 'Opaque',
              stringData: { name: cluster.name, server: inClusterServer, config: '{"tlsClientConfig":{"insecure":false}}' },
            },
          ],
        },
      },
    ];
  },
};
