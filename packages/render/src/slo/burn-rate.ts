/**
 * Multi-window, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs"),
 * the normalized SLO the rule renderer sees, and the checks that come before it.
 *
 * Diagnostic codes of this module (not yet in @strata/model's `diagnosticCodes`):
 *   STR070  an SLO objective is not a percentage strictly between 0 and 100
 *   STR071  an SLO window is not `<n>d` or `<n>h`
 *   STR072  a burn-rate threshold can never be reached (factor × error budget ≥ 1)
 *   STR073  a latency threshold is not a bucket bound of OpenTelemetry's default histogram
 *   STR074  an SLO window is shorter than the long window of one of its alerting tiers
 */
import type { SloAlertTierSpec, SloIndicatorSpec, SloSpec } from './types.ts';

export type SloDiagnosticCode = 'STR070' | 'STR071' | 'STR072' | 'STR073' | 'STR074';

/** Same shape and one-line format as @strata/model's `Diagnostic`. */
export interface SloDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: SloDiagnosticCode;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

export type SloTierName = 'page' | 'ticket';

/** One long/short window pair: the alert fires when both burn faster than `factor`. */
export interface BurnRateWindow {
  readonly long: string;
  readonly short: string;
  readonly longSeconds: number;
  readonly factor: number;
}

export interface BurnRateTier {
  readonly tier: SloTierName;
  readonly severity: string;
  readonly windows: readonly BurnRateWindow[];
}

/** An SLO with every default applied; the only input of the rule renderer. */
export interface Slo {
  readonly service: string;
  readonly name: string;
  /** Percent, e.g. 99.9. */
  readonly objective: number;
  /** As written, e.g. `30d`. */
  readonly window: string;
  readonly windowSeconds: number;
  /** 1 − objective / 100, e.g. 0.001. */
  readonly errorBudget: number;
  readonly indicator: SloIndicatorSpec;
  /** Enabled tiers only, page first. */
  readonly tiers: readonly BurnRateTier[];
}

/** OpenTelemetry's default explicit bucket bounds for duration histograms, in seconds. */
export const openTelemetryDefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] as const;

const hour = 3600;
const day = 24 * hour;

/**
 * The workbook's windows, with the share of the budget each may consume before it
 * alerts. For a 30-day window the shares give the workbook's factors (14.4, 6, 3, 1):
 * factor = share × period ÷ long window.
 */
const tierWindows: Readonly<Record<SloTierName, readonly { long: string; short: string; longSeconds: number; budgetShare: number }[]>> = {
  page: [
    { long: '1h', short: '5m', longSeconds: hour, budgetShare: 0.02 },
    { long: '6h', short: '30m', longSeconds: 6 * hour, budgetShare: 0.05 },
  ],
  ticket: [
    { long: '1d', short: '2h', longSeconds: day, budgetShare: 0.1 },
    { long: '3d', short: '6h', longSeconds: 3 * day, budgetShare: 0.1 },
  ],
};

/** The workbook's published factors for a 30-day window, used as written. */
const thirtyDayFactors: Readonly<Record<string, number>> = { '1h': 14.4, '6h': 6, '1d': 3, '3d': 1 };

/** Seconds in a window written `<n>d` or `<n>h`, or undefined when it is not one. */
export function parseWindow(window: string): number | undefined {
  const match = /^([1-9][0-9]*)([dh])$/.exec(window);
  if (match === null) return undefined;
  return Number(match[1]) * (match[2] === 'd' ? day : hour);
}

/** Burn-rate factors of a tier for an SLO window of `windowSeconds`. */
export function burnRateWindows(tier: SloTierName, windowSeconds: number): BurnRateWindow[] {
  return tierWindows[tier].map(({ long, short, longSeconds, budgetShare }) => ({
    long,
    short,
    longSeconds,
    factor: windowSeconds === 30 * day ? (thirtyDayFactors[long] ?? 0) : roundTo((budgetShare * windowSeconds) / longSeconds, 4),
  }));
}

/** Every problem of each SLO, all at once; `path` is where the list sits in the definition. */
export function checkSlos(specs: readonly SloSpec[], path = 'slos'): SloDiagnostic[] {
  return specs.flatMap((spec, index) => checkSlo(spec, `${path}[${index}]`));
}

