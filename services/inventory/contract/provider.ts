/**
 * Provider verification of inventory: a real inventory, in this process on PGlite,
 * replays every interaction its consumers (storefront, orders) recorded in build/pacts/.
 * Each provider state is made true through inventory's API, or its database where the API
 * has no way (deleting a product).
 */
import { Verifier } from '@pact-foundation/pact';
import { startService, type RunningService } from '@strata/service-kit';
import { inventoryService } from '../src/index.ts';
import { putProduct, putReservation } from './seed.ts';
import {
  assertEveryStateHandled,
  bodilessRequestFilter,
  numberParam,
  quietEnv,
  stringParam,
  summarize,
  verifierStateHandlers,
  type ProviderStateHandlers,
  type VerificationSummary,
} from './verification.ts';

export interface VerifyOptions {
  /** Pact files to verify, e.g. build/pacts/storefront-inventory.json. */
  readonly pactUrls: readonly string[];
  /** @default 'warn' */
  readonly logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** The provider states inventory knows how to set up, by the names consumers give them. */
export function inventoryStateHandlers(running: () => RunningService): ProviderStateHandlers {
  const url = (): string => running().url;
  return {
    'products exist': async (params) => {
      const ids = Array.isArray(params.ids) ? params.ids.map(String) : ['blue-mug', 'green-mug', 'red-mug'];
      for (const id of ids) await putProduct(url(), { id });
    },
    'a product exists': async (params) => {
      await putProduct(url(), { id: stringParam(params, 'id'), stock: numberParam(params, 'stock', 10), priceCents: numberParam(params, 'priceCents', 1250) });
    },
    'a product does not exist': async (params) => {
      const id = stringParam(params, 'id');
      const { db } = running().context;
      await db.query('DELETE FROM reservation_items WHERE product_id = $1', [id]);
      await db.query('DELETE FROM products WHERE id = $1', [id]);
    },
    'a reservation exists': async (params) => {
      await putReservation(url(), {
        reservationId: stringParam(params, 'reservationId'),
        productId: stringParam(params, 'productId'),
        quantity: numberParam(params, 'quantity', 1),
      });
    },
  };
}

/** Starts inventory, verifies the pacts against it, stops it. Rejects when any interaction fails. */
export async function verifyInventoryProvider(options: VerifyOptions): Promise<VerificationSummary> {
  const started: { service?: RunningService } = {};
  const stateHandlers = inventoryStateHandlers(() => {
    if (started.service === undefined) throw new Error('inventory is not running');
    return started.service;
  });
  // Before starting anything: a pact this provider cannot set up fails at once.
  await assertEveryStateHandled('inventory', options.pactUrls, stateHandlers);
  const inventory = await startService(inventoryService, { env: quietEnv });
  started.service = inventory;
  try {
    const output = await new Verifier({
      provider: 'inventory',
      providerBaseUrl: inventory.url,
      pactUrls: [...options.pactUrls],
      stateHandlers: verifierStateHandlers(stateHandlers),
      requestFilter: bodilessRequestFilter,
      logLevel: options.logLevel ?? 'warn',
    }).verifyProvider();
    return summarize(output);
  } finally {
    await inventory.shutdown('provider verification done');
  }
}
