import type { Logger } from 'pino';
import type { Telemetry } from '../telemetry/types.ts';
import { createInstrument, type DatabaseTarget } from './instrument.ts';
import { registerPoolMetrics } from './pool-metrics.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './types.ts';

export interface DatabaseOptions {
  /** `postgres://user:password@host:5432/name` (DATABASE_URL). @default - PGlite, embedded */
  readonly url?: string;
  /** Where PGlite keeps its data when no `url` is set. @default - in memory */
  readonly pgliteDataDir?: string;
  /** Connections of the PostgreSQL pool. @default 10 */
  readonly poolMax?: number;
  /** PostgreSQL cancels a statement running longer (statement_timeout). PGlite cannot. @default - no limit */
  readonly statementTimeoutMs?: number;
  /**
   * How long to wait for a new PostgreSQL connection before the query fails, so that queries
   * and pings fail fast instead of queueing while PostgreSQL is down. @default 5000
   */
  readonly connectionTimeoutMs?: number;
  readonly telemetry: Telemetry;
  readonly logger: Logger;
}

const defaultPoolMax = 10;
const defaultConnectionTimeoutMs = 5000;

/**
 * Opens the service's database: a `pg` pool on PostgreSQL when `url` is set, otherwise PGlite.
 * Every operation is traced and measured (unless telemetry is disabled), and the pool's
 * connections are reported as `db_client_connection_count` and
 * `db_client_connection_pending_requests`.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { telemetry, logger } = options;
  const target = options.url === undefined ? {} : targetOf(options.url);
  const instrument = createInstrument(telemetry, target);
  let database: Database;
  let poolName: string;
  if (options.url !== undefined) {
    const poolMax = options.poolMax ?? defaultPoolMax;
    poolName = `${target.address ?? ''}:${target.port ?? 5432}/${target.namespace ?? ''}`;
    database = openPostgres({
      url: options.url,
      poolMax,
      statementTimeoutMs: options.statementTimeoutMs,
      connectionTimeoutMs: options.connectionTimeoutMs ?? defaultConnectionTimeoutMs,
      applicationName: telemetry.serviceName,
      instrument,
      logger,
    });
    logger.info({ db: poolName, poolMax }, `database: PostgreSQL at ${poolName}, pool of ${poolMax} connections`);
  } else {
    poolName = options.pgliteDataDir === undefined ? 'pglite:memory' : `pglite:${options.pgliteDataDir}`;
    // PGlite's WebAssembly is loaded only by a service that runs without DATABASE_URL.
    const { openPglite } = await import('./pglite.ts');
    database = await openPglite({ dataDir: options.pgliteDataDir, instrument });
    logger.info({ db: poolName }, `database: PGlite (embedded) ${options.pgliteDataDir === undefined ? 'in memory' : `in ${options.pgliteDataDir}`}`);
  }
  if (!telemetry.enabled) return database;

  const unregister = registerPoolMetrics(telemetry.registry, { poolName, stats: () => database.stats() });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      unregister();
      await close();
    },
  };
}

/** Server and database of a URL, for spans and the pool's name; never its credentials. */
function targetOf(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Credentials may be in it: do not quote it.
    throw new Error('database url is not a valid URL; expected postgres://user:password@host:5432/name');
  }
  const namespace = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    address: parsed.hostname,
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    ...(namespace === '' ? {} : { namespace }),
  };
}
