/**
 * The storefront against a real inventory and a real orders service, all three in this
 * process (inventory and orders on PGlite), exactly as services/README.md specifies them.
 */
import { freePort } from '@strata/service-kit/testing';
import { randomUUID } from 'node:crypto';
import { startService, type RunningService } from '@strata/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryService } from '../../inventory/src/index.ts';
import { ordersService } from '../../orders/src/index.ts';
import { storefrontService } from './service.ts';

const quiet = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TELEMETRY_ENABLED: 'false' };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let inventory: RunningService;
let orders: RunningService;
let storefront: RunningService;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function call(base: RunningService | string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(path, typeof base === 'string' ? base : base.url);
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

async function putProduct(id: string, fields: { priceCents: number; stock: number }): Promise<void> {
  const answer = await call(inventory, 'PUT', `/products/${id}`, { body: { name: `Name of ${id}`, description: `About ${id}`, ...fields } });
  expect([200, 201]).toContain(answer.status);
}

beforeAll(async () => {
  inventory = await startService(inventoryService, { env: { ...quiet, FAULTS_ENABLED: 'true', ADMIN_PORT: '0' } });
  orders = await startService(ordersService, { env: { ...quiet, INVENTORY_URL: inventory.url } });
  storefront = await startService(storefrontService, { env: { ...quiet, INVENTORY_URL: inventory.url, ORDERS_URL: orders.url } });
  await putProduct('aa-kettle', { priceCents: 4500, stock: 5 });
  await putProduct('bb-grinder', { priceCents: 16900, stock: 0 });
  await putProduct('cc-filters', { priceCents: 690, stock: 100 });
}, 60_000);

afterAll(async () => {
  await storefront?.shutdown();
  await orders?.shutdown();
  await inventory?.shutdown();
});

describe('GET /products', () => {
  it('GIVEN three products WHEN a page of two is listed THEN it shows inStock (not the stock count) and a cursor to the rest', async () => {
    const first = await call(storefront, 'GET', '/products?limit=2');

    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { id: 'aa-kettle', name: 'Name of aa-kettle', description: 'About aa-kettle', priceCents: 4500, currency: 'EUR', inStock: true },
      { id: 'bb-grinder', name: 'Name of bb-grinder', description: 'About bb-grinder', priceCents: 16900, currency: 'EUR', inStock: false },
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const rest = await call(storefront, 'GET', `/products?limit=2&cursor=${encodeURIComponent(String(first.body.nextCursor))}`);

    expect(rest.status).toBe(200);
    expect((rest.body.items as Array<{ id: string }>).map((p) => p.id)).toEqual(['cc-filters']);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('GIVEN a cursor inventory did not issue WHEN listed THEN inventory’s 400 is passed on', async () => {
    const answer = await call(storefront, 'GET', '/products?cursor=not-a-cursor');

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('bad_request');
    expect(answer.body.message).toContain('cursor');
  });

  it('GIVEN limit=101 WHEN listed THEN the storefront answers 400 naming the parameter', async () => {
    const answer = await call(storefront, 'GET', '/products?limit=101');

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'bad_request', message: 'querystring/limit must be <= 100' });
  });
});

describe('GET /products/:id', () => {
  it('GIVEN a product WHEN it is asked for THEN the storefront answers it with inStock', async () => {
    const answer = await call(storefront, 'GET', '/products/aa-kettle');

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: 'aa-kettle', name: 'Name of aa-kettle', description: 'About aa-kettle', priceCents: 4500, currency: 'EUR', inStock: true });
  });

  it('GIVEN no such product WHEN it is asked for THEN inventory’s 404 product_not_found is passed on', async () => {
    const answer = await call(storefront, 'GET', '/products/no-such-thing');

    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('product_not_found');
  });

  it('GIVEN an id that is not a slug WHEN it is asked for THEN the storefront answers 400 without calling inventory', async () => {
    const answer = await call(storefront, 'GET', '/products/Not_A_Slug');

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('bad_request');
    expect(answer.body.message).toContain('params/id');
  });
});

