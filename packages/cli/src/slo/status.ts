/**
 * `strata slo status`: what Prometheus knows of each SLO, from the series Strata's rules
 * record (render/slo/rules.ts). Per SLO and `cluster` label value (present when a global
 * Prometheus or Thanos answers for several clusters):
 *   burn rate over W = sum_over_time(slo:errors_per_budget:rate2m[W]) / sum_over_time(slo:events:rate2m[W])
 *   SLI over the SLO window = 1 − error budget × burn rate over that window
 *   error budget remaining = slo:error_budget_remaining:ratio (recorded every 5m)
 *   firing alerts = ALERTS{alertstate="firing"} with the SLO's service and slo labels
 * No data (no series, or no events in the window) is null, never 0.
 */
import { compare, durationSeconds, formatNumber, type Slo } from '@strata/model';
import { sloSeries } from '@strata/render/slo';

export interface FiringAlert {
  readonly alertname: string;
  readonly severity: string | null;
}

/** One SLO in one cluster. Numbers are null when Prometheus has no data for them. */
export interface SloStatus {
  readonly service: string;
  readonly slo: string;
  /** The `cluster` label of the series; null when they have none (a Prometheus of one cluster). */
  readonly cluster: string | null;
  readonly team: string | null;
  readonly window: string;
  readonly objectivePercent: number;
  /** Good events over the SLO window, in percent. */
  readonly sliPercent: number | null;
  /** 1 = untouched, 0 = spent, below 0 = overspent. */
  readonly errorBudgetRemaining: number | null;
  /** Burn rate over each long and short window of the SLO's alerting tiers, shortest first. */
  readonly burnRates: Readonly<Record<string, number | null>>;
  readonly firingAlerts: readonly FiringAlert[];
}

/** Prometheus could not be reached, or answered with an error: one line for the user. */
export class PrometheusError extends Error {}

/** How long one query may take; a 30-day range over many series takes seconds on a large Prometheus. */
export const queryTimeoutMs = 30_000;

interface Sample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number | null;
}

/** The alert windows of the SLOs, shortest first: 5m 30m 1h 2h 6h 1d 3d for the default tiers. */
export function alertWindows(slos: readonly Slo[]): string[] {
  const windows = new Set(slos.flatMap((slo) => ownWindows(slo)));
  return [...windows].sort((a, b) => (durationSeconds(a) ?? 0) - (durationSeconds(b) ?? 0));
}

function ownWindows(slo: Slo): string[] {
  return slo.tiers.flatMap((tier) => tier.windows.flatMap((w) => [w.long, w.short]));
}

