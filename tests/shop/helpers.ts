import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startService, type RunningService } from '@strata/service-kit';
import type { LogSink } from '@strata/service-kit/testing';
import { inventoryService } from '@strata/inventory';
import { ordersService } from '@strata/orders';
import { storefrontService } from '@strata/storefront';

export interface InProcessShop {
  readonly inventory: RunningService;
  readonly orders: RunningService;
  readonly storefront: RunningService;
  stop(): Promise<void>;
}

export interface InProcessOptions {
  /** PostgreSQL per service; PGlite when absent. */
  readonly databaseUrls?: { readonly inventory: string; readonly orders: string };
  readonly env?: Readonly<Record<string, string>>;
  readonly perService?: Partial<Record<'inventory' | 'orders' | 'storefront', Readonly<Record<string, string>>>>;
  readonly exporters?: Partial<Record<'inventory' | 'orders' | 'storefront', InMemorySpanExporter>>;
  readonly logs?: Partial<Record<'inventory' | 'orders' | 'storefront', LogSink>>;
}

/** The three services in this process, on free loopback ports, wired to each other. */
export async function startShopInProcess(options: InProcessOptions = {}): Promise<InProcessShop> {
  const base = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...options.env };
  const inventory = await startService(inventoryService, {
    env: { ...base, ...(options.databaseUrls ? { DATABASE_URL: options.databaseUrls.inventory } : {}), ...options.perService?.inventory },
    spanExporter: options.exporters?.inventory,
    logDestination: options.logs?.inventory?.stream,
  });
  const orders = await startService(ordersService, {
    env: { ...base, INVENTORY_URL: inventory.url, ...(options.databaseUrls ? { DATABASE_URL: options.databaseUrls.orders } : {}), ...options.perService?.orders },
    spanExporter: options.exporters?.orders,
    logDestination: options.logs?.orders?.stream,
  });
  const storefront = await startService(storefrontService, {
    env: { ...base, INVENTORY_URL: inventory.url, ORDERS_URL: orders.url, ...options.perService?.storefront },
    spanExporter: options.exporters?.storefront,
    logDestination: options.logs?.storefront?.stream,
  });
  return {
    inventory,
    orders,
    storefront,
    async stop() {
      await storefront.shutdown('test over');
      await orders.shutdown('test over');
      await inventory.shutdown('test over');
    },
  };
}

/** Puts a product with the given stock into inventory through its API. */
export async function putProduct(inventoryUrl: string, id: string, stock: number, priceCents = 500): Promise<void> {
  const response = await fetch(`${inventoryUrl}/products/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Product ${id}`, description: 'for a test', priceCents, stock }),
  });
  if (!response.ok) throw new Error(`PUT /products/${id}: ${response.status} ${await response.text()}`);
}

export async function placeOrder(
  storefrontUrl: string,
  key: string,
  items: ReadonlyArray<{ productId: string; quantity: number }>,
  signal?: AbortSignal,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${storefrontUrl}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ customerId: 'test', items }),
    signal,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
