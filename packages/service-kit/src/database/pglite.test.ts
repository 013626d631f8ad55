/** What only the PGlite back end needs: one connection shared fairly, and data kept in a folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observedTelemetry, silentLogger } from '../testing/observe.ts';
import { openDatabase } from './open.ts';
import type { Database } from './types.ts';

describe('Database on PGlite: one connection', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ telemetry: observedTelemetry().telemetry, logger: silentLogger });
    await db.exec('CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL); INSERT INTO counter VALUES (1, 0)');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('GIVEN 50 concurrent read-modify-write transactions WHEN they all run THEN none interleaves and the counter is exact', async () => {
    const increment = (): Promise<void> =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ value: number }>('SELECT value FROM counter WHERE id = 1');
        // Yield between the read and the write: another transaction would slip in here if it could.
        await new Promise((resolve) => setImmediate(resolve));
        await tx.query('UPDATE counter SET value = $1 WHERE id = 1', [(rows[0]?.value ?? 0) + 1]);
      });
    await Promise.all(Array.from({ length: 50 }, increment));
    expect((await db.query('SELECT value FROM counter WHERE id = 1')).rows).toEqual([{ value: 50 }]);
  });

  it('GIVEN a transaction in progress WHEN a plain query runs meanwhile THEN it waits and never sees uncommitted writes', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query('UPDATE counter SET value = -1 WHERE id = 1');
      await held;
      await tx.query('UPDATE counter SET value = 100 WHERE id = 1');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const read = db.query<{ value: number }>('SELECT value FROM counter WHERE id = 1');
    expect(db.stats()).toEqual({ total: 1, idle: 0, waiting: 1 });
    release();
    await transaction;
    expect((await read).rows).toEqual([{ value: 100 }]);
  });

  it('GIVEN a failing transaction WHEN others wait behind it THEN they still run, on a clean connection', async () => {
    const failing = db.transaction(async (tx) => {
      await tx.query('UPDATE counter SET value = 0 WHERE id = 1');
      await tx.query('SELECT 1/0');
    });
    const next = db.transaction((tx) => tx.query<{ value: number }>('SELECT value FROM counter WHERE id = 1'));
    await expect(failing).rejects.toMatchObject({ code: '22012', message: 'division by zero' });
    expect((await next).rows).toEqual([{ value: 100 }]);
  });

  it('GIVEN a transaction callback WHEN it uses the database instead of tx THEN that use rejects at once instead of deadlocking', async () => {
    const message = 'the database was used directly inside a transaction() callback; PGlite has a single connection, so use the callback’s tx instead';
    await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(message);
    await expect(db.transaction(() => db.transaction(async () => 1))).rejects.toThrow(message);
    await expect(db.query('SELECT 1 AS ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });

  it('GIVEN a transaction holding the connection WHEN pinged with a short timeout THEN ping rejects in time', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(() => held);
    const started = performance.now();
    await expect(db.ping(100)).rejects.toThrow('database did not answer within 100 ms');
    expect(performance.now() - started).toBeLessThan(500);
    release();
    await transaction;
    await expect(db.ping(1000)).resolves.toBeUndefined();
  });
});

describe('Database on PGlite: in a folder', () => {
  it('GIVEN pgliteDataDir WHEN the database is closed and opened again THEN the data is still there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-pglite-'));
    try {
      const first = await openDatabase({ pgliteDataDir: dir, telemetry: observedTelemetry().telemetry, logger: silentLogger });
      await first.exec("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
      await first.close();

      const second = await openDatabase({ pgliteDataDir: dir, telemetry: observedTelemetry().telemetry, logger: silentLogger });
      try {
        expect((await second.query('SELECT note FROM kept')).rows).toEqual([{ note: 'still here' }]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
