/**
 * SLOs outside a platform definition (OpenSLO import, benchmarks, tests): the model's
 * SLO with the service it belongs to. Inside a platform, `Service.slos` holds them.
 */
import { expandSlo, type ServiceSloSpec, type SloAlertingSpec, type SloSpec as ModelSloSpec } from '@strata/model';

export type {
  LatencyIndicatorSpec,
  RatioIndicatorSpec,
  SloAlertingSpec,
  SloAlertTierSpec,
  SloIndicatorSpec,
} from '@strata/model';
export { requestDurationHistogram } from '@strata/model';

export interface SloSpec extends ModelSloSpec {
  /** The service the SLO belongs to; the `service` label of every rule. */
  readonly service: string;
  /** The team that owns the service; the `team` label that routes its alerts. @default - none */
  readonly team?: string;
  readonly window: string;
}

/** The shorthands of a service, all at once. */
export interface ServiceSloShorthands {
  /** Percentage of requests that are not 5xx, e.g. 99.9. */
  readonly availability?: number;
  /** Percentage of requests faster than `thresholdSeconds`. */
  readonly latency?: { readonly objective: number; readonly thresholdSeconds: number };
  /** @default '30d' */
  readonly window?: string;
  readonly alerting?: SloAlertingSpec;
}

/** Expands a service's shorthands into full SLOs named `availability` and `latency` (see the model's `expandSlo`). */
export function expandShorthands(service: string, shorthands: ServiceSloShorthands): SloSpec[] {
  const common = { ...(shorthands.window === undefined ? {} : { window: shorthands.window }), ...(shorthands.alerting === undefined ? {} : { alerting: shorthands.alerting }) };
  const written: ServiceSloSpec[] = [];
  if (shorthands.availability !== undefined) written.push({ availability: shorthands.availability, ...common });
  if (shorthands.latency !== undefined) written.push({ latency: shorthands.latency, ...common });
  return written.map((slo) => ({ service, ...expandSlo(service, slo).spec }));
}
