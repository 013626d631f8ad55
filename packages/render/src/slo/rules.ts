/**
 * Prometheus rules and Alertmanager inhibitions for SLOs.
 *
 * Per SLO and label set, three series are recorded:
 *   slo:errors_per_budget:rate2m     bad events per second ÷ the error budget, `rate(…[2m])` summed by the grouping labels, every 1m
 *   slo:events:rate2m                all events per second, likewise
 *   slo:error_budget_remaining:ratio 1 − the share of the budget spent over the SLO window, every 5m
 *
 * The burn rate over any window W is a ratio of sums of the first two, weighted by traffic:
 *   sum_over_time(errors_per_budget[W]) / sum_over_time(events[W])  =  (bad ÷ all events over W) ÷ budget
 * Folding the budget into the recorded errors makes every threshold a plain number (the
 * tier's factor), so one alert rule per tier serves every SLO with the same window: rule
 * evaluation costs a few rules, not a few per SLO (`npm run bench:slo`). The SLI over W is
 * 1 − budget × burn rate; the budget remaining is 1 − burn rate over the SLO window.
 *
 * Why this counts each event once: a sample recorded at t is the mean rate over
 * [t − 2m, t]. Recorded every minute, each instant lies in exactly two consecutive
 * 2m ranges, so Σ rate × 1m over a window is the number of events in it, up to 2m of
 * smoothing at its edges — whatever the phase of the scrapes against the evaluations.
 * `rate()`'s extrapolation scales errors and events of the same scrapes by the same
 * factor, so it cancels in the ratio. Prometheus 2.x range selectors are closed at
 * both ends, so a window holds one sample more than W/1m; numerator and denominator
 * hold the same samples, so the ratio is unbiased. A 2m range is 4 scrapes at the 30s
 * interval of Strata's ServiceMonitors (robust to a missed scrape), and short enough
 * that a total outage pages within about 2 minutes.
 *
 * Rules: SLOs whose indicators differ only in their own `service="<name>"` matcher (the
 * shorthands of one objective, window and team) share one pair of recording rules that
 * selects them all with `service=~"a|b|…"` and sums by service.
 *
 * Labels: the recorded series carry `service`, `slo`, `slo_window` and `team` (when
 * known), which every alert inherits; SLOs whose alerting differs from the default
 * (a tier off, another severity) also carry `slo_alerting="custom"` and get alert rules
 * of their own.
 */
import { compare, formatNumber, type BurnRateTier, type BurnRateWindow, type Slo, type SloIndicatorSpec, type SloTierName } from '@strata/model';

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
  errorsPerBudget: 'slo:errors_per_budget:rate2m',
  events: 'slo:events:rate2m',
  budgetRemaining: 'slo:error_budget_remaining:ratio',
} as const;

/** Labels the recorded series carry besides `service`, `slo` and the grouping labels. */
export const sloLabels = { window: 'slo_window', team: 'team', alerting: 'slo_alerting' } as const;

/** Alert names per tier; Alertmanager inhibitions match on them. */
export const sloAlertNames = { page: 'SLOFastBurn', ticket: 'SLOSlowBurn' } as const;

export const sloRunbookUrl = 'https://github.com/strata-platform/strata/blob/main/docs/runbooks/slo-burn-rate.md';

/** The rule groups: rates and alerts every minute, the budget over each SLO window every 5 minutes. */
export const sloGroupNames = { rates: 'slo-rates', budget: 'slo-error-budget' } as const;

/** The range of the recorded rates and the interval they are recorded at (see the header). */
const rateRange = '2m';
const recordInterval = '1m';
const budgetInterval = '5m';
const defaultSeverity: Readonly<Record<SloTierName, string>> = { page: 'page', ticket: 'ticket' };

/**
 * The rule groups of a set of SLOs: one recording every SLO's rates and then raising the
 * burn-rate alerts from them, and one recording the budget remaining over each SLO window.
 */
