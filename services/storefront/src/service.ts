import { z, type ServiceDefinition } from '@strata/service-kit';
import manifest from '../package.json' with { type: 'json' };
import { cacheCatalog } from './catalog-cache.ts';
import { createInventoryClient, createOrdersClient } from './clients.ts';
import { registerStorefrontRoutes } from './routes.ts';

const serviceUrl = (example: string) => z.url({ protocol: /^https?$/, error: `must be an http(s) URL such as ${example}` });

/** The storefront's own variables, beside the kit's (packages/service-kit/src/config.ts). */
export const storefrontConfig = {
  /** Inventory's base URL. @default http://127.0.0.1:8082 */
  INVENTORY_URL: serviceUrl('http://inventory.shop.svc:8080').default('http://127.0.0.1:8082'),
  /** Orders' base URL. @default http://127.0.0.1:8081 */
  ORDERS_URL: serviceUrl('http://orders.shop.svc:8080').default('http://127.0.0.1:8081'),
  /**
   * How long one attempt of a call to inventory or orders may take. Each call is tried at
   * most twice (a checkout with the same Idempotency-Key), so keep 2 × this under
   * REQUEST_TIMEOUT_MS: the customer then gets 503 `upstream_unavailable` naming the
   * upstream, never a hung request. @default 4000
   */
  UPSTREAM_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be from 1 to 60000 milliseconds' })
    .max(60_000, { error: 'must be from 1 to 60000 milliseconds' })
    .default(4_000),
  /**
   * How long the storefront reuses inventory's answer to a catalog read (a product list page
   * or a product). Checkout never uses it: stock is always checked by inventory. 0 turns it
   * off. @default 1000
   */
  CATALOG_CACHE_MS: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be from 0 to 60000 milliseconds' })
    .max(60_000, { error: 'must be from 0 to 60000 milliseconds' })
    .default(1_000),
};

/** One retry: after a network error, a timeout or a 502/503/504 (see the kit's HttpClient). */
const upstreamRetries = 1;

/** The shop's public API: catalog from inventory, checkout through orders. No database. */
export const storefrontService: ServiceDefinition<typeof storefrontConfig> = {
  name: 'storefront',
  version: manifest.version,
  description: 'The shop’s public API: browse products (from inventory) and place orders (through orders).',
  config: storefrontConfig,
  routes(app, context) {
    const { INVENTORY_URL, ORDERS_URL, UPSTREAM_TIMEOUT_MS, CATALOG_CACHE_MS } = context.config;
    const client = (name: string, baseUrl: string) =>
      context.client({ name, baseUrl, timeoutMs: UPSTREAM_TIMEOUT_MS, retries: upstreamRetries });
    registerStorefrontRoutes(app, {
      inventory: cacheCatalog(createInventoryClient(client('inventory', INVENTORY_URL)), CATALOG_CACHE_MS),
      orders: createOrdersClient(client('orders', ORDERS_URL)),
    });
  },
};
