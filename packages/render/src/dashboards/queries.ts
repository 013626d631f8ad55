import type { Dashboard, Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardQuery } from './types.ts';

/** A target as JSON: Prometheus targets have `expr`, Tempo's `query` (TraceQL) or `serviceMapQuery`. */
interface TargetFields {
  readonly refId?: string;
  readonly expr?: string;
  readonly query?: string;
  readonly serviceMapQuery?: string | string[];
  readonly datasource?: { readonly uid?: string };
}

/** Every query of a dashboard, in panel order, the panels of collapsed rows included. */
export function dashboardQueries(dashboard: Dashboard): DashboardQuery[] {
  return dashboardPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => {
      const fields = target as unknown as TargetFields;
      const serviceMap = Array.isArray(fields.serviceMapQuery) ? fields.serviceMapQuery.join(' ') : fields.serviceMapQuery;
      return {
        panel: panel.title ?? '',
        refId: fields.refId ?? '',
        expr: fields.expr ?? fields.query ?? serviceMap ?? '',
        datasource: fields.datasource?.uid ?? panel.datasource?.uid ?? '',
      };
    }),
  );
}

/** The panels of a dashboard that show data: rows left out, their nested panels in. */
export function dashboardPanels(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((panel) => (panel.type === 'row' ? ('panels' in panel ? panel.panels : []) : [panel as Panel]));
}
