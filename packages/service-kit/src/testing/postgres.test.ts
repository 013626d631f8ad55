import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from './postgres.ts';

async function queryOnce<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    await server.destroy();
  });

  it('GIVEN a started server WHEN queried over TCP THEN PostgreSQL 15 answers on its port', async () => {
    const rows = await queryOnce<{ version: string; port: number }>(
      server.url,
      "SELECT current_setting('server_version_num') AS version, inet_server_port() AS port",
    );
    expect(rows).toEqual([{ version: expect.stringMatching(/^15\d{4}$/), port: server.port }]);
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
  });

  it('GIVEN a server WHEN a database is created THEN its URL connects to it', async () => {
    const url = await server.createDatabase('shop orders');
    const rows = await queryOnce<{ name: string }>(url, 'SELECT current_database() AS name');
    expect(rows).toEqual([{ name: 'shop orders' }]);
  });

  it('GIVEN data written WHEN the server restarts THEN the data is still there and the port is the same', async () => {
    await queryOnce(server.url, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');
    await server.restart();
    const rows = await queryOnce<{ id: number }>(server.url, 'SELECT id FROM kept');
    expect(rows).toEqual([{ id: 42 }]);
  });

  it('GIVEN a stopped server WHEN connecting THEN the connection is refused, and start() brings it back', async () => {
    await server.stop();
    await expect(queryOnce(server.url, 'SELECT 1')).rejects.toThrow(`connect ECONNREFUSED 127.0.0.1:${server.port}`);
    await server.start();
    expect(await queryOnce(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('startPostgres lifecycle', () => {
  it('GIVEN a server WHEN destroyed THEN it no longer listens and its folder is removed', async () => {
    const server = await startPostgres();
    expect(existsSync(join(server.dir, 'data', 'postmaster.pid'))).toBe(true);
    await server.destroy();
    expect(existsSync(server.dir)).toBe(false);
    await expect(queryOnce(server.url, 'SELECT 1')).rejects.toThrow('ECONNREFUSED');
  });

  it('GIVEN a port already taken WHEN a server is started on it THEN the error says so, with the server log', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const error = await startPostgres({ settings: { port } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(new RegExp(`^PostgreSQL did not start on port ${port}: `));
      expect((error as Error).message).toContain('Address already in use');
    } finally {
      taken.close();
    }
  });

  it('GIVEN a folder without the PostgreSQL programs WHEN starting THEN the error says what to install', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'strata-no-pg-'));
    try {
      await expect(startPostgres({ binDir: empty })).rejects.toThrow(
        `PostgreSQL 15 is not installed: ${join(empty, 'initdb')} is missing (apt-get install postgresql-15)`,
      );
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});
