/**
 * Connection pool gauges of OpenTelemetry's database conventions, read from the pools at
 * scrape time. A registry may serve several databases (tests open two on one telemetry):
 * the gauges are registered once per registry and report every open pool on it.
 */
import { Gauge, type Registry } from 'prom-client';

export interface PoolStatsSource {
  /** `db_client_connection_pool_name`, e.g. `127.0.0.1:5432/orders`. */
  readonly poolName: string;
  stats(): { readonly total: number; readonly idle: number; readonly waiting: number };
}

const sourcesByRegistry = new WeakMap<Registry, Set<PoolStatsSource>>();

/** Reports `source` on `registry` until the returned function is called. */
export function registerPoolMetrics(registry: Registry, source: PoolStatsSource): () => void {
  let sources = sourcesByRegistry.get(registry);
  if (sources === undefined) {
    sources = new Set();
    sourcesByRegistry.set(registry, sources);
    registerGauges(registry, sources);
  }
  sources.add(source);
  return () => {
    sources.delete(source);
  };
}

function registerGauges(registry: Registry, sources: ReadonlySet<PoolStatsSource>): void {
  new Gauge<'db_client_connection_state' | 'db_client_connection_pool_name'>({
    name: 'db_client_connection_count',
    help: 'Connections of the database client pool, by state (idle or used).',
    labelNames: ['db_client_connection_state', 'db_client_connection_pool_name'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [pool, stats] of totalsByPool(sources)) {
        this.set({ db_client_connection_state: 'idle', db_client_connection_pool_name: pool }, stats.idle);
        this.set({ db_client_connection_state: 'used', db_client_connection_pool_name: pool }, stats.total - stats.idle);
      }
    },
  });
  new Gauge<'db_client_connection_pool_name'>({
    name: 'db_client_connection_pending_requests',
    help: 'Operations waiting for a connection of the database client pool.',
    labelNames: ['db_client_connection_pool_name'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [pool, stats] of totalsByPool(sources)) this.set({ db_client_connection_pool_name: pool }, stats.waiting);
    },
  });
}

/** Sums pools of the same name, so that two databases on one URL are not reported as one of them. */
function totalsByPool(sources: ReadonlySet<PoolStatsSource>): Map<string, { total: number; idle: number; waiting: number }> {
  const totals = new Map<string, { total: number; idle: number; waiting: number }>();
  for (const source of sources) {
    const stats = source.stats();
    const sum = totals.get(source.poolName) ?? { total: 0, idle: 0, waiting: 0 };
    sum.total += stats.total;
    sum.idle += stats.idle;
    sum.waiting += stats.waiting;
    totals.set(source.poolName, sum);
  }
  return totals;
}
