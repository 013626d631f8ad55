/**
 * `npm run bench:shop`: the shop on a real PostgreSQL 15, loaded by autocannon through the
 * storefront: browse (the product list and a product page) and checkout (POST /orders of one
 * product, each with its own Idempotency-Key), over a catalog of 100 products. Two copies of
 * the shop run side by side, one with telemetry on (spans, metrics, trace ids in logs), one
 * with it off, and the runs alternate between them round by round, so that the ratio is
 * measured under the same conditions; medians are printed. Client, six services and
 * PostgreSQL share this machine.
 *
 *   --duration S           seconds per run (default 8)
 *   --rounds N             rounds; each runs every journey on both copies (default 3)
 *   --connections N        concurrent connections (default 32)
 *   --catalog-cache-ms N   the storefront's CATALOG_CACHE_MS (default: the service's, 1000;
 *                          0 sends every browse request on to inventory)
 *   --json FILE            also write every run's figures as JSON
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Options, type Result } from 'autocannon';
import { startPostgres } from '@strata/service-kit/testing';
import { repositoryRoot, startShopProcesses, type RunningShop } from './lib/shop-processes.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    json: { type: 'string' },
    'catalog-cache-ms': { type: 'string' },
    'port-base': { type: 'string', default: '18080' },
  },
});
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const portBase = Number(values['port-base']);
if (![duration, rounds, connections, portBase].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('bench:shop: --duration, --rounds, --connections and --port-base take whole numbers above 0');
  process.exit(2);
}

interface Figures {
  readonly telemetry: 'on' | 'off';
  readonly journey: 'browse' | 'checkout';
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly total: number;
}

function load(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function figures(telemetry: 'on' | 'off', journey: 'browse' | 'checkout', result: Result): Figures {
  return {
    telemetry,
    journey,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

/** A catalog of this many products, so that checkouts spread over rows as a real shop's do. */
const catalogSize = 100;
const productIds = Array.from({ length: catalogSize }, (_, i) => `bench-${String(i).padStart(3, '0')}`);
const anyProduct = (): string => productIds[Math.floor(Math.random() * productIds.length)] ?? 'bench-000';

type Mode = 'on' | 'off';
type Journey = 'browse' | 'checkout';

async function startCopy(telemetry: Mode, base: number, databaseUrls: { inventory: string; orders: string }): Promise<RunningShop> {
  const shop = await startShopProcesses({
    portBase: base,
    logDir: join(repositoryRoot, 'build', 'bench-shop', telemetry),
    databaseUrls,
    env: {
      TELEMETRY_ENABLED: telemetry === 'on' ? 'true' : 'false',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_MAX: '20',
      ...(values['catalog-cache-ms'] === undefined ? {} : { CATALOG_CACHE_MS: values['catalog-cache-ms'] }),
    },
    onUnexpectedExit: (_name, description) => {
      console.error(`bench:shop: ${description}`);
      process.exit(1);
    },
  });
  for (const id of productIds) {
    const seeded = await fetch(`${shop.url('inventory')}/products/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bench coffee ${id}`, description: 'Stock for the benchmark', priceCents: 250, stock: 100_000_000 }),
    });
    if (!seeded.ok) throw new Error(`seeding ${id}: ${seeded.status} ${await seeded.text()}`);
  }
  return shop;
}

function journeyOptions(journey: Journey, storefront: string): Options {
  if (journey === 'browse') {
    return {
      url: storefront,
      connections,
      requests: [
        { method: 'GET', path: '/products' },
        { method: 'GET', setupRequest: (request) => ({ ...request, path: `/products/${anyProduct()}` }) },
      ],
    };
  }
  return {
    url: storefront,
    connections,
    requests: [
      {
        method: 'POST',
        path: '/orders',
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ customerId: 'bench', items: [{ productId: anyProduct(), quantity: 1 }] }),
        }),
      },
    ],
  };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const postgres = await startPostgres();
const copies: RunningShop[] = [];
try {
  const urls = async (mode: Mode) => ({ inventory: await postgres.createDatabase(`inventory_${mode}`), orders: await postgres.createDatabase(`orders_${mode}`) });
  const shops = { on: await startCopy('on', portBase, await urls('on')), off: await startCopy('off', portBase + 100, await urls('off')) };
  copies.push(shops.on, shops.off);
  const all: Figures[] = [];
  for (const journey of ['browse', 'checkout'] as const) {
    for (const mode of ['on', 'off'] as const) {
      process.stderr.write(`bench:shop: ${journey}, telemetry ${mode}: warming up…\n`);
      await load({ ...journeyOptions(journey, shops[mode].url('storefront')), duration: 3 });
    }
    for (let round = 1; round <= rounds; round++) {
      // Alternate which copy goes first, so that drift on this shared machine hits both alike.
      for (const mode of round % 2 === 1 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        process.stderr.write(`bench:shop: ${journey}, telemetry ${mode}, round ${round}/${rounds}: ${duration} s at ${connections} connections…\n`);
        all.push(figures(mode, journey, await load({ ...journeyOptions(journey, shops[mode].url('storefront')), duration })));
      }
    }
  }
  const cache = values['catalog-cache-ms'] ?? '1000 (default)';
  console.log(
    `bench:shop: PostgreSQL 15, ${connections} connections, ${rounds} rounds of ${duration} s, catalog cache ${cache} ms, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log('journey    telemetry  req/s (median)   p50 ms   p99 ms   errors   req/s of each round');
  for (const journey of ['browse', 'checkout'] as const) {
    const rate: Record<Mode, number> = { on: 0, off: 0 };
    for (const mode of ['on', 'off'] as const) {
      const runs = all.filter((f) => f.journey === journey && f.telemetry === mode);
      rate[mode] = median(runs.map((f) => f.requestsPerSecond));
      const errors = runs.reduce((sum, f) => sum + f.errors, 0);
      console.log(
        `${journey.padEnd(10)} ${mode.padEnd(10)} ${String(Math.round(rate[mode])).padStart(14)} ${String(median(runs.map((f) => f.p50Ms))).padStart(8)} ${String(median(runs.map((f) => f.p99Ms))).padStart(8)} ${String(errors).padStart(8)}   ${runs.map((f) => f.requestsPerSecond).join(', ')}`,
      );
    }
    console.log(`${journey}: telemetry on/off throughput ratio ${(rate.on / rate.off).toFixed(3)} (overhead ${((1 - rate.on / rate.off) * 100).toFixed(1)}%)`);
  }
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(all, null, 2)}\n`);
} finally {
  await Promise.all(copies.map((c) => c.stop()));
  await postgres.destroy();
}
