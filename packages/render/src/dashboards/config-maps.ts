import { compare } from '@strata/model';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { renderServiceDashboard } from './service-dashboard.ts';
import { renderSloDashboard } from './slo-dashboard.ts';
import { renderSloOverviewDashboard } from './slo-overview-dashboard.ts';
import { renderTracingDashboard } from './tracing-dashboard.ts';
import type { DashboardSlo } from './types.ts';

/** The label (and value) Grafana's dashboard sidecar selects ConfigMaps by (render/observability/prometheus-stack.ts). */
export const dashboardSidecarLabel = { name: 'grafana_dashboard', value: '1' } as const;

export interface DashboardConfigMapOptions {
  /** Where the ConfigMaps go; the sidecar searches every namespace. */
  readonly namespace: string;
  /** Services that get a RED dashboard. */
  readonly services: readonly string[];
  /** SLOs that get a dashboard each, and the overview when there is at least one. */
  readonly slos: readonly DashboardSlo[];
}

/** Every dashboard of the platform: tracing, the SLO overview (if any SLO), one per service, one per SLO. */
export function renderDashboards(options: Omit<DashboardConfigMapOptions, 'namespace'>): Dashboard[] {
  const dashboards = [
    renderTracingDashboard(),
    ...(options.slos.length === 0 ? [] : [renderSloOverviewDashboard(options.slos)]),
    ...[...new Set(options.services)].map((service) => renderServiceDashboard(service, options.slos)),
    ...options.slos.map((slo) => renderSloDashboard(slo)),
  ];
  const byUid = new Map<string, Dashboard>();
  for (const dashboard of dashboards) {
    const uid = dashboard.uid ?? '';
    const other = byUid.get(uid);
    if (other !== undefined) {
      throw new Error(`dashboards ${JSON.stringify(other.title)} and ${JSON.stringify(dashboard.title)} would share the uid ${JSON.stringify(uid)}; rename a service or an SLO so that "<service>-<slo>" tells them apart`);
    }
    byUid.set(uid, dashboard);
  }
  return [...byUid.values()].sort((a, b) => compare(a.uid ?? '', b.uid ?? ''));
}

/**
 * One ConfigMap per dashboard, labelled for the sidecar, with the dashboard as
 * `<uid>.json` (indented, so that a change reads as a diff in deploy/). No folder
 * annotation: the sidecar's `folderAnnotation` is not configured, so all go to General.
 */
export function renderDashboardConfigMaps(options: DashboardConfigMapOptions): KubeObject[] {
  return renderDashboards(options).map((dashboard) => {
    const uid = dashboard.uid ?? '';
    return typed<IConfigMap>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `dashboard-${uid}`,
        namespace: options.namespace,
        labels: { [dashboardSidecarLabel.name]: dashboardSidecarLabel.value, [labels.managedBy]: managedBy },
      },
      data: { [`${uid}.json`]: `${JSON.stringify(dashboard, null, 2)}\n` },
    });
  });
}