describe('POST /orders and GET /orders/:id', () => {
  it('GIVEN no Idempotency-Key WHEN an order is placed THEN a UUID key is generated, echoed, and a replay with it answers 200 with the same order', async () => {
    const order = { customerId: 'c-1', items: [{ productId: 'cc-filters', quantity: 3 }] };

    const placed = await call(storefront, 'POST', '/orders', { body: order });

    expect(placed.status).toBe(201);
    const key = placed.headers.get('idempotency-key');
    expect(key).toMatch(uuidPattern);
    expect(placed.body).toMatchObject({ customerId: 'c-1', status: 'confirmed', totalCents: 2070, items: [{ productId: 'cc-filters', quantity: 3, unitPriceCents: 690 }] });
    expect(placed.body.id).toMatch(uuidPattern);

    const replay = await call(storefront, 'POST', '/orders', { body: order, headers: { 'idempotency-key': key ?? '' } });

    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(placed.body);
    expect(replay.headers.get('idempotency-key')).toBe(key);
  });

  it('GIVEN a placed order WHEN it is read THEN it is answered without the customer id', async () => {
    const placed = await call(storefront, 'POST', '/orders', { body: { customerId: 'c-2', items: [{ productId: 'aa-kettle', quantity: 1 }] } });

    const read = await call(storefront, 'GET', `/orders/${String(placed.body.id)}`);

    expect(read.status).toBe(200);
    const { customerId, ...view } = placed.body;
    expect(customerId).toBe('c-2');
    expect(read.body).toEqual(view);
  });

  it('GIVEN the customer’s own key WHEN the same key comes with another body THEN orders’ 422 idempotency_key_reused is passed on', async () => {
    const key = `key-${randomUUID()}`;
    const first = await call(storefront, 'POST', '/orders', { body: { customerId: 'c-3', items: [{ productId: 'cc-filters', quantity: 1 }] }, headers: { 'idempotency-key': key } });
    const second = await call(storefront, 'POST', '/orders', { body: { customerId: 'c-3', items: [{ productId: 'cc-filters', quantity: 2 }] }, headers: { 'idempotency-key': key } });

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotency-key')).toBe(key);
    expect(second.status).toBe(422);
    expect(second.body.error).toBe('idempotency_key_reused');
  });

  it('GIVEN too little stock WHEN an order is placed THEN orders’ 409 insufficient_stock is passed on with its details', async () => {
    const answer = await call(storefront, 'POST', '/orders', { body: { customerId: 'c-4', items: [{ productId: 'bb-grinder', quantity: 1 }] } });

    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'insufficient_stock', details: { productId: 'bb-grinder', requested: 1, available: 0 } });
    expect((answer.body.details as { orderId: string }).orderId).toMatch(uuidPattern);
  });

  it('GIVEN an unknown product WHEN an order is placed THEN orders’ 404 product_not_found is passed on', async () => {
    const answer = await call(storefront, 'POST', '/orders', { body: { customerId: 'c-5', items: [{ productId: 'no-such-thing', quantity: 1 }] } });

    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('product_not_found');
  });

  it('GIVEN a body without items WHEN an order is placed THEN the storefront answers 400 naming the field', async () => {
    const answer = await call(storefront, 'POST', '/orders', { body: { customerId: 'c-6', items: [] } });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'bad_request', message: 'body/items must NOT have fewer than 1 items' });
  });

  it('GIVEN an Idempotency-Key with a space WHEN an order is placed THEN the storefront answers 400 naming the header', async () => {
    const answer = await call(storefront, 'POST', '/orders', { body: { customerId: 'c-7', items: [{ productId: 'cc-filters', quantity: 1 }] }, headers: { 'idempotency-key': 'two words' } });

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('bad_request');
    expect(answer.body.message).toContain('headers/idempotency-key');
  });

  it('GIVEN an unknown order WHEN it is read THEN orders’ 404 order_not_found is passed on; a malformed id is a 400', async () => {
    const unknown = await call(storefront, 'GET', `/orders/${randomUUID()}`);
    const malformed = await call(storefront, 'GET', '/orders/42');

    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('order_not_found');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('params/id');
  });
});

