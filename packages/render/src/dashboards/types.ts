import type { BurnRateTier, BurnRateWindow, Slo } from '@strata/model';

/** What the dashboards need of an SLO: the parts of the model's normalized `Slo` they read. */
export type DashboardSlo = Pick<Slo, 'service' | 'name' | 'objective' | 'window' | 'errorBudget'> & { readonly tiers: readonly DashboardSloTier[] };

/** An enabled alerting tier: its `severity` label and its long/short window pairs. */
export type DashboardSloTier = Pick<BurnRateTier, 'tier' | 'severity'> & { readonly windows: readonly DashboardBurnRateWindow[] };

/** One long/short window pair: the tier's alert fires when both burn faster than `factor`. */
export type DashboardBurnRateWindow = Pick<BurnRateWindow, 'long' | 'short' | 'factor'>;

/** One query of a dashboard, as `dashboardQueries` lists them. */
export interface DashboardQuery {
  /** Title of the panel that runs it. */
  readonly panel: string;
  readonly refId: string;
  /** PromQL for Prometheus, TraceQL (or the service-map filter) for Tempo. */
  readonly expr: string;
  /** The datasource uid, e.g. `prometheus`. */
  readonly datasource: string;
}
