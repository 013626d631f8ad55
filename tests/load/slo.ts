/**
 * The shop's objectives, as k6 thresholds: a run fails when the service under load
 * misses them. The numbers are the SLOs of platform/slos.ts, the ones the platform
 * alerts on, so a load test and production measure the same thing.
 *
 * Latency targets are OpenTelemetry histogram bucket boundaries (0.1 s, 0.25 s), so the
 * same numbers are measured in production from `http_server_request_duration_seconds`.
 */
import { shopObjectives } from '../../platform/slos.ts';

/** The strictest availability objective of the shop, as a ratio (99.9 % → 0.999). */
export const availabilityObjective = Math.max(...Object.values(shopObjectives).map((o) => o.availability)) / 100;

/** p99 of browsing the catalog (GET /products, GET /products/:id), in milliseconds: inventory's latency SLO. */
export const browseP99Ms = Math.round(shopObjectives.inventory.latency.thresholdSeconds * 1000);

/** p99 of a checkout step (POST /orders, GET /orders/:id), in milliseconds: orders' latency SLO. */
export const checkoutP99Ms = Math.round(shopObjectives.orders.latency.thresholdSeconds * 1000);

const maxFailedRate = Number((1 - availabilityObjective).toFixed(6));

/** `http_req_failed: ['rate<0.001']`: the availability objective. */
export const availabilityThreshold = `rate<${maxFailedRate}`;

/** `http_req_duration: ['p(99)<N']`. */
export function p99Threshold(milliseconds: number): string {
  return `p(99)<${milliseconds}`;
}
