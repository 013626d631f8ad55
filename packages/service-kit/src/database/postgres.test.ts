/** What only the PostgreSQL back end does: outages, recovery, pool settings, shared registries. */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger, observedTelemetry, sampleValue, silentLogger } from '../testing/observe.ts';
import { startPostgres, type PostgresServer } from '../testing/postgres.ts';
import { openDatabase } from './open.ts';

let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(async () => {
  await server?.destroy();
});

/** A TCP server that accepts connections and never says a word: a PostgreSQL that hangs. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const tcp: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const address = tcp.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}

describe('Database on PostgreSQL across an outage', () => {
  it('GIVEN a pool with idle connections WHEN PostgreSQL restarts THEN the same pool answers again, and the dropped connections were logged', async () => {
    const { logger, lines } = capturedLogger();
    const db = await openDatabase({ url: server.url, telemetry: observedTelemetry().telemetry, logger });
    try {
      await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.01)')));
      expect(db.stats().idle).toBe(3);

      await server.restart();
      const { rows } = await db.query<{ answer: number }>('SELECT 42 AS answer');

      expect(rows).toEqual([{ answer: 42 }]);
      const dropped = lines.filter((l) => l.msg.startsWith('database: an idle connection failed'));
      expect(dropped).toHaveLength(3);
      expect(dropped[0]).toMatchObject({
        level: 'warn',
        msg: 'database: an idle connection failed and was dropped from the pool: terminating connection due to administrator command',
      });
    } finally {
      await db.close();
    }
  });

  it('GIVEN a stopped server WHEN queried and pinged THEN both reject at once with the refused connection, and work again after start', async () => {
    const db = await openDatabase({ url: server.url, telemetry: observedTelemetry().telemetry, logger: silentLogger });
    try {
      await server.stop();
      const started = performance.now();
      await expect(db.query('SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await expect(db.ping(1000)).rejects.toThrow(`database is unreachable: connect ECONNREFUSED 127.0.0.1:${server.port}`);
      expect(performance.now() - started).toBeLessThan(1000);

      await server.start();
      await expect(db.ping(1000)).resolves.toBeUndefined();
    } finally {
      await server.start();
      await db.close();
    }
  });

  it('GIVEN a transaction in progress WHEN PostgreSQL stops THEN the transaction rejects, the process survives, and the pool recovers', async () => {
    const { logger, lines } = capturedLogger();
    const db = await openDatabase({ url: server.url, telemetry: observedTelemetry().telemetry, logger });
    try {
      await db.exec('CREATE TABLE IF NOT EXISTS outage (id int)');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO outage VALUES (1)');
          await server.stop();
          await tx.query('INSERT INTO outage VALUES (2)');
        }),
      ).rejects.toThrow();
      expect(lines.some((l) => l.msg === 'database: a connection failed during a transaction: terminating connection due to administrator command')).toBe(true);

      await server.start();
      expect((await db.query('SELECT count(*) AS n FROM outage')).rows).toEqual([{ n: '0' }]);
      expect(db.stats()).toMatchObject({ total: 1, waiting: 0 });
    } finally {
      await server.start();
      await db.close();
    }
  });

  it('GIVEN a PostgreSQL that accepts connections but never answers WHEN pinged THEN ping rejects within its timeout', async () => {
    const hung = await silentServer();
    const db = await openDatabase({ url: hung.url, telemetry: observedTelemetry().telemetry, logger: silentLogger, connectionTimeoutMs: 600 });
    try {
      const started = performance.now();
      await expect(db.ping(200)).rejects.toThrow('database did not answer within 200 ms');
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(600);
      // The connection attempt itself gives up after connectionTimeoutMs instead of waiting forever.
      await expect(db.query('SELECT 1')).rejects.toThrow('Connection terminated due to connection timeout');
    } finally {
      await db.close();
      await hung.close();
    }
  });
});

describe('Database on PostgreSQL: settings', () => {
  it('GIVEN statementTimeoutMs WHEN a statement runs longer THEN PostgreSQL cancels it with SQLSTATE 57014', async () => {
    const db = await openDatabase({ url: server.url, statementTimeoutMs: 100, telemetry: observedTelemetry().telemetry, logger: silentLogger });
    try {
      await expect(db.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
    } finally {
      await db.close();
    }
  });

  it('GIVEN poolMax 2 WHEN five queries run at once THEN at most two connections open and the others wait their turn', async () => {
    const { telemetry } = observedTelemetry();
    const db = await openDatabase({ url: server.url, poolMax: 2, telemetry, logger: silentLogger });
    try {
      const queries = [1, 2, 3, 4, 5].map(() => db.query('SELECT pg_sleep(0.2)'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const text = await telemetry.registry.metrics();
      const pool = `127.0.0.1:${server.port}/postgres`;
      expect(sampleValue(text, 'db_client_connection_count', { db_client_connection_state: 'used', db_client_connection_pool_name: pool })).toBe(2);
      expect(sampleValue(text, 'db_client_connection_pending_requests', { db_client_connection_pool_name: pool })).toBe(3);
      await Promise.all(queries);
      expect(db.stats()).toEqual({ total: 2, idle: 2, waiting: 0 });
    } finally {
      await db.close();
    }
  });

  it('GIVEN the application WHEN connected THEN pg_stat_activity names the service', async () => {
    const db = await openDatabase({ url: server.url, telemetry: observedTelemetry({ serviceName: 'orders' }).telemetry, logger: silentLogger });
    try {
      const { rows } = await db.query('SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()');
      expect(rows).toEqual([{ application_name: 'orders' }]);
    } finally {
      await db.close();
    }
  });
});

describe('Database on PostgreSQL: telemetry', () => {
  it('GIVEN two databases on one telemetry WHEN both are open THEN the gauges are registered once and count both pools', async () => {
    const { telemetry } = observedTelemetry();
    const first = await openDatabase({ url: server.url, telemetry, logger: silentLogger });
    const second = await openDatabase({ url: server.url, telemetry, logger: silentLogger });
    const pool = `127.0.0.1:${server.port}/postgres`;
    const idle = async (): Promise<number | undefined> =>
      sampleValue(await telemetry.registry.metrics(), 'db_client_connection_count', {
        db_client_connection_state: 'idle',
        db_client_connection_pool_name: pool,
      });
    try {
      await first.query('SELECT 1');
      await second.query('SELECT 1');
      expect(await idle()).toBe(2);
      await first.close();
      expect(await idle()).toBe(1);
    } finally {
      await second.close();
    }
    expect(await idle()).toBeUndefined();
  });

  it('GIVEN telemetry disabled WHEN queries run THEN no span is created and no metric observed', async () => {
    const { telemetry, spans } = observedTelemetry({ enabled: false });
    const db = await openDatabase({ url: server.url, telemetry, logger: silentLogger });
    try {
      await db.query('SELECT 1');
      await db.transaction((tx) => tx.query('SELECT 1'));
      expect(spans.getFinishedSpans()).toEqual([]);
      const text = await telemetry.registry.metrics();
      expect(text).not.toContain('db_client_operation_duration_seconds_count{');
      expect(text).not.toContain('db_client_connection_count');
    } finally {
      await db.close();
    }
  });

  it('GIVEN a URL with a password WHEN opened THEN the log line names the server but not the password', async () => {
    const { logger, lines } = capturedLogger();
    const url = server.url.replace('postgres@', 'postgres:hunter2@');
    const db = await openDatabase({ url, telemetry: observedTelemetry().telemetry, logger });
    await db.close();
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: `database: PostgreSQL at 127.0.0.1:${server.port}/postgres, pool of 10 connections` }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });
});
