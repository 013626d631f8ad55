/**
 * SLOs: shorthands, multi-window multi-burn-rate tiers (Google SRE workbook,
 * "Alerting on SLOs") and the checks that need more than the schema.
 */
import type { PathSegment } from './path.ts';
import type { BurnRateTier, BurnRateWindow, Slo, SloTierName } from './platform.ts';
import type { SloAlertingSpec, ServiceSloSpec, SloIndicatorSpec, SloSpec } from './spec.ts';

/** The request histogram of the telemetry contract (OpenTelemetry semantic conventions). */
export const requestDurationHistogram = 'http_server_request_duration_seconds';

/** OpenTelemetry's default explicit bucket bounds for duration histograms, in seconds. */
export const openTelemetryDefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] as const;

/** @default window of an SLO. */
export const defaultSloWindow = '30d';

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * The workbook's windows, with the share of the budget each may consume before it
 * alerts. For a 30-day window the shares give the workbook's factors (14.4, 6, 3, 1):
 * factor = share × period ÷ long window.
 */
const tierWindows: Readonly<Record<SloTierName, readonly { long: string; short: string; budgetShare: number }[]>> = {
  page: [
    { long: '1h', short: '5m', budgetShare: 0.02 },
    { long: '6h', short: '30m', budgetShare: 0.05 },
  ],
  ticket: [
    { long: '1d', short: '2h', budgetShare: 0.1 },
    { long: '3d', short: '6h', budgetShare: 0.1 },
  ],
};

/** The workbook's published factors for a 30-day window, used as written. */
const thirtyDayFactors: Readonly<Record<string, number>> = { '1h': 14.4, '6h': 6, '1d': 3, '3d': 1 };

/** Seconds in a window written `<n>d`, `<n>h` or `<n>m`, or undefined when it is not one. */
export function durationSeconds(window: string): number | undefined {
  const match = /^([1-9][0-9]*)([dhm])$/.exec(window);
  if (match === null) return undefined;
  return Number(match[1]) * (match[2] === 'd' ? day : match[2] === 'h' ? hour : minute);
}

const retentionUnits: Readonly<Record<string, number>> = { h: hour, d: day, w: 7 * day, y: 365 * day };

/** Seconds in a Prometheus retention written `<n>h`, `<n>d`, `<n>w` or `<n>y`, or undefined when it is not one. */
export function retentionSeconds(retention: string): number | undefined {
  const match = /^([1-9][0-9]*)([hdwy])$/.exec(retention);
  return match === null ? undefined : Number(match[1]) * (retentionUnits[match[2] ?? ''] ?? 0);
}

/** Seconds in an SLO window, written `<n>d` or `<n>h`, or undefined when it is not one. */
export function parseWindow(window: string): number | undefined {
  return /^[1-9][0-9]*[dh]$/.test(window) ? durationSeconds(window) : undefined;
}

/** Burn-rate windows and factors of a tier for an SLO window of `windowSeconds`. */
export function burnRateWindows(tier: SloTierName, windowSeconds: number): BurnRateWindow[] {
  return tierWindows[tier].map(({ long, short, budgetShare }) => {
    const longSeconds = durationSeconds(long) ?? 0;
    return {
      long,
      short,
      longSeconds,
      shortSeconds: durationSeconds(short) ?? 0,
      factor: windowSeconds === 30 * day ? (thirtyDayFactors[long] ?? 0) : roundTo((budgetShare * windowSeconds) / longSeconds, 4),
    };
  });
}

/** The error budget as a ratio, rounded so that 99.9 gives 0.001 and not 0.0010000000000000009. */
export function errorBudgetOf(objectivePercent: number): number {
  return roundTo(1 - objectivePercent / 100, 12);
}

/** Shortest decimal form of a number rounded to 12 significant digits. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** An SLO written in full, with where each of its fields was written (shorthands name other fields). */
export interface ExpandedSlo {
  readonly spec: SloSpec & { readonly window: string };
  readonly paths: { readonly objective: readonly PathSegment[]; readonly thresholdSeconds: readonly PathSegment[] };
}

/** A shorthand as the full SLO it stands for, over the contract's request histogram selected by `service`. */
export function expandSlo(service: string, spec: ServiceSloSpec): ExpandedSlo {
  const window = spec.window ?? defaultSloWindow;
  const alerting = spec.alerting === undefined ? {} : { alerting: spec.alerting };
  const serviceMatcher = `service=${JSON.stringify(service)}`;
  if ('availability' in spec) {
    return {
      spec: {
        name: 'availability',
        objective: spec.availability,
        window,
        indicator: {
          type: 'ratio',
          errors: `${requestDurationHistogram}_count{${serviceMatcher},http_response_status_code=~"5.."}`,
          total: `${requestDurationHistogram}_count{${serviceMatcher}}`,
        },
        ...alerting,
      },
      paths: { objective: ['availability'], thresholdSeconds: [] },
    };
  }
  if ('latency' in spec) {
    return {
      spec: {
        name: 'latency',
        objective: spec.latency.objective,
        window,
        indicator: { type: 'latency', histogram: requestDurationHistogram, selector: `{${serviceMatcher}}`, thresholdSeconds: spec.latency.thresholdSeconds },
        ...alerting,
      },
      paths: { objective: ['latency', 'objective'], thresholdSeconds: ['latency', 'thresholdSeconds'] },
    };
  }
  return { spec: { ...spec, window }, paths: { objective: ['objective'], thresholdSeconds: ['indicator', 'thresholdSeconds'] } };
}

