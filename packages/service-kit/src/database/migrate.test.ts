import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capturedLogger, observedTelemetry, silentLogger } from '../testing/observe.ts';
import { startPostgres, type PostgresServer } from '../testing/postgres.ts';
import { migrate, MigrationError } from './migrate.ts';
import { openDatabase } from './open.ts';
import type { Database } from './types.ts';

let server: PostgresServer;
let pglite: Database;
let databases = 0;

beforeAll(async () => {
  [server, pglite] = await Promise.all([startPostgres(), openDatabase({ telemetry: observedTelemetry().telemetry, logger: silentLogger })]);
}, 60_000);

afterAll(async () => {
  await pglite?.close();
  await server?.destroy();
});

/** A folder of migration files, removed after the test. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-migrations-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(files: Readonly<Record<string, string>>): void {
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
}

const shop = {
  '0001_create_products.sql': 'CREATE TABLE products (sku text PRIMARY KEY, stock integer NOT NULL);',
  '0002_seed_products.sql': "INSERT INTO products VALUES ('tea', 5);\nINSERT INTO products VALUES ('cup', 2);",
};

/** A fresh, empty database of the given back end. */
async function freshDatabase(kind: 'postgres' | 'pglite'): Promise<{ db: Database; close: () => Promise<void> }> {
  if (kind === 'pglite') {
    await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    return { db: pglite, close: async () => undefined };
  }
  databases += 1;
  const url = await server.createDatabase(`migrate_${databases}`);
  const db = await openDatabase({ url, telemetry: observedTelemetry().telemetry, logger: silentLogger });
  return { db, close: () => db.close() };
}

describe.each(['postgres', 'pglite'] as const)('migrate on %s', (kind) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ db, close } = await freshDatabase(kind));
  });
  afterEach(async () => {
    await close();
  });

  it('GIVEN an empty database WHEN migrated THEN every file is applied in order and recorded', async () => {
    write({ '0002_seed_products.sql': shop['0002_seed_products.sql'], '0001_create_products.sql': shop['0001_create_products.sql'] });
    const { logger, lines } = capturedLogger();

    const result = await migrate(db, dir, logger);

    expect(result).toEqual({ applied: ['0001_create_products.sql', '0002_seed_products.sql'] });
    expect((await db.query('SELECT sku, stock FROM products ORDER BY sku')).rows).toEqual([
      { sku: 'cup', stock: 2 },
      { sku: 'tea', stock: 5 },
    ]);
    expect((await db.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows).toEqual([
      { version: '0001', name: '0001_create_products.sql' },
      { version: '0002', name: '0002_seed_products.sql' },
    ]);
    expect(lines.map((l) => l.msg)).toEqual(['database: applied migration 0001_create_products.sql', 'database: applied migration 0002_seed_products.sql']);
  });

  it('GIVEN a migrated database WHEN migrated again THEN nothing is applied; a new file alone is applied next', async () => {
    write(shop);
    await migrate(db, dir, silentLogger);
    const { logger, lines } = capturedLogger();

    expect(await migrate(db, dir, logger)).toEqual({ applied: [] });
    expect(lines.map((l) => l.msg)).toEqual(['database: schema is up to date (2 migrations)']);

    write({ '0003_add_price.sql': 'ALTER TABLE products ADD COLUMN price_cents integer NOT NULL DEFAULT 0;' });
    expect(await migrate(db, dir, silentLogger)).toEqual({ applied: ['0003_add_price.sql'] });
    expect((await db.query('SELECT count(*) AS n FROM products')).rows).toEqual([{ n: '2' }]);
  });

  it('GIVEN a migration PostgreSQL rejects WHEN migrated THEN the error names the file with PostgreSQL’s message, and nothing of the run is kept', async () => {
    write({ ...shop, '0003_broken.sql': 'UPDATE no_such_table SET x = 1;' });

    const error = await migrate(db, dir, silentLogger).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      message: 'migration 0003_broken.sql failed: relation "no_such_table" does not exist',
      file: '0003_broken.sql',
      code: '42P01',
    });
    const tables = await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.rows).toEqual([]);
  });
});

describe('migrate: file names', () => {
  let db: Database;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ db, close } = await freshDatabase('pglite'));
  });
  afterEach(async () => {
    await close();
  });

  it('GIVEN files that are not named NNNN_description.sql WHEN migrated THEN every one is named with the expected pattern, and nothing is applied', async () => {
    write({ ...shop, 'create_orders.sql': 'SELECT 1;', '12_add_index.sql': 'SELECT 1;', '0003_notes.txt': 'SELECT 1;' });

    await expect(migrate(db, dir, silentLogger)).rejects.toThrow(
      [
        `${join(dir, '0003_notes.txt')}: a migration's name must match NNNN_description.sql (four digits, an underscore, then letters, digits, _ or -), e.g. 0001_create_products.sql`,
        `${join(dir, '12_add_index.sql')}: a migration's name must match NNNN_description.sql (four digits, an underscore, then letters, digits, _ or -), e.g. 0001_create_products.sql`,
        `${join(dir, 'create_orders.sql')}: a migration's name must match NNNN_description.sql (four digits, an underscore, then letters, digits, _ or -), e.g. 0001_create_products.sql`,
      ].join('\n'),
    );
    expect((await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows).toEqual([]);
  });

  it('GIVEN two files with one version WHEN migrated THEN the error names both', async () => {
    write({ ...shop, '0002_seed_cups.sql': 'SELECT 1;' });
    await expect(migrate(db, dir, silentLogger)).rejects.toThrow(
      `${join(dir, '0002_seed_products.sql')}: version 0002 is also 0002_seed_cups.sql; give each migration its own number`,
    );
  });

  it('GIVEN a README, hidden files and a subfolder WHEN migrated THEN they are not migrations', async () => {
    write({ ...shop, 'README.md': '# migrations', '.gitkeep': '' });
    mkdirSync(join(dir, 'archive'));
    expect(await migrate(db, dir, silentLogger)).toEqual({ applied: ['0001_create_products.sql', '0002_seed_products.sql'] });
  });
});

describe('migrate: several replicas at once', () => {
  it('GIVEN three replicas with their own pools WHEN both migrate at once THEN each migration is applied exactly once', async () => {
    write({
      '0001_create_products.sql': 'CREATE TABLE products (sku text PRIMARY KEY, stock integer NOT NULL); SELECT pg_sleep(0.3);',
      '0002_create_audit.sql': 'CREATE TABLE audit (note text NOT NULL);',
      '0003_note_once.sql': "INSERT INTO audit VALUES ('migrated');",
    });
    const url = await server.createDatabase('replicas');
    const replicas = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ url, telemetry: observedTelemetry().telemetry, logger: silentLogger })),
    );
    try {
      const results = await Promise.all(replicas.map((db) => migrate(db, dir, silentLogger)));

      expect(results.flatMap((r) => r.applied).sort()).toEqual(['0001_create_products.sql', '0002_create_audit.sql', '0003_note_once.sql']);
      expect(results.filter((r) => r.applied.length === 0)).toHaveLength(2);
      expect((await replicas[0]?.query('SELECT note FROM audit'))?.rows).toEqual([{ note: 'migrated' }]);
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
    }
  });
});