export function renderSloRules(slos: readonly Slo[], options: SloRuleOptions = {}): PrometheusRuleGroup[] {
  if (slos.length === 0) return [];
  const grouping = [...(options.groupingLabels ?? [])].sort(compare);
  const runbookUrl = options.runbookUrl ?? sloRunbookUrl;
  const sorted = [...slos].sort(bySloId);
  const shared = sorted.filter(hasDefaultAlerting);
  const windows = distinct(shared.map((s) => s.window));
  const alerts: PrometheusRule[] = [
    ...windows.flatMap((window) => {
      const first = shared.find((s) => s.window === window);
      if (first === undefined) return [];
      const selector = `${sloLabels.window}=${JSON.stringify(window)},${sloLabels.alerting}=""`;
      return first.tiers.map((tier) => burnRateAlert(selector, window, tier, grouping, runbookUrl, { [sloLabels.window]: window }));
    }),
    ...sorted
      .filter((s) => !hasDefaultAlerting(s))
      .flatMap((slo) => slo.tiers.map((tier) => burnRateAlert(identity(slo), slo.window, tier, grouping, runbookUrl, { service: slo.service, slo: slo.name }))),
  ];
  const budget: PrometheusRule[] = distinct(sorted.map((s) => s.window)).map((window) => ({
    record: sloSeries.budgetRemaining,
    expr: `1 - (\n  ${indent(burnRate(`${sloLabels.window}=${JSON.stringify(window)}`, window))}\n)`,
    // The label is on the series already; on the rule it tells promtool the rules differ.
    labels: { [sloLabels.window]: window },
  }));
  return [
    // Rules of a group run in order: the alerts read the rates recorded a moment before.
    { name: sloGroupNames.rates, interval: recordInterval, rules: [...families(sorted).flatMap((family) => recordingRules(family, grouping)), ...alerts] },
    { name: sloGroupNames.budget, interval: budgetInterval, rules: budget },
  ];
}

/** A firing page silences the ticket of the same SLO (and the same grouping label values). */
export function renderAlertmanagerInhibitions(slos: readonly Slo[], options: Pick<SloRuleOptions, 'groupingLabels'> = {}): AlertmanagerInhibitRule[] {
  const both = slos.some((slo) => slo.tiers.some((t) => t.tier === 'page') && slo.tiers.some((t) => t.tier === 'ticket'));
  if (!both) return [];
  return [
    {
      source_matchers: [`alertname=${JSON.stringify(sloAlertNames.page)}`],
      target_matchers: [`alertname=${JSON.stringify(sloAlertNames.ticket)}`],
      equal: ['service', 'slo', ...[...(options.groupingLabels ?? [])].sort(compare)],
    },
  ];
}

/**
 * SLOs recorded by one pair of rules: those whose indicators differ only in their own
 * `service="<name>"` matcher (every shorthand of one kind, objective, window and team),
 * selected together with `service=~"a|b|…"` and summed by service; any other SLO alone.
 */
interface Family {
  readonly members: readonly Slo[];
  readonly indicator: SloIndicatorSpec;
  /** Whether the service label comes from the series (a family of several services). */
  readonly byService: boolean;
}

function families(sorted: readonly Slo[]): Family[] {
  const byKey = new Map<string, Slo[]>();
  const out: (Family | string)[] = [];
  for (const slo of sorted) {
    const template = withServiceMatcher(slo, 'service=<service>');
    if (template === undefined) {
      out.push({ members: [slo], indicator: slo.indicator, byService: false });
      continue;
    }
    const key = JSON.stringify([template, slo.name, slo.errorBudget, slo.window, slo.team ?? null, hasDefaultAlerting(slo)]);
    const members = byKey.get(key);
    if (members === undefined) {
      byKey.set(key, [slo]);
      out.push(key);
    } else members.push(slo);
  }
  return out.flatMap((entry): Family[] => {
    if (typeof entry !== 'string') return [entry];
    const members = byKey.get(entry) ?? [];
    const [first] = members;
    if (first === undefined) return [];
    if (members.length === 1) return [{ members, indicator: first.indicator, byService: false }];
    const services = members.map((m) => m.service).sort(compare);
    const indicator = withServiceMatcher(first, `service=~${JSON.stringify(services.join('|'))}`) ?? first.indicator;
    return [{ members, indicator, byService: true }];
  });
}

/** The SLO's indicator with its own `service="<name>"` matcher replaced, or undefined when it has none. */
function withServiceMatcher(slo: Slo, replacement: string): SloIndicatorSpec | undefined {
  const matcher = new RegExp(`(?<![A-Za-z0-9_])service=${JSON.stringify(slo.service)}`, 'g');
  const indicator = slo.indicator;
  const fields = indicator.type === 'ratio' ? [indicator.errors, indicator.total] : [indicator.selector];
  if (!fields.every((field) => field.match(matcher) !== null)) return undefined;
  const swap = (text: string) => text.replace(matcher, replacement);
  return indicator.type === 'ratio' ? { ...indicator, errors: swap(indicator.errors), total: swap(indicator.total) } : { ...indicator, selector: swap(indicator.selector) };
}

