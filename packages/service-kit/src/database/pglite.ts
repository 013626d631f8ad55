/**
 * The embedded back end: PGlite (PostgreSQL in WebAssembly) in the process, in memory or in
 * a folder. It has one connection, so every query and transaction takes turns on a mutex.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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
  const pglite = options.dataDir === undefined ? await PGlite.create({ parsers }) : await PGlite.create({ dataDir: options.dataDir, parsers });
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
