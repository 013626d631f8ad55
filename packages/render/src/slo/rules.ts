/**
 * Prometheus rules and Alertmanager inhibitions for SLOs.
 *
 * Per SLO and label set, three series are recorded:
 *   slo:errors:rate2m                bad events per second, `rate(…[2m])` summed by the grouping labels, every 1m
 *   slo:events:rate2m                all events per second, likewise
 *   slo:error_budget_remaining:ratio 1 − (bad ÷ all events over the SLO window) ÷ error budget, every 5m,
 *                                    for dashboards; the SLI is 1 − (1 − remaining) × budget
 *
 * Every alert window W is derived from the first two as a ratio of sums,
 * `sum_over_time(errors[W]) / sum_over_time(events[W])`, i.e. weighted by traffic.
 *
 * Why this counts each event once: a sample recorded at t is the mean rate over
 * [t − 2m, t]. Recorded every minute, each instant lies in exactly two consecutive
 * 2m ranges, so Σ rate × 1m over a window is the number of events in it, up to 2m of
 * smoothing at its edges — whatever the phase of the scrapes against the evaluations.
 * `rate()`'s extrapolation scales errors and events of the same scrapes by the same
 * factor, so it cancels in the ratio. Prometheus 2.x range selectors are closed at
 * both ends, so a window of an evaluation in the same group holds one sample more
 * than W/1m; numerator and denominator hold the same samples, so the ratio is unbiased.
 * A 2m range is 4 scrapes at the 30s interval of Strata's ServiceMonitors (robust to a
 * missed scrape), and short enough that a total outage pages within about 2 minutes.
 * A group with `interval: 5m` recording `increase(…[5m])` would tile exactly, but an
 * outage could then wait 5 minutes to be seen.
 */
import { formatNumber, type BurnRateTier, type BurnRateWindow, type Slo } from './burn-rate.ts';

export interface PrometheusRule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface PrometheusRuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly PrometheusRule[];
}

export interface AlertmanagerInhibitRule {
  readonly source_matchers: readonly string[];
  readonly target_matchers: readonly string[];
  readonly equal: readonly string[];
}

export interface SloRuleOptions {
  /**
   * Labels kept by every aggregation, so that each value of them (each cluster) has
   * its own SLI, budget and alerts.
   * @default []
   */
  readonly groupingLabels?: readonly string[];
  /** @default - the SLO burn-rate runbook in Strata's repository */
  readonly runbookUrl?: string;
}

/** The names of the recorded series. */
export const sloSeries = {
  errors: 'slo:errors:rate2m',
  events: 'slo:events:rate2m',
  budgetRemaining: 'slo:error_budget_remaining:ratio',
} as const;

/** Alert names per tier; Alertmanager inhibitions match on them. */
export const sloAlertNames = { page: 'SLOFastBurn', ticket: 'SLOSlowBurn' } as const;

export const sloRunbookUrl = 'https://github.com/strata-platform/strata/blob/main/docs/runbooks/slo-burn-rate.md';

/** The range of the recorded rates and the interval they are recorded at (see the header). */
const rateRange = '2m';
const recordInterval = '1m';
const windowInterval = '5m';

/** Two rule groups per SLO: rates and alerts every minute, the budget over the SLO window every 5 minutes. */
export function renderSloRules(slos: readonly Slo[], options: SloRuleOptions = {}): PrometheusRuleGroup[] {
  const grouping = [...(options.groupingLabels ?? [])].sort();
  const runbookUrl = options.runbookUrl ?? sloRunbookUrl;
  return [...slos].sort(bySloId).flatMap((slo) => {
    const identity = { service: slo.service, slo: slo.name };
    const groupName = `slo-${slo.service}-${slo.name}`;
    return [
      {
        name: groupName,
        interval: recordInterval,
        rules: [
          { record: sloSeries.errors, expr: errorsExpr(slo, grouping), labels: identity },
          { record: sloSeries.events, expr: eventsExpr(slo, grouping), labels: identity },
          ...slo.tiers.map((tier) => burnRateAlert(slo, tier, grouping, runbookUrl)),
        ],
      },
      {
        name: `${groupName}-window`,
        interval: windowInterval,
        rules: [
          {
            record: sloSeries.budgetRemaining,
            expr: `1 - (\n  ${indent(windowRatio(slo, slo.window))}\n) / ${formatNumber(slo.errorBudget)}`,
            labels: identity,
          },
        ],
      },
    ];
  });
}