/** The normalized SLO; total on any input (the checks report what is wrong). */
export function normalizeSlo(service: string, team: string | undefined, spec: SloSpec & { readonly window: string }): Slo {
  const windowSeconds = parseWindow(spec.window) ?? 30 * day;
  return {
    service,
    team,
    name: spec.name,
    objective: spec.objective,
    window: spec.window,
    windowSeconds,
    errorBudget: errorBudgetOf(spec.objective),
    indicator: spec.indicator,
    tiers: enabledTiers(spec.alerting).map(({ tier, severity }): BurnRateTier => ({ tier, severity, windows: burnRateWindows(tier, windowSeconds) })),
  };
}

/** One problem of an SLO; `path` is relative to the SLO as written. */
export interface SloProblem {
  readonly code: 'STR012' | 'STR071' | 'STR072' | 'STR073' | 'STR074' | 'STR075';
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly hint?: string;
}

const counterSelector = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?$/;
const matchers = /^\{.*\}$/;
const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Every problem of one SLO, all at once. */
export function sloProblems({ spec, paths }: ExpandedSlo): SloProblem[] {
  const problems: SloProblem[] = [];
  const problem = (code: SloProblem['code'], path: readonly PathSegment[], message: string, hint?: string) =>
    problems.push({ code, path, message, ...(hint === undefined ? {} : { hint }) });

  const objectiveOk = Number.isFinite(spec.objective) && spec.objective > 0 && spec.objective < 100;
  if (!objectiveOk) {
    const bound = spec.objective >= 100 ? 'below 100' : 'above 0';
    problem('STR012', paths.objective, `${spec.objective} is not a percentage ${bound} (e.g. 99.9)`);
  }
  const windowSeconds = parseWindow(spec.window);
  if (windowSeconds === undefined) {
    problem('STR071', ['window'], `${JSON.stringify(spec.window)} is not a window such as "30d", "28d", "7d" or "12h"`);
  }
  checkIndicator(spec.indicator, paths.thresholdSeconds, problem);
  if (windowSeconds === undefined) return problems;
  for (const tier of enabledTiers(spec.alerting)) {
    const windows = burnRateWindows(tier.tier, windowSeconds);
    const longest = windows.at(-1);
    if (longest !== undefined && longest.longSeconds > windowSeconds) {
      problem(
        'STR074',
        ['window'],
        `${spec.window} is shorter than the ${longest.long} window of the ${tier.tier} tier`,
        `use a window of at least ${longest.long} or set alerting.${tier.tier}.enabled: false`,
      );
      continue;
    }
    if (!objectiveOk) continue;
    const budget = errorBudgetOf(spec.objective);
    for (const window of windows) {
      const threshold = window.factor * budget;
      if (threshold < 1) continue;
      problem(
        'STR072',
        ['alerting', tier.tier],
        `the ${window.long}/${window.short} burn-rate threshold ${window.factor} × error budget ${formatNumber(budget)} = ${formatNumber(threshold)} can never be reached (an error ratio is at most 1)`,
        `raise the objective above ${formatNumber(roundTo(100 * (1 - 1 / window.factor), 4))} or set alerting.${tier.tier}.enabled: false`,
      );
    }
  }
  return problems;
}

function checkIndicator(
  indicator: SloIndicatorSpec,
  thresholdPath: readonly PathSegment[],
  problem: (code: SloProblem['code'], path: readonly PathSegment[], message: string, hint?: string) => void,
): void {
  if (indicator.type === 'ratio') {
    for (const field of ['errors', 'total'] as const) {
      const selector = indicator[field].trim();
      if (!counterSelector.test(selector) || /\[|\(/.test(selector)) {
        problem(
          'STR075',
          ['indicator', field],
          `${JSON.stringify(indicator[field])} is not a counter selector`,
          'write a metric name with optional matchers, e.g. http_server_request_duration_seconds_count{service="orders"}; Strata adds rate() and the windows',
        );
      }
    }
    return;
  }
  if (!metricName.test(indicator.histogram) || /_(bucket|count|sum)$/.test(indicator.histogram)) {
    problem('STR075', ['indicator', 'histogram'], `${JSON.stringify(indicator.histogram)} is not a histogram name`, 'name the histogram without _bucket, _count or _sum, e.g. http_server_request_duration_seconds');
  }
  if (!matchers.test(indicator.selector.trim())) {
    problem('STR075', ['indicator', 'selector'], `${JSON.stringify(indicator.selector)} is not a list of label matchers in braces`, 'e.g. {service="orders"}, or {} for every series');
  }
  if (!(openTelemetryDefaultBuckets as readonly number[]).includes(indicator.thresholdSeconds)) {
    const threshold = indicator.thresholdSeconds;
    problem(
      'STR073',
      thresholdPath,
      `${threshold} is not a bucket bound of OpenTelemetry's default histogram (${openTelemetryDefaultBuckets.join(', ')})`,
      nearestBucketsHint(threshold),
    );
  }
}

function enabledTiers(alerting: SloAlertingSpec | undefined): { tier: SloTierName; severity: string }[] {
  const tiers: [SloTierName, SloAlertingSpec['page']][] = [
    ['page', alerting?.page],
    ['ticket', alerting?.ticket],
  ];
  return tiers.filter(([, tier]) => tier?.enabled !== false).map(([tier, options]) => ({ tier, severity: options?.severity ?? tier }));
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function nearestBucketsHint(threshold: number): string | undefined {
  if (!Number.isFinite(threshold)) return undefined;
  const below = openTelemetryDefaultBuckets.filter((b) => b < threshold).at(-1);
  const above = openTelemetryDefaultBuckets.find((b) => b > threshold);
  return `choose ${[below, above].filter((b) => b !== undefined).join(' or ')}`;
}
