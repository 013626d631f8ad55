/** The PostgreSQL back end: a `pg` pool that survives PostgreSQL restarts. */
import type { Logger } from 'pino';
import pg from 'pg';
import type { Instrument } from './instrument.ts';
import { pingWithin, transactionEndedError } from './ping.ts';
import type { Database, Queryable, QueryResult } from './types.ts';

export interface PostgresDatabaseOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly statementTimeoutMs: number | undefined;
  readonly connectionTimeoutMs: number;
  /** `application_name` in pg_stat_activity. */
  readonly applicationName: string;
  readonly instrument: Instrument;
  readonly logger: Logger;
}

/** What pg accepts as query values (it wants a mutable array; it does not change it). */
type Values = unknown[] | undefined;

export function openPostgres(options: PostgresDatabaseOptions): Database {
  const { instrument, logger } = options;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName,
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
  });
  // An idle connection fails when PostgreSQL restarts or a proxy drops it. pg removes it from
  // the pool and emits it here; unheard, the event would crash the process.
  pool.on('error', (error) => {
    logger.warn({ err: error }, `database: an idle connection failed and was dropped from the pool: ${error.message}`);
  });

  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[] | undefined): Promise<QueryResult<Row>> => {
    const result = await client.query(sql, params as Values);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
  };

  return {
    kind: 'postgres',
    query: (sql, params) => instrument(sql, () => run(pool, sql, params)),
    exec: (sql) => instrument(sql, async () => void (await pool.query(sql))),

    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out connection has no listener of the pool's: PostgreSQL's shutdown notice
      // would otherwise be an uncaught 'error' event.
      let broken: Error | undefined;
      const onError = (error: Error): void => {
        broken = error;
        logger.warn({ err: error }, `database: a connection failed during a transaction: ${error.message}`);
      };
      client.on('error', onError);
      let ended = false;
      const tx: Queryable = {
        query: (sql, params) => (ended ? Promise.reject(transactionEndedError()) : instrument(sql, () => run(client, sql, params))),
        exec: (sql) => (ended ? Promise.reject(transactionEndedError()) : instrument(sql, async () => void (await client.query(sql)))),
      };
      try {
        await instrument('BEGIN', () => client.query('BEGIN'));
        const result = await fn(tx);
        await instrument('COMMIT', () => client.query('COMMIT'));
        return result;
      } catch (error) {
        if (broken === undefined) {
          await instrument('ROLLBACK', () => client.query('ROLLBACK')).catch((rollbackError: unknown) => {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          });
        }
        throw error;
      } finally {
        ended = true;
        client.off('error', onError);
        // A connection in an unknown state is closed rather than given to the next caller.
        client.release(broken);
      }
    },

    ping: (timeoutMs = 1000) => pingWithin(() => pool.query('SELECT 1'), timeoutMs),
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}
