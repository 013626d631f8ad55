/**
 * Inventory's API in process, on both back ends: PGlite (the default) and a real
 * PostgreSQL 15 (one server for this file, one database per suite).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '@strata/service-kit';
import { startPostgres, type PostgresServer } from '@strata/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog } from './demo-catalog.ts';
import { inventoryService } from './service.ts';

const quietEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TELEMETRY_ENABLED: 'false' };

let postgres: PostgresServer | undefined;
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.destroy();
});

/** Env for a fresh, empty database on this back end. */
async function freshDatabase(backend: 'pglite' | 'postgres'): Promise<Record<string, string>> {
  if (backend === 'pglite') return {};
  if (postgres === undefined) throw new Error('PostgreSQL did not start');
  databases += 1;
  return { DATABASE_URL: await postgres.createDatabase(`inventory_routes_${databases}`) };
}

interface Answer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, asserted field by field
  readonly body: any;
}

function client(url: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    call,
    put: (id: string, stock: number, priceCents = 1000) => call('PUT', `/products/${id}`, { name: `Product ${id}`, description: `${id}, for a test`, priceCents, stock }),
    reserve: (reservationId: string, items: ReadonlyArray<{ productId: string; quantity: number }>) => call('POST', '/reservations', { reservationId, items }),
    stock: async (id: string): Promise<number> => (await call('GET', `/products/${id}`)).body.stock as number,
  };
}

