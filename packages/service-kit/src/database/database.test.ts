/**
 * The contract of Database on both back ends: a real PostgreSQL 15 server (one for this
 * file) and PGlite in memory. The same tests run on each.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { observedTelemetry, sampleValue, silentLogger, type ObservedTelemetry } from '../testing/observe.ts';
import { startPostgres, type PostgresServer } from '../testing/postgres.ts';
import { openDatabase } from './open.ts';
import type { Database } from './types.ts';

let server: PostgresServer;
let backEnds: Record<'postgres' | 'pglite', { db: Database; observed: ObservedTelemetry }>;

beforeAll(async () => {
  server = await startPostgres();
  const postgresObserved = observedTelemetry();
  const pgliteObserved = observedTelemetry();
  const [postgres, pglite] = await Promise.all([
    openDatabase({ url: server.url, telemetry: postgresObserved.telemetry, logger: silentLogger }),
    openDatabase({ telemetry: pgliteObserved.telemetry, logger: silentLogger }),
  ]);
  backEnds = { postgres: { db: postgres, observed: postgresObserved }, pglite: { db: pglite, observed: pgliteObserved } };
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(backEnds ?? {}).map(({ db }) => db.close()));
  await server?.destroy();
});

describe.each(['postgres', 'pglite'] as const)('Database on %s', (kind) => {
  let db: Database;
  let observed: ObservedTelemetry;

  beforeEach(async () => {
    ({ db, observed } = backEnds[kind]);
    await db.exec(`
      DROP TABLE IF EXISTS products;
      CREATE TABLE products (sku text PRIMARY KEY, stock integer NOT NULL CHECK (stock >= 0));
      INSERT INTO products VALUES ('tea', 5), ('cup', 2);
    `);
    observed.spans.reset();
  });

  it('GIVEN the database WHEN opened THEN it says which back end it is', () => {
    expect(db.kind).toBe(kind);
  });

  it('GIVEN rows WHEN queried with parameters THEN rows and row count come back', async () => {
    const selected = await db.query<{ sku: string; stock: number }>('SELECT sku, stock FROM products WHERE stock > $1 ORDER BY sku', [1]);
    expect(selected).toEqual({ rows: [{ sku: 'cup', stock: 2 }, { sku: 'tea', stock: 5 }], rowCount: 2 });
    const updated = await db.query('UPDATE products SET stock = stock + 1');
    expect(updated).toEqual({ rows: [], rowCount: 2 });
  });

  it('GIVEN a bigint WHEN queried THEN it is a string on both back ends, as node-postgres gives it', async () => {
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM products');
    expect(rows).toEqual([{ n: '2' }]);
  });

  it('GIVEN a transaction WHEN its callback returns THEN its writes are committed and its value returned', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('UPDATE products SET stock = stock - 1 WHERE sku = $1', ['tea']);
      await tx.query("INSERT INTO products VALUES ('pot', 1)");
      return 'done';
    });
    expect(value).toBe('done');
    const { rows } = await db.query('SELECT sku, stock FROM products ORDER BY sku');
    expect(rows).toEqual([
      { sku: 'cup', stock: 2 },
      { sku: 'pot', stock: 1 },
      { sku: 'tea', stock: 4 },
    ]);
  });

  it('GIVEN a transaction WHEN its callback throws THEN its writes are rolled back and the error rethrown', async () => {
    const failure = new Error('payment declined');
    await expect(
      db.transaction(async (tx) => {
        await tx.query("UPDATE products SET stock = 0 WHERE sku = 'tea'");
        throw failure;
      }),
    ).rejects.toBe(failure);
    const { rows } = await db.query("SELECT stock FROM products WHERE sku = 'tea'");
    expect(rows).toEqual([{ stock: 5 }]);
  });

  it('GIVEN a duplicate key WHEN inserted THEN the error carries SQLSTATE 23505', async () => {
    await expect(db.query("INSERT INTO products VALUES ('tea', 1)")).rejects.toMatchObject({
      code: '23505',
      message: 'duplicate key value violates unique constraint "products_pkey"',
    });
  });

  it('GIVEN a check constraint WHEN violated inside a transaction THEN the error carries SQLSTATE 23514 and nothing is kept', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO products VALUES ('pot', 3)");
        await tx.query("UPDATE products SET stock = stock - 10 WHERE sku = 'cup'");
      }),
    ).rejects.toMatchObject({ code: '23514', message: 'new row for relation "products" violates check constraint "products_stock_check"' });
    const { rows } = await db.query("SELECT sku FROM products WHERE sku = 'pot'");
    expect(rows).toEqual([]);
  });

  it('GIVEN a transaction that has ended WHEN its tx is used again THEN it rejects with a message that says why', async () => {
    let leaked: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.query('SELECT 1')).rejects.toThrow(
      'this transaction has already ended: use tx only inside the transaction() callback, and await its queries',
    );
  });

  it('GIVEN the database answering WHEN pinged THEN ping resolves', async () => {
    await expect(db.ping(1000)).resolves.toBeUndefined();
  });

  it('GIVEN a query WHEN it runs THEN a CLIENT span named after the operation and table records the SQL text, never the parameters', async () => {
    await db.query('SELECT stock FROM products WHERE sku = $1', ['secret-sku']);
    const [span] = observed.spans.getFinishedSpans();
    expect(span?.name).toBe('SELECT products');
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.operation.name': 'SELECT',
      'db.collection.name': 'products',
      'db.query.text': 'SELECT stock FROM products WHERE sku = $1',
    });
    expect(JSON.stringify(span?.attributes)).not.toContain('secret-sku');
  });

  it('GIVEN a failing query WHEN it runs THEN its span is an error and the duration is counted under its SQLSTATE', async () => {
    const before = sampleValue(await observed.telemetry.registry.metrics(), 'db_client_operation_duration_seconds_count', {
      db_operation_name: 'INSERT',
      error_type: '23505',
    });
    await db.query("INSERT INTO products VALUES ('tea', 1)").catch(() => undefined);
    const [span] = observed.spans.getFinishedSpans();
    expect(span?.name).toBe('INSERT products');
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'duplicate key value violates unique constraint "products_pkey"' });
    expect(span?.attributes).toMatchObject({ 'error.type': '23505', 'db.response.status_code': '23505' });
    const after = sampleValue(await observed.telemetry.registry.metrics(), 'db_client_operation_duration_seconds_count', {
      db_system_name: 'postgresql',
      db_operation_name: 'INSERT',
      error_type: '23505',
    });
    expect(after).toBe((before ?? 0) + 1);
  });

  it('GIVEN queries WHEN they succeed THEN their durations are counted with an empty error_type', async () => {
    const count = async (): Promise<number> =>
      sampleValue(await observed.telemetry.registry.metrics(), 'db_client_operation_duration_seconds_count', {
        db_system_name: 'postgresql',
        db_operation_name: 'UPDATE',
        error_type: '',
      }) ?? 0;
    const before = await count();
    await db.query("UPDATE products SET stock = 1 WHERE sku = 'tea'");
    await db.query("UPDATE products SET stock = 2 WHERE sku = 'tea'");
    expect(await count()).toBe(before + 2);
  });

  it('GIVEN an active span WHEN a query runs in it THEN the query span is its child', async () => {
    const { tracer } = observed.telemetry;
    await tracer.startActiveSpan('GET /products', async (parent) => {
      await db.query('SELECT 1');
      parent.end();
    });
    const spans = observed.spans.getFinishedSpans();
    const parent = spans.find((s) => s.name === 'GET /products');
    const child = spans.find((s) => s.name === 'SELECT');
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(child?.spanContext().traceId).toBe(parent?.spanContext().traceId);
  });

  it('GIVEN a transaction WHEN it runs THEN BEGIN, its queries and COMMIT are each a span', async () => {
    await db.transaction(async (tx) => {
      await tx.query("DELETE FROM products WHERE sku = 'cup'");
    });
    expect(observed.spans.getFinishedSpans().map((s) => s.name)).toEqual(['BEGIN', 'DELETE products', 'COMMIT']);
  });

  it('GIVEN the pool WHEN metrics are scraped THEN connections by state and pending requests are reported', async () => {
    const text = await observed.telemetry.registry.metrics();
    const pool = kind === 'pglite' ? 'pglite:memory' : `127.0.0.1:${server.port}/postgres`;
    const idle = sampleValue(text, 'db_client_connection_count', { db_client_connection_state: 'idle', db_client_connection_pool_name: pool });
    const used = sampleValue(text, 'db_client_connection_count', { db_client_connection_state: 'used', db_client_connection_pool_name: pool });
    expect(idle).toBeGreaterThanOrEqual(1);
    expect(used).toBe(0);
    expect(sampleValue(text, 'db_client_connection_pending_requests', { db_client_connection_pool_name: pool })).toBe(0);
  });

  it('GIVEN a transaction holding a connection WHEN metrics are scraped THEN that connection is used', async () => {
    const pool = kind === 'pglite' ? 'pglite:memory' : `127.0.0.1:${server.port}/postgres`;
    const used = await db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      const text = await observed.telemetry.registry.metrics();
      return sampleValue(text, 'db_client_connection_count', { db_client_connection_state: 'used', db_client_connection_pool_name: pool });
    });
    expect(used).toBe(1);
  });
});
