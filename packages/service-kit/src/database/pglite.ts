/**
 * The embedded back end: PGlite (PostgreSQL in WebAssembly) in the process, in memory or in
 * a folder. It has one connection, so every query and transaction takes turns on a mutex.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import type { Instrument } from './instrument.ts';
import { Mutex } from './mutex.ts';
import { pingWithin, transactionEndedError } from './ping.ts';
import type { Database, Queryable, QueryResult } from './types.ts';

export interface PgliteDatabaseOptions {
  /** A folder to keep the data in; in memory when undefined. */
  readonly dataDir: string | undefined;
  readonly instrument: Instrument;
}

/**
 * As node-postgres does, int8 (count(*), bigserial) stays a string instead of a number that
 * loses precision above 2^53: code tested on PGlite then behaves the same on PostgreSQL.
 */
const parsers = { [types.INT8]: (value: string): string => value };

const nestedUseMessage =
  'the database was used directly inside a transaction() callback; PGlite has a single connection, so use the callback’s tx instead';

export async function openPglite(options: PgliteDatabaseOptions): Promise<Database> {
  const { instrument } = options;
  const pglite = options.dataDir === undefined ? await createInMemory() : await PGlite.create({ dataDir: options.dataDir, parsers });
  const mutex = new Mutex();
  /** Set while a transaction callback runs, to fail fast instead of waiting for our own lock. */
  const openTransaction = new AsyncLocalStorage<{ ended: boolean }>();

  const insideTransaction = (): boolean => {
    const scope = openTransaction.getStore();
    return scope !== undefined && !scope.ended;
  };
  const run = async <Row>(sql: string, params: readonly unknown[] | undefined): Promise<QueryResult<Row>> => {
    const result = await pglite.query<Row>(sql, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
  };
  const exec = async (sql: string): Promise<void> => void (await pglite.exec(sql));

  return {
    kind: 'pglite',
    query: (sql, params) =>
      insideTransaction() ? Promise.reject(new Error(nestedUseMessage)) : instrument(sql, () => mutex.run(() => run(sql, params))),
    exec: (sql) => (insideTransaction() ? Promise.reject(new Error(nestedUseMessage)) : instrument(sql, () => mutex.run(() => exec(sql)))),

    transaction(fn) {
      if (insideTransaction()) return Promise.reject(new Error(nestedUseMessage));
      return mutex.run(async () => {
        const scope = { ended: false };
        const tx: Queryable = {
          query: (sql, params) => (scope.ended ? Promise.reject(transactionEndedError()) : instrument(sql, () => run(sql, params))),
          exec: (sql) => (scope.ended ? Promise.reject(transactionEndedError()) : instrument(sql, () => exec(sql))),
        };
        await instrument('BEGIN', () => exec('BEGIN'));
        try {
          const result = await openTransaction.run(scope, () => fn(tx));
          await instrument('COMMIT', () => exec('COMMIT'));
          return result;
        } catch (error) {
          // If even ROLLBACK fails, PGlite itself is broken and says so on the next query;
          // the caller needs the error that made the transaction fail.
          await instrument('ROLLBACK', () => exec('ROLLBACK')).catch(() => undefined);
          throw error;
        } finally {
          scope.ended = true;
        }
      });
    },

    ping: (timeoutMs = 1000) => pingWithin(() => mutex.run(() => pglite.query('SELECT 1')), timeoutMs),
    stats: () => ({ total: 1, idle: mutex.locked ? 0 : 1, waiting: mutex.waiting }),
    close: () => mutex.run(() => pglite.close()),
  };
}

/** The installed PGlite's version: a snapshot is only valid for the build that made it. */
async function pgliteVersion(): Promise<string> {
  try {
    const manifest = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
    return (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * A fresh in-memory PGlite. Initialising PostgreSQL in WebAssembly takes seconds; loading a
 * snapshot of a freshly initialised, empty cluster takes a fraction of that. The snapshot is
 * made once per machine (per PGlite version) in the temp folder and written atomically, so
 * concurrent processes never read half a file; a bad or missing snapshot just means a slow start.
 */
async function createInMemory(): Promise<PGlite> {
  const snapshot = join(tmpdir(), `strata-pglite-${await pgliteVersion()}-empty.tar.gz`);
  const saved = await readFile(snapshot).catch(() => undefined);
  if (saved !== undefined) {
    try {
      return await PGlite.create({ loadDataDir: new Blob([saved]), parsers });
    } catch {
      // A snapshot from another build, or damaged: start from scratch below and replace it.
    }
  }
  const pglite = await PGlite.create({ parsers });
  try {
    const dump = await pglite.dumpDataDir('gzip');
    const partial = `${snapshot}.${randomUUID()}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, snapshot);
  } catch {
    // Only a cache: the next start is slow again.
  }
  return pglite;
}