describe.each(['pglite', 'postgres'] as const)('inventory on %s', (backend) => {
  let service: RunningService;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    service = await startService(inventoryService, { env: { ...quietEnv, ...(await freshDatabase(backend)) } });
    api = client(service.url);
  }, 60_000);

  afterAll(async () => {
    await service?.shutdown();
  });

  describe('products', () => {
    it('GIVEN a new id WHEN PUT THEN 201 with the product, and a second PUT replaces it with 200', async () => {
      const created = await api.put('kalita-wave-185', 40, 3290);
      expect(created).toEqual({
        status: 201,
        body: { id: 'kalita-wave-185', name: 'Product kalita-wave-185', description: 'kalita-wave-185, for a test', priceCents: 3290, currency: 'EUR', stock: 40 },
      });

      const replaced = await api.call('PUT', '/products/kalita-wave-185', { name: 'Kalita Wave 185', description: 'Flat-bottom dripper', priceCents: 3490, stock: 12 });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ name: 'Kalita Wave 185', priceCents: 3490, stock: 12 });
      expect((await api.call('GET', '/products/kalita-wave-185')).body).toEqual(replaced.body);
    });

    it('GIVEN an unknown id WHEN fetched THEN 404 product_not_found', async () => {
      expect(await api.call('GET', '/products/no-such-thing')).toEqual({
        status: 404,
        body: { error: 'product_not_found', message: 'no product has the id "no-such-thing"', details: { productId: 'no-such-thing' } },
      });
    });

    it.each([
      ['an id that is not a slug', 'PUT', '/products/Not_A_Slug', { name: 'x', description: '', priceCents: 1, stock: 1 }, 'params/id must match pattern'],
      ['a negative price', 'PUT', '/products/p-1', { name: 'x', description: '', priceCents: -1, stock: 1 }, 'body/priceCents must be >= 0'],
      ['stock that is not a whole number', 'PUT', '/products/p-1', { name: 'x', description: '', priceCents: 1, stock: 1.5 }, 'body/stock must be integer'],
      ['a missing field', 'PUT', '/products/p-1', { name: 'x', description: '', priceCents: 1 }, "body must have required property 'stock'"],
      ['an empty name', 'PUT', '/products/p-1', { name: '', description: '', priceCents: 1, stock: 1 }, 'body/name must NOT have fewer than 1 characters'],
      ['a page too large', 'GET', '/products?limit=101', undefined, 'querystring/limit must be <= 100'],
    ])('GIVEN %s WHEN sent THEN 400 naming the field', async (_name, method, path, body, message) => {
      const answer = await api.call(method, path, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('bad_request');
      expect(answer.body.message).toContain(message);
    });

    it('GIVEN a body with a field the API does not know WHEN PUT THEN 400 naming it', async () => {
      const answer = await api.call('PUT', '/products/p-1', { name: 'x', description: '', priceCents: 1, stock: 1, colour: 'red' });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('body must NOT have additional properties: "colour" is not a known field');
    });

    it('GIVEN 25 products WHEN listed 10 at a time THEN three pages in id order, the last with a null cursor', async () => {
      const ids = Array.from({ length: 25 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
      for (const id of ids) await api.put(id, 1);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer: Answer = await api.call('GET', `/products?limit=10${cursor === null ? '' : `&cursor=${cursor}`}`);
        expect(answer.status).toBe(200);
        seen.push(...(answer.body.items as Array<{ id: string }>).map((p) => p.id));
        cursor = answer.body.nextCursor as string | null;
        pages += 1;
      } while (cursor !== null && pages < 10);

      const pageIds = seen.filter((id) => id.startsWith('page-'));
      expect(pageIds).toEqual(ids);
      expect(seen).toEqual([...seen].sort());
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('GIVEN a cursor this API did not issue WHEN listing THEN 400 naming the cursor', async () => {
      const answer = await api.call('GET', '/products?cursor=bm90LWEtc2x1Zw_x');
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/^querystring\/cursor: "bm90LWEtc2x1Zw_x" is not a cursor from this API/);
    });
  });

  describe('reservations', () => {
    it('GIVEN stock WHEN reserved THEN 201 with prices and total, stock goes down, and a replay answers 200 with the same', async () => {
      await api.put('res-a', 10, 250);
      await api.put('res-b', 10, 1000);
      const id = randomUUID();

      const created = await api.reserve(id, [{ productId: 'res-b', quantity: 1 }, { productId: 'res-a', quantity: 4 }]);
      expect(created).toEqual({
        status: 201,
        body: {
          reservationId: id,
          status: 'reserved',
          items: [{ productId: 'res-a', quantity: 4, unitPriceCents: 250 }, { productId: 'res-b', quantity: 1, unitPriceCents: 1000 }],
          totalCents: 2000,
        },
      });
      expect([await api.stock('res-a'), await api.stock('res-b')]).toEqual([6, 9]);

      const replay = await api.reserve(id, [{ productId: 'res-a', quantity: 4 }, { productId: 'res-b', quantity: 1 }]);
      expect(replay).toEqual({ status: 200, body: created.body });
      expect([await api.stock('res-a'), await api.stock('res-b')]).toEqual([6, 9]);
      expect(await api.call('GET', `/reservations/${id}`)).toEqual({ status: 200, body: created.body });
    });

    it('GIVEN an existing reservation WHEN its id is sent with other items THEN 409 reservation_conflict and nothing changes', async () => {
      await api.put('conflict-a', 5);
      const id = randomUUID();
      await api.reserve(id, [{ productId: 'conflict-a', quantity: 1 }]);

      const answer = await api.reserve(id, [{ productId: 'conflict-a', quantity: 2 }]);
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ error: 'reservation_conflict', message: `reservation ${id} exists with other items; use a new reservationId`, details: { reservationId: id } });
      expect(await api.stock('conflict-a')).toBe(4);
    });

    it('GIVEN one of two products short WHEN reserved THEN 409 insufficient_stock with details and nothing is reserved', async () => {
      await api.put('short-a', 10);
      await api.put('short-b', 2);
      const id = randomUUID();

      const answer = await api.reserve(id, [{ productId: 'short-a', quantity: 5 }, { productId: 'short-b', quantity: 3 }]);
      expect(answer).toEqual({
        status: 409,
        body: {
          error: 'insufficient_stock',
          message: 'short-b: 3 requested, 2 in stock; nothing was reserved',
          details: { productId: 'short-b', requested: 3, available: 2 },
        },
      });
      expect([await api.stock('short-a'), await api.stock('short-b')]).toEqual([10, 2]);
      expect((await api.call('GET', `/reservations/${id}`)).status).toBe(404);

      // The id was not used up: once there is stock, the same id reserves.
      await api.put('short-b', 3);
      expect((await api.reserve(id, [{ productId: 'short-a', quantity: 5 }, { productId: 'short-b', quantity: 3 }])).status).toBe(201);
    });

    it('GIVEN an unknown product WHEN reserved THEN 404 product_not_found naming it, and nothing is reserved', async () => {
      await api.put('known-a', 3);
      const answer = await api.reserve(randomUUID(), [{ productId: 'known-a', quantity: 1 }, { productId: 'unknown-z', quantity: 1 }]);
      expect(answer).toEqual({ status: 404, body: { error: 'product_not_found', message: 'no product has the id "unknown-z"', details: { productId: 'unknown-z' } } });
      expect(await api.stock('known-a')).toBe(3);
    });

    it.each([
      ['a product listed twice', { items: [{ productId: 'a', quantity: 1 }, { productId: 'a', quantity: 2 }] }, 'body/items/1/productId: "a" is listed more than once'],
      ['a quantity above 1000', { items: [{ productId: 'a', quantity: 1001 }] }, 'body/items/0/quantity must be <= 1000'],
      ['a quantity of 0', { items: [{ productId: 'a', quantity: 0 }] }, 'body/items/0/quantity must be >= 1'],
      ['no items', { items: [] }, 'body/items must NOT have fewer than 1 items'],
      ['51 items', { items: Array.from({ length: 51 }, (_, i) => ({ productId: `p${i}`, quantity: 1 })) }, 'body/items must NOT have more than 50 items'],
      ['a reservationId that is not a UUID', { reservationId: 'abc', items: [{ productId: 'a', quantity: 1 }] }, 'body/reservationId must match'],
    ])('GIVEN %s WHEN reserved THEN 400 naming the field', async (_name, body, message) => {
      const answer = await api.call('POST', '/reservations', { reservationId: randomUUID(), ...body });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(message);
    });

    it('GIVEN a reservation WHEN released twice THEN its stock comes back once, and it cannot be committed', async () => {
      await api.put('release-a', 8);
      const id = randomUUID();
      await api.reserve(id, [{ productId: 'release-a', quantity: 3 }]);
      expect(await api.stock('release-a')).toBe(5);

      const first = await api.call('POST', `/reservations/${id}/release`);
      const second = await api.call('POST', `/reservations/${id}/release`);
      expect(first.status).toBe(200);
      expect(first.body.status).toBe('released');
      expect(second).toEqual(first);
      expect(await api.stock('release-a')).toBe(8);

      expect(await api.call('POST', `/reservations/${id}/commit`)).toEqual({
        status: 409,
        body: { error: 'invalid_transition', message: `reservation ${id} is released; it cannot be committed`, details: { from: 'released', to: 'committed' } },
      });
    });

    it('GIVEN a reservation WHEN committed twice THEN the stock stays sold, and it cannot be released', async () => {
      await api.put('commit-a', 8);
      const id = randomUUID();
      await api.reserve(id, [{ productId: 'commit-a', quantity: 3 }]);

      expect((await api.call('POST', `/reservations/${id}/commit`)).body.status).toBe('committed');
      expect((await api.call('POST', `/reservations/${id}/commit`)).status).toBe(200);
      expect((await api.call('POST', `/reservations/${id}/release`)).body.details).toEqual({ from: 'committed', to: 'released' });
      expect(await api.stock('commit-a')).toBe(5);
    });

    it('GIVEN an unknown reservation WHEN read, released or committed THEN 404 reservation_not_found', async () => {
      const id = randomUUID();
      for (const [method, path] of [['GET', `/reservations/${id}`], ['POST', `/reservations/${id}/release`], ['POST', `/reservations/${id}/commit`]] as const) {
        const answer = await api.call(method, path);
        expect(answer.status).toBe(404);
        expect(answer.body.error).toBe('reservation_not_found');
      }
    });

    it('GIVEN one reservation WHEN 20 releases race THEN the stock comes back exactly once', async () => {
      await api.put('race-release', 50);
      const id = randomUUID();
      await api.reserve(id, [{ productId: 'race-release', quantity: 7 }]);

      const answers = await Promise.all(Array.from({ length: 20 }, () => api.call('POST', `/reservations/${id}/release`)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(await api.stock('race-release')).toBe(50);
    });

    it('GIVEN reservations of the same two products listed in opposite orders WHEN 40 race THEN all succeed (no deadlock) and stock adds up', async () => {
      await api.put('lock-a', 1000);
      await api.put('lock-b', 1000);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          api.reserve(
            randomUUID(),
            i % 2 === 0 ? [{ productId: 'lock-a', quantity: 1 }, { productId: 'lock-b', quantity: 2 }] : [{ productId: 'lock-b', quantity: 2 }, { productId: 'lock-a', quantity: 1 }],
          ),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
      expect([await api.stock('lock-a'), await api.stock('lock-b')]).toEqual([960, 920]);
    });
  });

  it('GIVEN the service WHEN /openapi.json is read THEN every route has tags, a summary and an operationId', async () => {
    const document = (await api.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { tags?: string[]; summary?: string; operationId?: string }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, ...op })));
    expect(operations.map((op) => op.route).sort()).toEqual([
      'get /products',
      'get /products/{id}',
      'get /reservations/{id}',
      'post /reservations',
      'post /reservations/{id}/commit',
      'post /reservations/{id}/release',
      'put /products/{id}',
    ]);
    for (const op of operations) {
      expect(op.tags, op.route).toHaveLength(1);
      expect(op.summary, op.route).toBeTruthy();
      expect(op.operationId, op.route).toMatch(/^[a-z][A-Za-z]+$/);
    }
  });
});