function recordingRules(family: Family, grouping: readonly string[]): PrometheusRule[] {
  const [slo] = family.members;
  if (slo === undefined) return [];
  const labels: Record<string, string> = family.byService ? { slo: slo.name } : { service: slo.service, slo: slo.name };
  labels[sloLabels.window] = slo.window;
  if (slo.team !== undefined) labels[sloLabels.team] = slo.team;
  if (!hasDefaultAlerting(slo)) labels[sloLabels.alerting] = 'custom';
  const by = family.byService ? [...grouping, 'service'].sort(compare) : grouping;
  return [
    { record: sloSeries.errorsPerBudget, expr: `(\n  ${indent(errorsExpr(family.indicator, by))}\n)\n/ ${formatNumber(slo.errorBudget)}`, labels },
    { record: sloSeries.events, expr: eventsExpr(family.indicator, by), labels },
  ];
}

function errorsExpr(indicator: SloIndicatorSpec, grouping: readonly string[]): string {
  if (indicator.type === 'ratio') {
    // A service that never failed has no error series: count it as zero errors, not as no data.
    return `${sumRate(indicator.errors, grouping)}\nor\n0 * ${sumRate(indicator.total, grouping)}`;
  }
  const bucket = withMatcher(`${indicator.histogram}_bucket`, indicator.selector, `le="${String(indicator.thresholdSeconds)}"`);
  return `${sumRate(`${indicator.histogram}_count${indicator.selector}`, grouping)}\n-\n${sumRate(bucket, grouping)}`;
}

function eventsExpr(indicator: SloIndicatorSpec, grouping: readonly string[]): string {
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

function identity(slo: Slo): string {
  return `service=${JSON.stringify(slo.service)},slo=${JSON.stringify(slo.name)}`;
}

/** The burn rate over `window` of the SLOs a selector picks: a ratio of sums of the recorded rates. */
function burnRate(matchers: string, window: string): string {
  return `sum_over_time(${sloSeries.errorsPerBudget}{${matchers}}[${window}])\n/\nsum_over_time(${sloSeries.events}{${matchers}}[${window}])`;
}

function burnRateAlert(
  matchers: string,
  sloWindow: string,
  tier: BurnRateTier,
  grouping: readonly string[],
  runbookUrl: string,
  identityLabels: Readonly<Record<string, string>>,
): PrometheusRule {
  const condition = (w: BurnRateWindow) => `(\n  (${indent(burnRate(matchers, w.long))}) > ${w.factor}\nand\n  (${indent(burnRate(matchers, w.short))}) > ${w.factor}\n)`;
  const where = grouping.length === 0 ? '' : ` (${grouping.map((l) => `${l}={{ $labels.${l} }}`).join(', ')})`;
  const windows = tier.windows.map((w) => `${w.factor}× over ${w.long} and ${w.short}`).join(', or ');
  return {
    alert: sloAlertNames[tier.tier],
    expr: tier.windows.map(condition).join('\nor\n'),
    labels: { ...identityLabels, severity: tier.severity },
    annotations: {
      summary: `{{ $labels.service }} is burning the error budget of its {{ $labels.slo }} SLO too fast${where}`,
      description:
        `The {{ $labels.slo }} SLO of {{ $labels.service }} (${sloWindow} window) burns its error budget faster than ${windows}` +
        ` (burn rate {{ $value | printf "%.1f" }}× over the long window). ${tier.tier === 'page' ? 'At this rate the budget is gone within days: act now.' : 'Left alone, the budget runs out before the window ends.'}`,
      runbook_url: runbookUrl,
    },
  };
}

/** Both tiers on, with their default severities: the SLO shares the vectorized alert rules. */
function hasDefaultAlerting(slo: Slo): boolean {
  return (
    slo.tiers.length === 2 &&
    slo.tiers.every((t) => t.severity === defaultSeverity[t.tier])
  );
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

function bySloId(a: Slo, b: Slo): number {
  return compare(`${a.service}\u0000${a.name}`, `${b.service}\u0000${b.name}`);
}
