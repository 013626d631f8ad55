/**
 * Orders' API in process, with a real inventory in process, on both back ends: PGlite (the
 * default) and a real PostgreSQL 15 (one server for this file, one database per service
 * and suite).
 */
import { freePort } from '@strata/service-kit/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inventoryService } from '@strata/inventory';
import { startService, type RunningService } from '@strata/service-kit';
import { startPostgres, type PostgresServer } from '@strata/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFingerprint } from './domain.ts';
import { ordersService } from './service.ts';
import { claimOrder } from './store.ts';

const quietEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TELEMETRY_ENABLED: 'false' };

let postgres: PostgresServer | undefined;
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.destroy();
});

async function freshDatabase(backend: 'pglite' | 'postgres', service: string): Promise<Record<string, string>> {
  if (backend === 'pglite') return {};
  if (postgres === undefined) throw new Error('PostgreSQL did not start');
  databases += 1;
  return { DATABASE_URL: await postgres.createDatabase(`${service}_routes_${databases}`) };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, asserted field by field
  readonly body: any;
}

async function call(url: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(url + path, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

type Items = ReadonlyArray<{ productId: string; quantity: number }>;

describe.each(['pglite', 'postgres'] as const)('orders on %s', (backend) => {
  let inventory: RunningService;
  let orders: RunningService;
  let faultsUrl: string;

  const place = (key: string, items: Items, customerId = 'ada') => call(orders.url, 'POST', '/orders', { body: { customerId, items }, headers: { 'idempotency-key': key } });
  const get = (path: string) => call(orders.url, 'GET', path);
  const post = (path: string) => call(orders.url, 'POST', path);
  const putProduct = async (id: string, stock: number, priceCents = 1000): Promise<void> => {
    const answer = await call(inventory.url, 'PUT', `/products/${id}`, { body: { name: id, description: 'for a test', priceCents, stock } });
    if (answer.status >= 300) throw new Error(`PUT /products/${id}: ${answer.status}`);
  };
  const stock = async (id: string): Promise<number> => (await call(inventory.url, 'GET', `/products/${id}`)).body.stock as number;
  const reservation = async (id: string): Promise<Answer> => call(inventory.url, 'GET', `/reservations/${id}`);
  const setFaults = async (settings: { errorRate?: number; delayRate?: number; delayMs?: number } | undefined): Promise<void> => {
    const response = await fetch(`${faultsUrl}/faults`, settings === undefined ? { method: 'DELETE' } : { method: 'PUT', body: JSON.stringify(settings) });
    if (!response.ok) throw new Error(`faults: ${response.status}`);
  };

  beforeAll(async () => {
    inventory = await startService(inventoryService, {
      env: { ...quietEnv, FAULTS_ENABLED: 'true', ADMIN_PORT: '0', ...(await freshDatabase(backend, 'inventory')) },
    });
    faultsUrl = inventory.adminUrl ?? '';
    orders = await startService(ordersService, {
      env: { ...quietEnv, INVENTORY_URL: inventory.url, IDEMPOTENCY_WAIT_MS: '400', ...(await freshDatabase(backend, 'orders')) },
    });
  }, 90_000);

  afterAll(async () => {
    await orders?.shutdown();
    await inventory?.shutdown();
  });

  describe('placing an order', () => {
    it('GIVEN stock WHEN an order is placed THEN 201 confirmed with prices and total, and inventory holds a reservation under the order id', async () => {
      await putProduct('place-a', 10, 2450);
      await putProduct('place-b', 10, 690);

      const answer = await place(randomUUID(), [{ productId: 'place-b', quantity: 3 }, { productId: 'place-a', quantity: 1 }]);

      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        customerId: 'ada',
        status: 'confirmed',
        items: [{ productId: 'place-b', quantity: 3, unitPriceCents: 690 }, { productId: 'place-a', quantity: 1, unitPriceCents: 2450 }],
        totalCents: 4520,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      expect([await stock('place-a'), await stock('place-b')]).toEqual([9, 7]);
      expect((await reservation(answer.body.id)).body).toMatchObject({ reservationId: answer.body.id, status: 'reserved', totalCents: 4520 });
      expect((await get(`/orders/${answer.body.id}`)).body).toEqual(answer.body);
    });

    it('GIVEN a placed order WHEN the same key and body come again (lines reordered) THEN 200 with the same order and no more stock taken', async () => {
      await putProduct('replay-a', 10);
      await putProduct('replay-b', 10);
      const key = randomUUID();
      const first = await place(key, [{ productId: 'replay-a', quantity: 2 }, { productId: 'replay-b', quantity: 1 }]);

      const again = await place(key, [{ productId: 'replay-b', quantity: 1 }, { productId: 'replay-a', quantity: 2 }]);

      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect([await stock('replay-a'), await stock('replay-b')]).toEqual([8, 9]);
    });

    it('GIVEN a used key WHEN sent with another body THEN 422 idempotency_key_reused', async () => {
      await putProduct('reuse-a', 10);
      const key = randomUUID();
      const first = await place(key, [{ productId: 'reuse-a', quantity: 1 }]);

      const answer = await place(key, [{ productId: 'reuse-a', quantity: 2 }]);

      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        error: 'idempotency_key_reused',
        message: `Idempotency-Key "${key}" was already used for another request (order ${first.body.id}); send a new key for a new order`,
      });
      expect(await stock('reuse-a')).toBe(9);
    });

    it('GIVEN too little stock WHEN ordered THEN 409 insufficient_stock with the order id, the order is kept as rejected, and a replay gives the same 409', async () => {
      await putProduct('scarce-a', 2);
      const key = randomUUID();

      const answer = await place(key, [{ productId: 'scarce-a', quantity: 3 }]);

      expect(answer.status).toBe(409);
      const orderId = answer.body.details.orderId as string;
      expect(answer.body).toEqual({
        error: 'insufficient_stock',
        message: `scarce-a: 3 requested, 2 in stock; order ${orderId} was rejected`,
        details: { orderId, productId: 'scarce-a', requested: 3, available: 2 },
      });
      expect((await get(`/orders/${orderId}`)).body).toMatchObject({ status: 'rejected', items: [{ productId: 'scarce-a', quantity: 3, unitPriceCents: null }], totalCents: null });
      expect(await place(key, [{ productId: 'scarce-a', quantity: 3 }])).toMatchObject({ status: 409, body: answer.body });
      expect(await stock('scarce-a')).toBe(2);
    });

    it('GIVEN an unknown product WHEN ordered THEN 404 product_not_found and the order is kept as rejected', async () => {
      const answer = await place(randomUUID(), [{ productId: 'no-such-product', quantity: 1 }]);

      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe('product_not_found');
      expect(answer.body.details).toEqual({ orderId: expect.any(String), productId: 'no-such-product' });
      expect((await get(`/orders/${answer.body.details.orderId}`)).body.status).toBe('rejected');
    });

    it.each([
      ['no Idempotency-Key', {}, { customerId: 'ada', items: [{ productId: 'a', quantity: 1 }] }, "headers must have required property 'idempotency-key'"],
      ['an Idempotency-Key of 201 characters', { 'idempotency-key': 'k'.repeat(201) }, { customerId: 'ada', items: [{ productId: 'a', quantity: 1 }] }, 'headers/idempotency-key must NOT have more than 200 characters'],
      ['a product listed twice', { 'idempotency-key': 'dup' }, { customerId: 'ada', items: [{ productId: 'a', quantity: 1 }, { productId: 'a', quantity: 1 }] }, 'body/items/1/productId: "a" is listed more than once'],
      ['a customerId of 101 characters', { 'idempotency-key': 'long' }, { customerId: 'c'.repeat(101), items: [{ productId: 'a', quantity: 1 }] }, 'body/customerId must NOT have more than 100 characters'],
      ['a quantity above 1000', { 'idempotency-key': 'qty' }, { customerId: 'ada', items: [{ productId: 'a', quantity: 1001 }] }, 'body/items/0/quantity must be <= 1000'],
      ['51 lines', { 'idempotency-key': 'many' }, { customerId: 'ada', items: Array.from({ length: 51 }, (_, i) => ({ productId: `p${i}`, quantity: 1 })) }, 'body/items must NOT have more than 50 items'],
      ['a product id that is not a slug', { 'idempotency-key': 'slug' }, { customerId: 'ada', items: [{ productId: 'Not A Slug', quantity: 1 }] }, 'body/items/0/productId must match pattern'],
    ])('GIVEN %s WHEN an order is placed THEN 400 naming the field', async (_name, headers, body, message) => {
      const answer = await call(orders.url, 'POST', '/orders', { body, headers });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('bad_request');
      expect(answer.body.message).toContain(message);
    });
  });

  describe('when inventory fails', () => {
    it('GIVEN inventory answering 500 WHEN an order is placed THEN 503 and the order stays pending; once inventory is back, a retry with the same key places that order', async () => {
      await putProduct('flaky-a', 5);
      const key = randomUUID();
      const customerId = `flaky-${randomUUID()}`;
      await setFaults({ errorRate: 1 });
      let failed: Answer;
      try {
        failed = await place(key, [{ productId: 'flaky-a', quantity: 2 }], customerId);
      } finally {
        await setFaults(undefined);
      }
      expect(failed.status).toBe(503);
      expect(failed.body.error).toBe('upstream_unavailable');
      const pending = (await get(`/orders?customerId=${customerId}`)).body.items as Array<{ id: string; status: string }>;
      expect(pending).toEqual([expect.objectContaining({ status: 'pending', totalCents: null })]);

      const retried = await place(key, [{ productId: 'flaky-a', quantity: 2 }], customerId);

      expect(retried.status).toBe(201);
      expect(retried.body).toMatchObject({ id: pending[0]?.id, status: 'confirmed' });
      expect(await stock('flaky-a')).toBe(3);
    });

    it('GIVEN inventory unreachable WHEN an order is placed THEN 503 upstream_unavailable naming inventory, and the order stays pending', async () => {
      const cut = await startService(ordersService, {
        env: { ...quietEnv, INVENTORY_URL: `http://127.0.0.1:${await freePort()}`, ...(await freshDatabase(backend, 'orders')) },
      });
      try {
        const answer = await call(cut.url, 'POST', '/orders', { body: { customerId: 'ada', items: [{ productId: 'x', quantity: 1 }] }, headers: { 'idempotency-key': 'k-1' } });
        expect(answer.status).toBe(503);
        expect(answer.body.error).toBe('upstream_unavailable');
        expect(answer.body.message).toMatch(/^inventory is unreachable/);
        expect((await call(cut.url, 'GET', '/orders')).body.items).toEqual([expect.objectContaining({ status: 'pending' })]);
      } finally {
        await cut.shutdown();
      }
    }, 60_000);

    it('GIVEN a pending order whose placer died (its lease ran out) WHEN the same key is sent THEN this request places that very order', async () => {
      await putProduct('orphan-a', 4);
      const key = randomUUID();
      const id = randomUUID();
      const items = [{ productId: 'orphan-a', quantity: 1 }];
      await claimOrder(orders.context.db, { id, idempotencyKey: key, fingerprint: requestFingerprint({ customerId: 'ada', items }), customerId: 'ada', items, leaseMs: 1 });
      await sleep(20);

      const answer = await place(key, items);

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ id, status: 'confirmed', totalCents: 1000 });
      expect(await stock('orphan-a')).toBe(3);
    });

    it('GIVEN a pending order whose reservation a cancel released before failing WHEN the same key is retried THEN the order ends cancelled, holding no stock', async () => {
      await putProduct('half-cancel', 5);
      const key = randomUUID();
      const id = randomUUID();
      const items = [{ productId: 'half-cancel', quantity: 2 }];
      await claimOrder(orders.context.db, { id, idempotencyKey: key, fingerprint: requestFingerprint({ customerId: 'ada', items }), customerId: 'ada', items, leaseMs: 1 });
      expect((await call(inventory.url, 'POST', '/reservations', { body: { reservationId: id, items } })).status).toBe(201);
      expect((await call(inventory.url, 'POST', `/reservations/${id}/release`)).status).toBe(200);

      const answer = await place(key, items);

      expect(answer).toMatchObject({ status: 201, body: { id, status: 'cancelled' } });
      expect(await stock('half-cancel')).toBe(5);
    });

    it('GIVEN a pending order another request is still placing WHEN the same key is sent THEN it waits IDEMPOTENCY_WAIT_MS and answers 503 naming the order', async () => {
      const key = randomUUID();
      const id = randomUUID();
      const items = [{ productId: 'slow-a', quantity: 1 }];
      await claimOrder(orders.context.db, { id, idempotencyKey: key, fingerprint: requestFingerprint({ customerId: 'ada', items }), customerId: 'ada', items, leaseMs: 60_000 });

      const started = performance.now();
      const answer = await place(key, items);

      expect(performance.now() - started).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        error: 'upstream_unavailable',
        message: `order ${id} is still being placed (inventory is slow); retry with the same Idempotency-Key`,
        details: { orderId: id },
      });
    });
  });

  describe('cancelling and fulfilling', () => {
    it('GIVEN a confirmed order WHEN cancelled twice THEN it is cancelled, its stock is back once, and it cannot be fulfilled', async () => {
      await putProduct('cancel-a', 6);
      const placed = await place(randomUUID(), [{ productId: 'cancel-a', quantity: 4 }]);
      expect(await stock('cancel-a')).toBe(2);

      const cancelled = await post(`/orders/${placed.body.id}/cancel`);
      const again = await post(`/orders/${placed.body.id}/cancel`);

      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ id: placed.body.id, status: 'cancelled', totalCents: 4000 });
      expect(again).toMatchObject({ status: 200, body: cancelled.body });
      expect(await stock('cancel-a')).toBe(6);
      expect((await reservation(placed.body.id)).body.status).toBe('released');
      expect(await post(`/orders/${placed.body.id}/fulfil`)).toMatchObject({
        status: 409,
        body: {
          error: 'invalid_transition',
          message: `order ${placed.body.id} is cancelled; only an order that is confirmed can become fulfilled`,
          details: { from: 'cancelled', to: 'fulfilled' },
        },
      });
    });

    it('GIVEN a confirmed order WHEN fulfilled THEN the reservation is committed, and it can be neither fulfilled again nor cancelled', async () => {
      await putProduct('fulfil-a', 6);
      const placed = await place(randomUUID(), [{ productId: 'fulfil-a', quantity: 2 }]);

      const fulfilled = await post(`/orders/${placed.body.id}/fulfil`);

      expect(fulfilled).toMatchObject({ status: 200, body: { id: placed.body.id, status: 'fulfilled' } });
      expect((await reservation(placed.body.id)).body.status).toBe('committed');
      expect((await post(`/orders/${placed.body.id}/fulfil`)).body.details).toEqual({ from: 'fulfilled', to: 'fulfilled' });
      expect((await post(`/orders/${placed.body.id}/cancel`)).body.details).toEqual({ from: 'fulfilled', to: 'cancelled' });
      expect(await stock('fulfil-a')).toBe(4);
    });

    it('GIVEN a rejected order WHEN cancelled THEN 409 invalid_transition', async () => {
      const rejected = await place(randomUUID(), [{ productId: 'never-there', quantity: 1 }]);
      const answer = await post(`/orders/${rejected.body.details.orderId}/cancel`);
      expect(answer).toMatchObject({ status: 409, body: { error: 'invalid_transition', details: { from: 'rejected', to: 'cancelled' } } });
    });

    it('GIVEN a pending order with no reservation yet WHEN cancelled THEN it is cancelled, and a replay of its key answers the cancelled order', async () => {
      const key = randomUUID();
      const id = randomUUID();
      const items = [{ productId: 'pending-a', quantity: 1 }];
      await claimOrder(orders.context.db, { id, idempotencyKey: key, fingerprint: requestFingerprint({ customerId: 'ada', items }), customerId: 'ada', items, leaseMs: 60_000 });

      const cancelled = await post(`/orders/${id}/cancel`);

      expect(cancelled).toMatchObject({ status: 200, body: { id, status: 'cancelled' } });
      expect(await place(key, items)).toMatchObject({ status: 200, body: { id, status: 'cancelled' } });
    });

    it('GIVEN an order being placed while inventory is slow WHEN it is cancelled meanwhile THEN it ends cancelled with all its stock back', async () => {
      await putProduct('race-cancel', 5);
      const key = randomUUID();
      const customerId = `race-${randomUUID()}`;
      await setFaults({ delayRate: 1, delayMs: 300 });
      try {
        const placing = place(key, [{ productId: 'race-cancel', quantity: 5 }], customerId);
        let pending: Array<{ id: string }> = [];
        while (pending.length === 0) pending = (await get(`/orders?customerId=${customerId}`)).body.items;
        const cancelled = await post(`/orders/${pending[0]?.id}/cancel`);
        const placed = await placing;

        expect(placed.status).toBe(201);
        expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
      } finally {
        await setFaults(undefined);
      }
      expect(await stock('race-cancel')).toBe(5);
    });

    it('GIVEN unknown or malformed ids WHEN read, cancelled or fulfilled THEN 404 order_not_found or 400', async () => {
      const id = randomUUID();
      for (const answer of [await get(`/orders/${id}`), await post(`/orders/${id}/cancel`), await post(`/orders/${id}/fulfil`)]) {
        expect(answer).toMatchObject({ status: 404, body: { error: 'order_not_found', details: { orderId: id } } });
      }
      expect((await get('/orders/not-a-uuid')).body.message).toContain('params/id must match');
    });
  });

  describe('listing', () => {
    it("GIVEN five orders of a customer WHEN listed two at a time THEN newest first across three pages, without others' orders", async () => {
      await putProduct('list-a', 100);
      const customerId = `list-${randomUUID()}`;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await place(randomUUID(), [{ productId: 'list-a', quantity: 1 }], customerId)).body.id as string);
      await place(randomUUID(), [{ productId: 'list-a', quantity: 1 }], `other-${randomUUID()}`);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer: Answer = await get(`/orders?customerId=${customerId}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
        expect(answer.status).toBe(200);
        seen.push(...(answer.body.items as Array<{ id: string }>).map((o) => o.id));
        cursor = answer.body.nextCursor as string | null;
        pages += 1;
      } while (cursor !== null && pages < 10);

      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());
    });

    it('GIVEN a cursor this API did not issue WHEN listing THEN 400 naming the cursor', async () => {
      const answer = await get('/orders?cursor=bm9wZQ');
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/^querystring\/cursor: "bm9wZQ" is not a cursor from this API/);
    });
  });

  it('GIVEN the service WHEN /openapi.json is read THEN every route has tags, a summary and an operationId', async () => {
    const document = (await get('/openapi.json')).body as { paths: Record<string, Record<string, { tags?: string[]; summary?: string; operationId?: string }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, ...op })));
    expect(operations.map((op) => op.route).sort()).toEqual(['get /orders', 'get /orders/{id}', 'post /orders', 'post /orders/{id}/cancel', 'post /orders/{id}/fulfil']);
    for (const op of operations) {
      expect(op.tags, op.route).toEqual(['orders']);
      expect(op.summary, op.route).toBeTruthy();
      expect(op.operationId, op.route).toMatch(/^[a-z][A-Za-z]+$/);
    }
  });
});