describe.each(['pglite', 'postgres'] as const)('the demo catalog on %s', (backend) => {
  it('GIVEN SEED_DEMO_DATA=true WHEN started on an empty catalog THEN the demo products are there, and a restart seeds nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inventory-seed-'));
    const env = { ...quietEnv, SEED_DEMO_DATA: 'true', ...(backend === 'pglite' ? { PGLITE_DATA_DIR: dataDir } : await freshDatabase(backend)) };
    try {
      const first = await startService(inventoryService, { env });
      const api = client(first.url);
      const page = await api.call('GET', '/products?limit=100');
      expect((page.body.items as Array<{ id: string }>).map((p) => p.id)).toEqual(demoCatalog.map((p) => p.id).sort());
      await api.put('hario-v60-dripper', 3, 2450);
      await first.shutdown();

      const second = await startService(inventoryService, { env });
      const again = client(second.url);
      expect((await again.call('GET', '/products?limit=100')).body.items).toHaveLength(demoCatalog.length);
      expect(await again.stock('hario-v60-dripper')).toBe(3);
      await second.shutdown();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('GIVEN SEED_DEMO_DATA unset WHEN started THEN the catalog stays empty', async () => {
    const service = await startService(inventoryService, { env: { ...quietEnv, ...(await freshDatabase(backend)) } });
    try {
      expect((await client(service.url).call('GET', '/products')).body).toEqual({ items: [], nextCursor: null });
    } finally {
      await service.shutdown();
    }
  }, 60_000);
});
