/**
 * What a user writes to declare a service level objective, and the shorthands a
 * service can use instead. Selectors name counter series; the rule generator owns
 * `rate`, the windows and the aggregation.
 */

/** Bad events over all events, from two counters. */
export interface RatioIndicatorSpec {
  readonly type: 'ratio';
  /** Counter selector of the bad events, e.g. `http_server_request_duration_seconds_count{service="orders",http_response_status_code=~"5.."}`. */
  readonly errors: string;
  /** Counter selector of all events, e.g. `http_server_request_duration_seconds_count{service="orders"}`. */
  readonly total: string;
}

/** Requests slower than a histogram bucket bound, over all requests. */
export interface LatencyIndicatorSpec {
  readonly type: 'latency';
  /** Histogram name without suffix, e.g. `http_server_request_duration_seconds`. */
  readonly histogram: string;
  /** Label matchers in braces, e.g. `{service="orders"}`; `{}` for every series. */
  readonly selector: string;
  /** A bucket bound of the histogram (OpenTelemetry defaults: 0.005 … 10), e.g. 0.25. */
  readonly thresholdSeconds: number;
}

export type SloIndicatorSpec = RatioIndicatorSpec | LatencyIndicatorSpec;

/** One alerting tier (page or ticket). */
export interface SloAlertTierSpec {
  /** @default true */
  readonly enabled?: boolean;
  /** Value of the alert's `severity` label. @default - the tier's name: `page` or `ticket` */
  readonly severity?: string;
}

export interface SloAlertingSpec {
  /** Fast burn: 2% of the budget in 1 hour, or 5% in 6 hours. */
  readonly page?: SloAlertTierSpec;
  /** Slow burn: 10% of the budget in 1 day, or in 3 days. */
  readonly ticket?: SloAlertTierSpec;
}

export interface SloSpec {
  /** The service the SLO belongs to; the `service` label of every rule. */
  readonly service: string;
  /** The SLO's name within its service, e.g. `availability`; the `slo` label of every rule. */
  readonly name: string;
  /** Percentage of good events, strictly between 0 and 100, e.g. 99.9. */
  readonly objective: number;
  /** The rolling SLO window: `<n>d` or `<n>h`, e.g. `30d`, `28d`, `7d`. */
  readonly window: string;
  readonly indicator: SloIndicatorSpec;
  /** @default - both tiers on, with severities `page` and `ticket` */
  readonly alerting?: SloAlertingSpec;
}

/** The shorthands a service may use instead of full SLOs; both measure `http_server_request_duration_seconds`. */
export interface ServiceSloShorthands {
  /** Percentage of requests that are not 5xx, e.g. 99.9. */
  readonly availability?: number;
  /** Percentage of requests faster than `thresholdSeconds`. */
  readonly latency?: { readonly objective: number; readonly thresholdSeconds: number };
  /** @default '30d' */
  readonly window?: string;
  readonly alerting?: SloAlertingSpec;
}

/** The request histogram of the telemetry contract (OpenTelemetry semantic conventions). */
export const requestDurationHistogram = 'http_server_request_duration_seconds';

/**
 * Expands a service's shorthands into full SLOs named `availability` and `latency`,
 * over the contract's request histogram, selected by the `service` target label.
 */
export function expandShorthands(service: string, shorthands: ServiceSloShorthands): SloSpec[] {
  const window = shorthands.window ?? '30d';
  const alerting = shorthands.alerting === undefined ? {} : { alerting: shorthands.alerting };
  const serviceMatcher = `service=${JSON.stringify(service)}`;
  const slos: SloSpec[] = [];
  if (shorthands.availability !== undefined) {
    slos.push({
      service,
      name: 'availability',
      objective: shorthands.availability,
      window,
      indicator: {
        type: 'ratio',
        errors: `${requestDurationHistogram}_count{${serviceMatcher},http_response_status_code=~"5.."}`,
        total: `${requestDurationHistogram}_count{${serviceMatcher}}`,
      },
      ...alerting,
    });
  }
  if (shorthands.latency !== undefined) {
    slos.push({
      service,
      name: 'latency',
      objective: shorthands.latency.objective,
      window,
      indicator: {
        type: 'latency',
        histogram: requestDurationHistogram,
        selector: `{${serviceMatcher}}`,
        thresholdSeconds: shorthands.latency.thresholdSeconds,
      },
      ...alerting,
    });
  }
  return slos;
}
