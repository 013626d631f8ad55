import { z } from '@strata/service-kit';

/** Inventory's own environment variables, beside the kit's (PORT, DATABASE_URL, …). */
export const config = {
  /**
   * Inserts the demo catalog (coffee equipment) at start when the catalog is empty.
   * `npm run shop` sets it. @default false
   */
  SEED_DEMO_DATA: z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on'),
};