describe('when an upstream fails', () => {
  it('GIVEN inventory answers 500 WHEN products are listed THEN the storefront answers 503 upstream_unavailable naming inventory', async () => {
    await call(inventory.adminUrl ?? '', 'PUT', '/faults', { body: { errorRate: 1 } });
    try {
      const answer = await call(storefront, 'GET', '/products');

      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ error: 'upstream_unavailable', details: { upstream: 'inventory', status: 500, upstreamError: 'injected_fault' } });
      expect(answer.body.message).toBe('inventory answered GET /products with 500 (injected_fault: fault injected by the admin port)');
    } finally {
      await call(inventory.adminUrl ?? '', 'DELETE', '/faults');
    }
  });

  it('GIVEN inventory answers 500 WHEN an order is placed THEN orders answers 503 and the storefront 503 naming orders, the key echoed for a retry', async () => {
    const key = `retry-${randomUUID()}`;
    const order = { customerId: 'c-8', items: [{ productId: 'cc-filters', quantity: 1 }] };
    await call(inventory.adminUrl ?? '', 'PUT', '/faults', { body: { errorRate: 1 } });
    let failed: Answer;
    try {
      failed = await call(storefront, 'POST', '/orders', { body: order, headers: { 'idempotency-key': key } });
    } finally {
      await call(inventory.adminUrl ?? '', 'DELETE', '/faults');
    }

    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ error: 'upstream_unavailable', details: { upstream: 'orders', status: 503, upstreamError: 'upstream_unavailable' } });
    expect(failed.body.message).toMatch(/^orders answered POST \/orders with 503 \(upstream_unavailable: inventory answered POST \/reservations with 500/);
    expect(failed.headers.get('idempotency-key')).toBe(key);

    const retried = await call(storefront, 'POST', '/orders', { body: order, headers: { 'idempotency-key': key } });

    expect(retried.status).toBe(201);
    expect(retried.body.status).toBe('confirmed');
  });

  it('GIVEN nothing listens at INVENTORY_URL or ORDERS_URL WHEN the storefront is called THEN it answers 503 naming each upstream', async () => {
    const port = await freePort();
    const stranded = await startService(storefrontService, {
      env: { ...quiet, INVENTORY_URL: `http://127.0.0.1:${port}`, ORDERS_URL: `http://127.0.0.1:${port}` },
    });
    try {
      const products = await call(stranded, 'GET', '/products/aa-kettle');
      const checkout = await call(stranded, 'POST', '/orders', { body: { customerId: 'c-9', items: [{ productId: 'aa-kettle', quantity: 1 }] } });

      expect(products.status).toBe(503);
      expect(products.body).toMatchObject({ error: 'upstream_unavailable', details: { upstream: 'inventory', failure: 'network' } });
      expect(products.body.message).toMatch(/^inventory is unreachable: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(GET \/products\/aa-kettle\)$/);
      expect(checkout.status).toBe(503);
      expect(checkout.body).toMatchObject({ error: 'upstream_unavailable', details: { upstream: 'orders', failure: 'network' } });
      expect(checkout.body.message).toMatch(/^orders is unreachable: /);
    } finally {
      await stranded.shutdown();
    }
  });

  it('GIVEN inventory stops answering WHEN a product is asked for THEN the storefront answers 503 within its timeouts, never hangs', async () => {
    const slow = await startService(storefrontService, {
      env: { ...quiet, INVENTORY_URL: inventory.url, ORDERS_URL: orders.url, UPSTREAM_TIMEOUT_MS: '200' },
    });
    await call(inventory.adminUrl ?? '', 'PUT', '/faults', { body: { delayRate: 1, delayMs: 5_000 } });
    try {
      const started = performance.now();
      const answer = await call(slow, 'GET', '/products/aa-kettle');
      const elapsedMs = performance.now() - started;

      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ error: 'upstream_unavailable', details: { upstream: 'inventory', failure: 'timeout' } });
      expect(answer.body.message).toBe('inventory did not answer within 200 ms (GET /products/aa-kettle)');
      // Two attempts of 200 ms and a backoff of at most 100 ms.
      expect(elapsedMs).toBeLessThan(1_500);
    } finally {
      await call(inventory.adminUrl ?? '', 'DELETE', '/faults');
      await slow.shutdown();
    }
  });
});

describe('GET /openapi.json', () => {
  it('GIVEN the storefront THEN its OpenAPI document names each operation, with tags and the Idempotency-Key header', async () => {
    const answer = await call(storefront, 'GET', '/openapi.json');
    const paths = answer.body.paths as Record<string, Record<string, { operationId?: string; tags?: string[]; parameters?: Array<{ in: string; name: string }> }>>;

    expect(answer.status).toBe(200);
    expect(paths['/products']?.get?.operationId).toBe('listProducts');
    expect(paths['/products/{id}']?.get?.operationId).toBe('getProduct');
    expect(paths['/orders']?.post?.operationId).toBe('placeOrder');
    expect(paths['/orders/{id}']?.get?.operationId).toBe('getOrder');
    expect(paths['/orders']?.post?.tags).toEqual(['checkout']);
    expect(paths['/orders']?.post?.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
  });
});
