export { dashboardSidecarLabel, renderDashboardConfigMaps, renderDashboards, type DashboardConfigMapOptions } from './config-maps.ts';
export { dashboardPanels, dashboardQueries } from './queries.ts';
export { renderServiceDashboard } from './service-dashboard.ts';
export { renderSloDashboard } from './slo-dashboard.ts';
export { renderSloOverviewDashboard } from './slo-overview-dashboard.ts';
export { renderTracingDashboard } from './tracing-dashboard.ts';
export type { DashboardBurnRateWindow, DashboardQuery, DashboardSlo, DashboardSloTier } from './types.ts';
export { dashboardUids, maxDashboardUidLength, serviceDashboardUid, sloDashboardUid } from './uids.ts';
export { toPromQL } from './variables.ts';
