/**
 * `npm run bench:shop`: the shop on a real PostgreSQL 15, loaded by autocannon through the
 * storefront: browse (product list and a product page) and checkout (POST /orders of one
 * product, each with its own Idempotency-Key), over a catalog of 100 products, first with telemetry on (spans, metrics, trace ids in logs),
 * then off. Client, three services and PostgreSQL share this machine.
 *
 *   --duration S      seconds per journey (default 15)
 *   --connections N   concurrent connections per journey (default 32)
 *   --json FILE       also write the figures as JSON
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Options, type Result } from 'autocannon';
import { startPostgres } from '@strata/service-kit/testing';
import { repositoryRoot, startShopProcesses } from './lib/shop-processes.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    json: { type: 'string' },
    'port-base': { type: 'string', default: '18080' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const portBase = Number(values['port-base']);
if (![duration, connections, portBase].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('bench:shop: --duration, --connections and --port-base take whole numbers above 0');
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

async function run(telemetry: 'on' | 'off', databaseUrls: { inventory: string; orders: string }): Promise<Figures[]> {
  const shop = await startShopProcesses({
    portBase,
    logDir: join(repositoryRoot, 'build', 'bench-shop', telemetry),
    databaseUrls,
    env: { TELEMETRY_ENABLED: telemetry === 'on' ? 'true' : 'false', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '20' },
    onUnexpectedExit: (_name, description) => {
      console.error(`bench:shop: ${description}`);
      process.exit(1);
    },
  });
  try {
    for (const id of productIds) {
      const seeded = await fetch(`${shop.url('inventory')}/products/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench coffee ${id}`, description: 'Stock for the benchmark', priceCents: 250, stock: 100_000_000 }),
      });
      if (!seeded.ok) throw new Error(`seeding ${id}: ${seeded.status} ${await seeded.text()}`);
    }
    const storefront = shop.url('storefront');
    const browse: Options = {
      url: storefront,
      connections,
      requests: [
        { method: 'GET', path: '/products' },
        { method: 'GET', setupRequest: (request) => ({ ...request, path: `/products/${anyProduct()}` }) },
      ],
    };
    const checkout: Options = {
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
    const results: Figures[] = [];
    for (const [journey, options] of [
      ['browse', browse],
      ['checkout', checkout],
    ] as const) {
      process.stderr.write(`bench:shop: telemetry ${telemetry}, ${journey}: warming up…\n`);
      await load({ ...options, duration: 3 });
      process.stderr.write(`bench:shop: telemetry ${telemetry}, ${journey}: ${duration} s at ${connections} connections…\n`);
      results.push(figures(telemetry, journey, await load({ ...options, duration })));
    }
    return results;
  } finally {
    await shop.stop();
  }
}

const postgres = await startPostgres();
try {
  const databaseUrls = { inventory: await postgres.createDatabase('inventory'), orders: await postgres.createDatabase('orders') };
  const all = [...(await run('on', databaseUrls)), ...(await run('off', databaseUrls))];
  console.log(`bench:shop: PostgreSQL 15, ${connections} connections, ${duration} s per journey, ${new Date().toISOString().slice(0, 10)}`);
  console.log('telemetry  journey    req/s   p50 ms   p99 ms   errors   requests');
  for (const f of all) {
    console.log(
      `${f.telemetry.padEnd(10)} ${f.journey.padEnd(9)} ${String(f.requestsPerSecond).padStart(6)} ${String(f.p50Ms).padStart(8)} ${String(f.p99Ms).padStart(8)} ${String(f.errors).padStart(8)} ${String(f.total).padStart(10)}`,
    );
  }
  for (const journey of ['browse', 'checkout'] as const) {
    const on = all.find((f) => f.telemetry === 'on' && f.journey === journey);
    const off = all.find((f) => f.telemetry === 'off' && f.journey === journey);
    if (on && off) console.log(`${journey}: telemetry on/off throughput ratio ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(3)} (overhead ${((1 - on.requestsPerSecond / off.requestsPerSecond) * 100).toFixed(1)}%)`);
  }
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(all, null, 2)}\n`);
} finally {
  await postgres.destroy();
}