/** Asks Prometheus at `baseUrl` about every SLO; throws PrometheusError when it cannot. */
export async function querySloStatus(baseUrl: string, slos: readonly Slo[], timeoutMs = queryTimeoutMs): Promise<SloStatus[]> {
  const windows = alertWindows(slos);
  const sloWindows = [...new Set(slos.map((slo) => slo.window))].sort(compare);
  const ask = (expr: string) => instantQuery(baseUrl, expr, timeoutMs);
  const [burnRates, sloWindowBurnRates, budgets, alerts] = await Promise.all([
    Promise.all(windows.map((window) => ask(burnRateQuery(window)))),
    Promise.all(sloWindows.map((window) => ask(burnRateQuery(window, `{slo_window=${JSON.stringify(window)}}`)))),
    // The budget is recorded every 5m, the default lookback: look a little further back.
    ask(`min by (service, slo, cluster) (last_over_time(${sloSeries.budgetRemaining}[10m]))`),
    ask('ALERTS{alertstate="firing",slo!=""}'),
  ]);
  const burnByWindow = new Map(windows.map((window, i) => [window, burnRates[i] ?? []]));
  const sliByWindow = new Map(sloWindows.map((window, i) => [window, sloWindowBurnRates[i] ?? []]));
  const sorted = [...slos].sort((a, b) => compare(a.service, b.service) || compare(a.name, b.name));
  return sorted.flatMap((slo) => {
    const mine = (samples: readonly Sample[]) => samples.filter((s) => s.metric.service === slo.service && s.metric.slo === slo.name);
    const everything = mine([...burnRates.flat(), ...sloWindowBurnRates.flat(), ...budgets, ...alerts]);
    const clusters = [...new Set(everything.map((s) => s.metric.cluster ?? null))].sort((a, b) => compare(a ?? '', b ?? ''));
    return (clusters.length === 0 ? [null] : clusters).map((cluster): SloStatus => {
      const valueOf = (samples: readonly Sample[]) => mine(samples).find((s) => (s.metric.cluster ?? null) === cluster)?.value ?? null;
      const sloWindowBurn = valueOf(sliByWindow.get(slo.window) ?? []);
      return {
        service: slo.service,
        slo: slo.name,
        cluster,
        team: slo.team ?? null,
        window: slo.window,
        objectivePercent: slo.objective,
        sliPercent: sloWindowBurn === null ? null : rounded(100 * (1 - slo.errorBudget * sloWindowBurn)),
        errorBudgetRemaining: rounded(valueOf(budgets)),
        burnRates: Object.fromEntries(windows.filter((w) => ownWindows(slo).includes(w)).map((w) => [w, rounded(valueOf(burnByWindow.get(w) ?? []))])),
        firingAlerts: mine(alerts)
          .filter((s) => (s.metric.cluster ?? null) === cluster)
          .map((s) => ({ alertname: s.metric.alertname ?? '', severity: s.metric.severity ?? null }))
          .sort((a, b) => compare(a.alertname, b.alertname) || compare(a.severity ?? '', b.severity ?? '')),
      };
    });
  });
}

/** Per SLO and cluster: the ratio of sums, so that each event counts once whatever the series. */
function burnRateQuery(window: string, matchers = ''): string {
  const sum = (series: string) => `sum by (service, slo, cluster) (sum_over_time(${series}${matchers}[${window}]))`;
  return `${sum(sloSeries.errorsPerBudget)} / ${sum(sloSeries.events)}`;
}

function rounded(value: number | null): number | null {
  return value === null ? null : Number(formatNumber(value));
}

interface QueryAnswer {
  readonly status?: string;
  readonly error?: string;
  readonly data?: { readonly resultType?: string; readonly result?: readonly { readonly metric?: Record<string, string>; readonly value?: readonly [number, string] }[] };
}

async function instantQuery(baseUrl: string, expr: string, timeoutMs: number): Promise<Sample[]> {
  const url = `${baseUrl}/api/v1/query?query=${encodeURIComponent(expr)}`;
  let status: number;
  let statusText: string;
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    ({ status, statusText } = response);
    text = await response.text();
  } catch (error) {
    throw new PrometheusError(describeFetchError(error, baseUrl, timeoutMs));
  }
  let answer: QueryAnswer | undefined;
  try {
    answer = JSON.parse(text) as QueryAnswer;
  } catch {
    answer = undefined;
  }
  if (status < 200 || status > 299) {
    if (typeof answer?.error === 'string') throw new PrometheusError(`Prometheus at ${baseUrl} answered HTTP ${status} to a query: ${answer.error}`);
    throw new PrometheusError(`Prometheus at ${baseUrl} answered HTTP ${status} ${statusText} to ${baseUrl}/api/v1/query (is ${baseUrl} the base URL of a Prometheus?)`);
  }
  if (answer?.status !== 'success' || answer.data?.resultType !== 'vector' || !Array.isArray(answer.data.result)) {
    throw new PrometheusError(`${baseUrl}/api/v1/query did not answer as the Prometheus HTTP API does (is ${baseUrl} the base URL of a Prometheus?)`);
  }
  return answer.data.result.map((sample) => {
    const value = Number(sample.value?.[1]);
    return { metric: sample.metric ?? {}, value: Number.isFinite(value) ? value : null };
  });
}

/** `fetch failed` says nothing: name the cause (refused, unknown host, timeout). */
function describeFetchError(error: unknown, baseUrl: string, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `Prometheus at ${baseUrl} did not answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.message ?? cause?.code ?? (error instanceof Error ? error.message : String(error));
  return `cannot reach Prometheus at ${baseUrl}: ${reason}`;
}
