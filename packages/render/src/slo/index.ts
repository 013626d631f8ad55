export {
  expandShorthands,
  requestDurationHistogram,
  type LatencyIndicatorSpec,
  type RatioIndicatorSpec,
  type ServiceSloShorthands,
  type SloAlertingSpec,
  type SloAlertTierSpec,
  type SloIndicatorSpec,
  type SloSpec,
} from './types.ts';
export {
  burnRateWindows,
  checkSlo,
  checkSlos,
  errorBudgetOf,
  normalizeSlos,
  openTelemetryDefaultBuckets,
  parseWindow,
  type BurnRateTier,
  type BurnRateWindow,
  type Slo,
  type SloTierName,
} from './burn-rate.ts';
export {
  renderAlertmanagerInhibitions,
  renderSloRules,
  sloAlertNames,
  sloRunbookUrl,
  sloSeries,
  type AlertmanagerInhibitRule,
  type PrometheusRule,
  type PrometheusRuleGroup,
  type SloRuleOptions,
} from './rules.ts';
export * from './openslo.ts';
export * from './openslo-import.ts';
