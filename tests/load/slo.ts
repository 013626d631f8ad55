/**
 * The shop's objectives, as k6 thresholds: a run fails when the service under load
 * misses them. One place for the numbers, imported by every script.
 *
 * Latency targets are OpenTelemetry histogram bucket boundaries (0.1 s, 0.25 s), so the
 * same numbers can be measured in production from `http_server_request_duration_seconds`.
 */

/** 99.9 % of requests succeed: at most 1 in 1000 fails (a network error or a 4xx/5xx not expected). */
export const availabilityObjective = 0.999;

/** p99 of browsing the catalog (GET /products, GET /products/:id), in milliseconds. */
export const browseP99Ms = 100;

/** p99 of a checkout step (POST /orders, GET /orders/:id), in milliseconds. */
export const checkoutP99Ms = 250;

const maxFailedRate = Number((1 - availabilityObjective).toFixed(6));

/** `http_req_failed: ['rate<0.001']`: the availability objective. */
export const availabilityThreshold = `rate<${maxFailedRate}`;

/** `http_req_duration: ['p(99)<N']`. */
export function p99Threshold(milliseconds: number): string {
  return `p(99)<${milliseconds}`;
}