export function checkSlo(spec: SloSpec, path: string): SloDiagnostic[] {
  const diagnostics: SloDiagnostic[] = [];
  const error = (code: SloDiagnosticCode, at: string, message: string, hint?: string) =>
    diagnostics.push({ severity: 'error', code, path: at, message, ...(hint === undefined ? {} : { hint }) });

  const objectiveOk = Number.isFinite(spec.objective) && spec.objective > 0 && spec.objective < 100;
  if (!objectiveOk) {
    error('STR070', `${path}.objective`, `${spec.objective} is not a percentage strictly between 0 and 100 (e.g. 99.9)`);
  }
  const windowSeconds = parseWindow(spec.window);
  if (windowSeconds === undefined) {
    error('STR071', `${path}.window`, `${JSON.stringify(spec.window)} is not a window such as "30d", "28d", "7d" or "12h"`);
  }
  if (spec.indicator.type === 'latency' && !(openTelemetryDefaultBuckets as readonly number[]).includes(spec.indicator.thresholdSeconds)) {
    const threshold = spec.indicator.thresholdSeconds;
    error(
      'STR073',
      `${path}.indicator.thresholdSeconds`,
      `${threshold} is not a bucket bound of OpenTelemetry's default histogram (${openTelemetryDefaultBuckets.join(', ')})`,
      nearestBucketsHint(threshold),
    );
  }
  if (windowSeconds === undefined) return diagnostics;
  for (const tier of enabledTiers(spec)) {
    const longest = tierWindows[tier.tier].at(-1);
    if (longest !== undefined && longest.longSeconds > windowSeconds) {
      error(
        'STR074',
        `${path}.window`,
        `${spec.window} is shorter than the ${longest.long} window of the ${tier.tier} tier`,
        `use a window of at least ${longest.long} or set alerting.${tier.tier}.enabled: false`,
      );
      continue;
    }
    if (!objectiveOk) continue;
    const budget = errorBudgetOf(spec.objective);
    for (const window of burnRateWindows(tier.tier, windowSeconds)) {
      const threshold = window.factor * budget;
      if (threshold < 1) continue;
      error(
        'STR072',
        `${path}.alerting.${tier.tier}`,
        `the ${window.long}/${window.short} burn-rate threshold ${window.factor} × error budget ${formatNumber(budget)} = ${formatNumber(threshold)} can never be reached (an error ratio is at most 1)`,
        `raise the objective above ${formatNumber(roundTo(100 * (1 - 1 / window.factor), 4))} or set alerting.${tier.tier}.enabled: false`,
      );
    }
  }
  return diagnostics;
}

/** Normalizes SLOs that pass every check; those with errors are left out and reported. */
export function normalizeSlos(specs: readonly SloSpec[], path = 'slos'): { slos: Slo[]; diagnostics: SloDiagnostic[] } {
  const slos: Slo[] = [];
  const diagnostics: SloDiagnostic[] = [];
  specs.forEach((spec, index) => {
    const problems = checkSlo(spec, `${path}[${index}]`);
    diagnostics.push(...problems);
    const windowSeconds = parseWindow(spec.window);
    if (problems.some((d) => d.severity === 'error') || windowSeconds === undefined) return;
    slos.push({
      service: spec.service,
      name: spec.name,
      objective: spec.objective,
      window: spec.window,
      windowSeconds,
      errorBudget: errorBudgetOf(spec.objective),
      indicator: spec.indicator,
      tiers: enabledTiers(spec).map(({ tier, severity }) => ({ tier, severity, windows: burnRateWindows(tier, windowSeconds) })),
    });
  });
  return { slos, diagnostics };
}

function enabledTiers(spec: SloSpec): { tier: SloTierName; severity: string }[] {
  const tiers: [SloTierName, SloAlertTierSpec | undefined][] = [
    ['page', spec.alerting?.page],
    ['ticket', spec.alerting?.ticket],
  ];
  return tiers.filter(([, tier]) => tier?.enabled !== false).map(([tier, options]) => ({ tier, severity: options?.severity ?? tier }));
}

/** The error budget as a ratio, rounded so that 99.9 gives 0.001 and not 0.0010000000000000009. */
export function errorBudgetOf(objectivePercent: number): number {
  return roundTo(1 - objectivePercent / 100, 12);
}

/** Shortest decimal form of a number rounded to 12 significant digits. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function nearestBucketsHint(threshold: number): string | undefined {
  if (!Number.isFinite(threshold)) return undefined;
  const below = openTelemetryDefaultBuckets.filter((b) => b < threshold).at(-1);
  const above = openTelemetryDefaultBuckets.find((b) => b > threshold);
  const choices = [below, above].filter((b) => b !== undefined);
  return `choose ${choices.join(' or ')}`;
}
