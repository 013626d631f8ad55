/**
 * What the dashboards need of an SLO: a structural subset of the normalized `Slo` of
 * @strata/model (and of render/slo's), so that either can be passed as is.
 */
export interface DashboardSlo {
  /** The `service` label of the recorded SLO series. */
  readonly service: string;
  /** The `slo` label of the recorded SLO series. */
  readonly name: string;
  /** Percent, e.g. 99.9. */
  readonly objective: number;
  /** As written, e.g. `30d`. */
  readonly window: string;
  /** 1 − objective / 100, e.g. 0.001. */
  readonly errorBudget: number;
  /** Enabled alerting tiers, page first. */
  readonly tiers: readonly DashboardSloTier[];
}

export interface DashboardSloTier {
  readonly tier: 'page' | 'ticket';
  /** Value of the alert's `severity` label. */
  readonly severity: string;
  readonly windows: readonly DashboardBurnRateWindow[];
}

/** One long/short window pair: the tier's alert fires when both burn faster than `factor`. */
export interface DashboardBurnRateWindow {
  readonly long: string;
  readonly short: string;
  readonly factor: number;
}

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