/** A firing page silences the ticket of the same SLO (and the same grouping label values). */
export function renderAlertmanagerInhibitions(slos: readonly Slo[], options: Pick<SloRuleOptions, 'groupingLabels'> = {}): AlertmanagerInhibitRule[] {
  const equal = ['service', 'slo', ...[...(options.groupingLabels ?? [])].sort()];
  return [...slos]
    .sort(bySloId)
    .filter((slo) => slo.tiers.some((t) => t.tier === 'page') && slo.tiers.some((t) => t.tier === 'ticket'))
    .map((slo) => {
      const matchers = [`service=${JSON.stringify(slo.service)}`, `slo=${JSON.stringify(slo.name)}`];
      return {
        source_matchers: [`alertname=${JSON.stringify(sloAlertNames.page)}`, ...matchers],
        target_matchers: [`alertname=${JSON.stringify(sloAlertNames.ticket)}`, ...matchers],
        equal,
      };
    });
}

function errorsExpr(slo: Slo, grouping: readonly string[]): string {
  const indicator = slo.indicator;
  if (indicator.type === 'ratio') {
    // A service that never failed has no error series: count it as zero errors, not as no data.
    return `${sumRate(indicator.errors, grouping)}\nor\n0 * ${sumRate(indicator.total, grouping)}`;
  }
  const bucket = withMatcher(`${indicator.histogram}_bucket`, indicator.selector, `le="${String(indicator.thresholdSeconds)}"`);
  return `${sumRate(`${indicator.histogram}_count${indicator.selector}`, grouping)}\n-\n${sumRate(bucket, grouping)}`;
}

function eventsExpr(slo: Slo, grouping: readonly string[]): string {
  const indicator = slo.indicator;
  return sumRate(indicator.type === 'ratio' ? indicator.total : `${indicator.histogram}_count${indicator.selector}`, grouping);
}

function sumRate(selector: string, grouping: readonly string[]): string {
  const by = grouping.length === 0 ? '' : ` by (${grouping.join(', ')})`;
  return `sum${by} (rate(${selector}[${rateRange}]))`;
}

/** Adds a matcher to a `{…}` selector: `{service="orders"}` + `le="0.25"`. */
function withMatcher(metric: string, selector: string, matcher: string): string {
  const inner = selector.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  return `${metric}{${inner === '' ? matcher : `${inner},${matcher}`}}`;
}

function identityMatchers(slo: Slo): string {
  return `service=${JSON.stringify(slo.service)},slo=${JSON.stringify(slo.name)}`;
}

/** Bad ÷ all events over `window`, a ratio of sums of the recorded rates. */
function windowRatio(slo: Slo, window: string): string {
  const id = identityMatchers(slo);
  return `sum_over_time(${sloSeries.errors}{${id}}[${window}])\n/\nsum_over_time(${sloSeries.events}{${id}}[${window}])`;
}

function burnRateAlert(slo: Slo, tier: BurnRateTier, grouping: readonly string[], runbookUrl: string): PrometheusRule {
  const budget = formatNumber(slo.errorBudget);
  const condition = (w: BurnRateWindow) => {
    const threshold = `(${w.factor} * ${budget})`;
    return `(\n  (${indent(windowRatio(slo, w.long))}) > ${threshold}\nand\n  (${indent(windowRatio(slo, w.short))}) > ${threshold}\n)`;
  };
  const where = grouping.length === 0 ? '' : ` (${grouping.map((l) => `${l}={{ $labels.${l} }}`).join(', ')})`;
  const windows = tier.windows.map((w) => `${w.factor}× the budget over ${w.long} and ${w.short}`).join(', or ');
  return {
    alert: sloAlertNames[tier.tier],
    expr: tier.windows.map(condition).join('\nor\n'),
    labels: { service: slo.service, slo: slo.name, severity: tier.severity },
    annotations: {
      summary: `${slo.service} is burning the error budget of its ${slo.name} SLO too fast${where}`,
      description:
        `The ${slo.name} SLO of ${slo.service} (${slo.objective}% over ${slo.window}) burns its error budget at more than ${windows}` +
        ` (error ratio {{ $value | humanizePercentage }}). ${tier.tier === 'page' ? 'At this rate the budget is gone within days: act now.' : 'Left alone, the budget runs out before the window ends.'}`,
      runbook_url: runbookUrl,
    },
  };
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

function bySloId(a: Slo, b: Slo): number {
  const x = `${a.service}\u0000${a.name}`;
  const y = `${b.service}\u0000${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}
