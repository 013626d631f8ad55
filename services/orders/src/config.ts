import { z } from '@strata/service-kit';

const milliseconds = (fallback: number) =>
  z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 or more milliseconds' }).max(60_000, { error: 'must be at most 60000 milliseconds' }).default(fallback);

/** Orders' own environment variables, beside the kit's (PORT, DATABASE_URL, …). */
export const config = {
  /** Where inventory answers. @default http://127.0.0.1:8082 */
  INVENTORY_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://inventory:8080' }).default('http://127.0.0.1:8082'),
  /**
   * How long a request placing an order may take before a retry with the same
   * Idempotency-Key takes the order over (the placer is presumed dead). @default 10000
   */
  ORDER_LEASE_MS: milliseconds(10_000),
  /** How long a duplicate request waits for the order it repeats to leave `pending`. @default 5000 */
  IDEMPOTENCY_WAIT_MS: milliseconds(5_000),
};
