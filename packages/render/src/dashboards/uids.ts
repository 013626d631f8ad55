import { createHash } from 'node:crypto';
import type { DashboardSlo } from './types.ts';

/** Grafana's limit on a dashboard uid. */
export const maxDashboardUidLength = 40;

/** The uids of the dashboards that exist once per platform. */
export const dashboardUids = {
  sloOverview: 'strata-slo-overview',
  tracing: 'strata-tracing',
} as const;

export function serviceDashboardUid(service: string): string {
  return dashboardUid(['svc', service]);
}

export function sloDashboardUid(slo: Pick<DashboardSlo, 'service' | 'name'>): string {
  return dashboardUid(['slo', slo.service, slo.name]);
}

/**
 * `strata-<parts joined by ->` when that is a readable uid of at most 40 characters;
 * otherwise a lower-case slug cut short and suffixed with 8 hex digits of the parts'
 * hash, so that it stays stable and distinct. Only `[a-z0-9-]`: the uid also names the
 * dashboard's ConfigMap.
 */
function dashboardUid(parts: readonly string[]): string {
  const readable = ['strata', ...parts].join('-');
  if (readable.length <= maxDashboardUidLength && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(readable)) return readable;
  const hash = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 8);
  const slug = readable
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxDashboardUidLength - hash.length - 1)
    .replace(/-+$/, '');
  return `${slug}-${hash}`;
}
