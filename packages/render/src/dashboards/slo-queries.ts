/**
 * PromQL over the series that render/slo records, in one place. Per SLO and cluster:
 *   slo:errors_per_budget:rate2m      bad events per second ÷ the error budget
 *   slo:events:rate2m                 all events per second
 *   slo:error_budget_remaining:ratio  1 − the burn rate over the SLO window (negative once overspent)
 * so that, over any window W:
 *   burn rate(W) = sum_over_time(errors_per_budget[W]) / sum_over_time(events[W])
 *   SLI(W)       = 1 − error budget × burn rate(W)
 * The names come from `sloSeries`; a renamed series fails `tsc`, a changed meaning fails
 * the promtool scenario in promtool.test.ts, which runs these queries on the real rules.
 */
import { sloAlertNames, sloSeries } from '../slo/index.ts';
import type { DashboardSlo } from './types.ts';
import { clusterMatcher } from './variables.ts';

/** `service="orders",slo="availability",cluster=~"$cluster"`. */
export function sloMatchers(slo: Pick<DashboardSlo, 'service' | 'name'>): string {
  return `service=${JSON.stringify(slo.service)},slo=${JSON.stringify(slo.name)},${clusterMatcher}`;
}

/** Shortest decimal form, rounded to 12 significant digits: `0.001`, not `0.0010000000000000009`. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** The objective as a ratio, e.g. 0.999: the unit of the SLI. */
export function objectiveRatio(slo: Pick<DashboardSlo, 'objective'>): number {
  return Number((slo.objective / 100).toPrecision(12));
}

/** Burn rate over `window`, one series per cluster (the grain of the alerts). */
export function burnRateExpr(slo: DashboardSlo, window: string): string {
  const matchers = sloMatchers(slo);
  return `sum_over_time(${sloSeries.errorsPerBudget}{${matchers}}[${window}])\n/\nsum_over_time(${sloSeries.events}{${matchers}}[${window}])`;
}

/** The budget remaining over the SLO window, one series per cluster. */
export function budgetRemainingExpr(slo: DashboardSlo): string {
  return `${sloSeries.budgetRemaining}{${sloMatchers(slo)}}`;
}

/** The budget remaining of the worst cluster: what a single number must show. */
export function worstBudgetRemainingExpr(slo: DashboardSlo): string {
  return `min(${budgetRemainingExpr(slo)})`;
}

/** The SLI over the SLO window from a budget-remaining expression: 1 − budget × (1 − remaining). */
export function sliFromBudgetExpr(slo: DashboardSlo, budgetRemaining: string): string {
  return `1 - ${formatNumber(slo.errorBudget)} * (1 - ${budgetRemaining})`;
}

/** Events and bad events per second, per cluster. */
export function eventsRateExpr(slo: DashboardSlo): string {
  return `sum by (cluster) (${sloSeries.events}{${sloMatchers(slo)}})`;
}

export function errorsRateExpr(slo: DashboardSlo): string {
  return `${formatNumber(slo.errorBudget)} * sum by (cluster) (${sloSeries.errorsPerBudget}{${sloMatchers(slo)}})`;
}

/** The burn-rate alerts of the SLO, pending or firing. */
export function alertsExpr(slo: DashboardSlo): string {
  const names = Object.values(sloAlertNames).sort().join('|');
  return `max by (alertname, severity, alertstate) (ALERTS{alertname=~"${names}",${sloMatchers(slo)}})`;
}

/** Firing burn-rate alerts of the SLO, 0 when none. */
export function firingAlertsExpr(slo: DashboardSlo): string {
  const names = Object.values(sloAlertNames).sort().join('|');
  return `count(ALERTS{alertname=~"${names}",alertstate="firing",${sloMatchers(slo)}}) or vector(0)`;
}
