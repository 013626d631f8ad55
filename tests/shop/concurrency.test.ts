/**
 * The shop's concurrency guarantees, through real HTTP against inventory and orders running
 * in this process, on both back ends (a real PostgreSQL 15, and PGlite):
 * - stock never goes negative and is never oversold;
 * - a reservation id reserves once;
 * - an Idempotency-Key creates exactly one order.
 * Inventory delays every request by `inventoryDelayMs` (its fault switch), so that the racing
 * requests pile up in inventory and reach the database together; each test also proves,
 * from the answers' timings, that all its requests were in flight at the same time.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inventoryService } from '@strata/inventory';
import { ordersService } from '@strata/orders';
import { startService, type RunningService } from '@strata/service-kit';
import { startPostgres, type PostgresServer } from '@strata/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const quietEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TELEMETRY_ENABLED: 'false' };
const inventoryDelayMs = 100;

let postgres: PostgresServer | undefined;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.destroy();
});

interface Timed {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, asserted field by field
  readonly body: any;
  readonly sentAt: number;
  readonly answeredAt: number;
}

async function timedCall(url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Timed> {
  const sentAt = performance.now();
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), sentAt, answeredAt: performance.now() };
}

/** True when every request had been sent before the first answer came back: all were in flight together. */
function allInFlightTogether(answers: readonly Timed[]): boolean {
  return Math.max(...answers.map((a) => a.sentAt)) < Math.min(...answers.map((a) => a.answeredAt));
}

function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

describe.each(['postgres', 'pglite'] as const)('the shop under concurrency on %s', (backend) => {
  let inventory: RunningService;
  let orders: RunningService;

  const database = async (name: string): Promise<Record<string, string>> => {
    if (backend === 'pglite') return {};
    if (postgres === undefined) throw new Error('PostgreSQL did not start');
    return { DATABASE_URL: await postgres.createDatabase(name) };
  };
  const putProduct = async (id: string, stock: number): Promise<void> => {
    const response = await fetch(`${inventory.url}/products/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: id, description: 'for a race', priceCents: 1500, stock }),
    });
    if (!response.ok) throw new Error(`PUT /products/${id}: ${response.status}`);
  };
  const stockFromApi = async (id: string): Promise<number> => ((await (await fetch(`${inventory.url}/products/${id}`)).json()) as { stock: number }).stock;
  const stockFromDatabase = async (id: string): Promise<number> => {
    const { rows } = await inventory.context.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [id]);
    return rows[0]?.stock ?? Number.NaN;
  };
  const placeOrder = (key: string, items: ReadonlyArray<{ productId: string; quantity: number }>): Promise<Timed> =>
    timedCall(`${orders.url}/orders`, 'POST', { customerId: 'racer', items }, { 'idempotency-key': key });

  beforeAll(async () => {
    inventory = await startService(inventoryService, {
      env: { ...quietEnv, FAULTS_ENABLED: 'true', ADMIN_PORT: '0', ...(await database('shop_inventory')) },
    });
    const response = await fetch(`${inventory.adminUrl ?? ''}/faults`, { method: 'PUT', body: JSON.stringify({ delayRate: 1, delayMs: inventoryDelayMs }) });
    if (!response.ok) throw new Error(`could not slow inventory down: ${response.status}`);
    orders = await startService(ordersService, {
      env: { ...quietEnv, INVENTORY_URL: inventory.url, ...(await database('shop_orders')) },
    });
  }, 90_000);

  afterAll(async () => {
    await orders?.shutdown();
    await inventory?.shutdown();
  });

  it('GIVEN the last 10 units WHEN 50 orders race for one each THEN exactly 10 are confirmed, 40 get 409 insufficient_stock, and stock ends at 0, never below', async () => {
    await putProduct('last-ten', 10);
    const stockSeen: number[] = [];
    let racing = true;
    // Reads the stock while the orders race. It sleeps between reads: on PGlite a query
    // resolves without ever yielding to the event loop, so a tight loop would starve the HTTP servers.
    const sampler = (async () => {
      while (racing) {
        stockSeen.push(await stockFromDatabase('last-ten'));
        await sleep(2);
      }
    })();

    const answers = await Promise.all(Array.from({ length: 50 }, () => placeOrder(randomUUID(), [{ productId: 'last-ten', quantity: 1 }])));
    racing = false;
    await sampler;

    expect(allInFlightTogether(answers)).toBe(true);
    expect(countBy(answers.map((a) => a.status))).toEqual(new Map([[201, 10], [409, 40]]));
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body).toMatchObject({ error: 'insufficient_stock', details: { productId: 'last-ten', requested: 1, available: 0 } });
    }
    expect(await stockFromApi('last-ten')).toBe(0);
    expect(await stockFromDatabase('last-ten')).toBe(0);
    expect(stockSeen.length).toBeGreaterThan(0);
    expect(Math.min(...stockSeen)).toBeGreaterThanOrEqual(0);

    const { rows } = await orders.context.db.query<{ status: string; count: string }>(
      `SELECT o.status, count(*) AS count FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.product_id = 'last-ten' GROUP BY o.status ORDER BY o.status`,
    );
    expect(rows).toEqual([{ status: 'confirmed', count: '10' }, { status: 'rejected', count: '40' }]);
  });

  it('GIVEN one Idempotency-Key WHEN the same order is sent 5 times at once THEN there is exactly one order, every answer carries its id, and stock is taken once', async () => {
    await putProduct('same-key', 20);
    const key = randomUUID();

    const answers = await Promise.all(Array.from({ length: 5 }, () => placeOrder(key, [{ productId: 'same-key', quantity: 3 }])));

    expect(allInFlightTogether(answers)).toBe(true);
    const ids = new Set(answers.map((a) => a.body.id as string));
    expect(ids.size).toBe(1);
    expect(countBy(answers.map((a) => a.status))).toEqual(new Map([[201, 1], [200, 4]]));
    expect(answers.every((a) => a.body.status === 'confirmed')).toBe(true);
    const { rows } = await orders.context.db.query<{ id: string }>('SELECT id FROM orders WHERE idempotency_key = $1', [key]);
    expect(rows.map((r) => r.id)).toEqual([...ids]);
    expect(await stockFromApi('same-key')).toBe(17);
  });

  it('GIVEN one reservationId WHEN 20 reservations with it race THEN stock is taken once and every answer is that reservation', async () => {
    await putProduct('same-reservation', 100);
    const reservationId = randomUUID();
    const body = { reservationId, items: [{ productId: 'same-reservation', quantity: 4 }] };

    const answers = await Promise.all(Array.from({ length: 20 }, () => timedCall(`${inventory.url}/reservations`, 'POST', body)));

    expect(allInFlightTogether(answers)).toBe(true);
    expect(countBy(answers.map((a) => a.status))).toEqual(new Map([[201, 1], [200, 19]]));
    expect(answers.every((a) => a.body.reservationId === reservationId && a.body.status === 'reserved')).toBe(true);
    expect(await stockFromApi('same-reservation')).toBe(96);
    expect(await stockFromDatabase('same-reservation')).toBe(96);
    const { rows } = await inventory.context.db.query<{ count: string }>('SELECT count(*) AS count FROM reservation_items WHERE reservation_id = $1', [reservationId]);
    expect(rows).toEqual([{ count: '1' }]);
  });
});
