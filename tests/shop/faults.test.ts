import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startService } from '@strata/service-kit';
import { freePort, startPostgres, type PostgresServer } from '@strata/service-kit/testing';
import { storefrontService } from '@strata/storefront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, putProduct, startShopInProcess } from './helpers.ts';

describe('inventory is down', () => {
  it('GIVEN nothing listens for inventory WHEN a shopper browses THEN the storefront answers 503 JSON at once, and the breaker keeps it fast', async () => {
    const port = await freePort();
    const storefront = await startService(storefrontService, {
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', INVENTORY_URL: `http://127.0.0.1:${port}`, ORDERS_URL: `http://127.0.0.1:${port}` },
    });
    try {
      const timings: number[] = [];
      for (let i = 0; i < 8; i++) {
        const started = performance.now();
        const response = await fetch(`${storefront.url}/products`);
        timings.push(performance.now() - started);
        expect(response.status).toBe(503);
        const body = (await response.json()) as { error: string; message: string };
        expect(body.error).toBe('upstream_unavailable');
        expect(body.message).toContain('inventory');
      }
      expect(Math.max(...timings)).toBeLessThan(2_000);
    } finally {
      await storefront.shutdown();
    }
  });

  it('GIVEN inventory accepts but never answers WHEN a shopper browses THEN the storefront answers 503 within its client timeout, never hangs', async () => {
    const shop = await startShopInProcess({ perService: { inventory: { FAULTS_ENABLED: 'true', ADMIN_PORT: '0', SHUTDOWN_TIMEOUT_MS: '200' } } });
    try {
      await fetch(`${shop.inventory.adminUrl}/faults`, { method: 'PUT', body: JSON.stringify({ delayRate: 1, delayMs: 20_000 }) });
      const started = performance.now();
      const response = await fetch(`${shop.storefront.url}/products`, { signal: AbortSignal.timeout(15_000) });
      const elapsed = performance.now() - started;
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: string }).error).toBe('upstream_unavailable');
      expect(elapsed).toBeLessThan(10_000);
      await fetch(`${shop.inventory.adminUrl}/faults`, { method: 'DELETE' });
    } finally {
      await shop.stop();
    }
  }, 30_000);
});

describe('PostgreSQL restarts under load', () => {
  let postgres: PostgresServer;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => postgres?.destroy());

  it('GIVEN orders flowing WHEN PostgreSQL restarts THEN the services recover by themselves and every acknowledged order is kept', async () => {
    const databaseUrls = { inventory: await postgres.createDatabase('inventory_restart'), orders: await postgres.createDatabase('orders_restart') };
    const shop = await startShopInProcess({ databaseUrls });
    try {
      const initialStock = 100_000;
      await putProduct(shop.inventory.url, 'restart-mug', initialStock);
      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      let transportErrors = 0;
      let stop = false;
      const worker = async (): Promise<void> => {
        while (!stop) {
          try {
            const { status, body } = await placeOrder(shop.storefront.url, randomUUID(), [{ productId: 'restart-mug', quantity: 1 }], AbortSignal.timeout(15_000));
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 201) acknowledged.push(String(body.id));
          } catch {
            transportErrors++;
          }
        }
      };
      const workers = Array.from({ length: 8 }, () => worker());
      await sleep(1_500);
      const beforeRestart = acknowledged.length;
      const restartedAt = performance.now();
      await postgres.restart();
      // Breakers open while PostgreSQL is away and close again on their own: wait for that.
      const deadline = restartedAt + 30_000;
      while (acknowledged.length < beforeRestart + 20 && performance.now() < deadline) await sleep(100);
      const recoveredMs = Math.round(performance.now() - restartedAt);
      stop = true;
      await Promise.all(workers);
      console.log(`PostgreSQL restart: 20 more orders acknowledged ${recoveredMs} ms after the restart began; answers ${JSON.stringify([...statuses])}`);
      // Load really ran on both sides of the restart, and nothing hung or broke the transport.
      expect(beforeRestart).toBeGreaterThan(10);
      expect(acknowledged.length).toBeGreaterThanOrEqual(beforeRestart + 20);
      expect(transportErrors).toBe(0);
      // Failures during the restart are clean 503s, never 500s.
      expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);

      // Recovery without a restart of the services: readiness and a fresh order.
      expect((await fetch(`${shop.orders.url}/readyz`)).status).toBe(200);
      expect((await placeOrder(shop.storefront.url, randomUUID(), [{ productId: 'restart-mug', quantity: 1 }])).status).toBe(201);

      // Every acknowledged order is in the database, confirmed.
      const client = new pg.Client({ connectionString: databaseUrls.orders });
      await client.connect();
      try {
        const { rows } = await client.query<{ id: string; status: string }>('SELECT id::text, status FROM orders WHERE id::text = ANY($1)', [acknowledged]);
        expect(rows.length).toBe(acknowledged.length);
        expect(rows.every((r) => r.status === 'confirmed')).toBe(true);
      } finally {
        await client.end();
      }
      // Stock is consistent: what is left plus what is held equals what there was.
      const product = (await (await fetch(`${shop.inventory.url}/products/restart-mug`)).json()) as { stock: number };
      const inventory = new pg.Client({ connectionString: databaseUrls.inventory });
      await inventory.connect();
      try {
        const held = await inventory.query<{ held: string }>(
          `SELECT coalesce(sum(i.quantity), 0)::text AS held FROM reservation_items i JOIN reservations r ON r.id = i.reservation_id WHERE r.status <> 'released' AND i.product_id = 'restart-mug'`,
        );
        expect(product.stock + Number(held.rows[0]?.held)).toBe(initialStock);
      } finally {
        await inventory.end();
      }
    } finally {
      await shop.stop();
    }
  }, 60_000);
});
