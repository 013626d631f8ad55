/**
 * Provider verification of orders: a real orders service, in this process on PGlite,
 * replays every interaction the storefront recorded in build/pacts/. Orders calls
 * inventory to place an order, so a real inventory runs beside it (also in process, on its
 * own PGlite) and the state handlers seed it: nothing depends on a live deployment.
 *
 * Seeding inventory and the shared verification helpers come from inventory's contract
 * folder: inventory owns how its test data is made.
 */
import { randomUUID } from 'node:crypto';
import { Verifier } from '@pact-foundation/pact';
import { startService, type RunningService } from '@strata/service-kit';
import { inventoryService } from '../../inventory/src/index.ts';
import { putProduct } from '../../inventory/contract/seed.ts';
import {
  assertEveryStateHandled,
  bodilessRequestFilter,
  numberParam,
  quietEnv,
  stringParam,
  summarize,
  type ProviderStateHandlers,
  type VerificationSummary,
  verifierStateHandlers,
} from '../../inventory/contract/verification.ts';
import { ordersService } from '../src/index.ts';

export interface VerifyOptions {
  /** Pact files to verify, e.g. build/pacts/storefront-orders.json. */
  readonly pactUrls: readonly string[];
  /** @default 'warn' */
  readonly logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** The provider states orders knows how to set up, by the names consumers give them. */
export function ordersStateHandlers(running: () => { readonly orders: RunningService; readonly inventory: RunningService }): ProviderStateHandlers {
  return {
    'inventory has a product': async (params) => {
      await putProduct(running().inventory.url, {
        id: stringParam(params, 'productId'),
        stock: numberParam(params, 'stock', 10),
        priceCents: numberParam(params, 'priceCents', 1250),
      });
    },
    // The order's id is made by orders: it is handed back to Pact, which puts it in the path.
    'an order exists': async (params) => {
      const productId = stringParam(params, 'productId');
      const quantity = numberParam(params, 'quantity', 1);
      const { orders, inventory } = running();
      await putProduct(inventory.url, { id: productId, stock: quantity + 10, priceCents: 1250 });
      const response = await fetch(new URL('/orders', orders.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `contract-${randomUUID()}` },
        body: JSON.stringify({ customerId: stringParam(params, 'customerId'), items: [{ productId, quantity }] }),
      });
      const order = (await response.json()) as { id?: unknown };
      if (response.status !== 201 || typeof order.id !== 'string') {
        throw new Error(`placing the order of state "an order exists" answered ${response.status} ${JSON.stringify(order)}`);
      }
      return { orderId: order.id };
    },
    'an order does not exist': async (params) => {
      await running().orders.context.db.query('DELETE FROM orders WHERE id = $1', [stringParam(params, 'id')]);
    },
  };
}

/** Starts inventory and orders, verifies the pacts against orders, stops both. Rejects when any interaction fails. */
export async function verifyOrdersProvider(options: VerifyOptions): Promise<VerificationSummary> {
  const started: { services?: { orders: RunningService; inventory: RunningService } } = {};
  const stateHandlers = ordersStateHandlers(() => {
    if (started.services === undefined) throw new Error('orders is not running');
    return started.services;
  });
  // Before starting anything: a pact this provider cannot set up fails at once.
  await assertEveryStateHandled('orders', options.pactUrls, stateHandlers);
  const inventory = await startService(inventoryService, { env: quietEnv });
  let orders: RunningService | undefined;
  try {
    orders = await startService(ordersService, { env: { ...quietEnv, INVENTORY_URL: inventory.url } });
    started.services = { orders, inventory };
    const output = await new Verifier({
      provider: 'orders',
      providerBaseUrl: orders.url,
      pactUrls: [...options.pactUrls],
      stateHandlers: verifierStateHandlers(stateHandlers),
      requestFilter: bodilessRequestFilter,
      logLevel: options.logLevel ?? 'warn',
    }).verifyProvider();
    return summarize(output);
  } finally {
    await orders?.shutdown('provider verification done');
    await inventory.shutdown('provider verification done');
  }
}
