/**
 * The shop's service level objectives. The platform renders burn-rate alerts and
 * dashboards from them (platform/services.ts), and the k6 load scripts use the same
 * numbers as thresholds (tests/load/slo.ts). No imports: k6 loads this file too.
 *
 * Latency thresholds are bucket bounds of OpenTelemetry's default duration histogram.
 */
export const shopObjectives = {
  storefront: { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } },
  /** Checkout: placing and reading orders. */
  orders: { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } },
  /** Browsing: the catalog and stock. */
  inventory: { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.1 } },
} as const;
