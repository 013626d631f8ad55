/**
 * `npm run shop`: starts storefront, orders and inventory on loopback, each with its own
 * embedded database (PGlite, nothing to install), waits until all three are ready,
 * prints their URLs, and stops them on Ctrl-C.
 *
 *   SHOP_PORT_BASE=8080   storefront gets it, orders +1, inventory +2 (admin ports +1000)
 *   SHOP_FAULTS=true      opens each service's fault-injection admin port
 */
import { join } from 'node:path';
import { repositoryRoot, startShopProcesses, type RunningShop } from './lib/shop-processes.ts';

const base = Number(process.env.SHOP_PORT_BASE ?? '8080');
if (!Number.isInteger(base) || base < 1 || base > 64_000) {
  console.error(`shop: SHOP_PORT_BASE=${JSON.stringify(process.env.SHOP_PORT_BASE)} must be a port from 1 to 64000`);
  process.exit(2);
}
const logDir = join(repositoryRoot, 'build', 'shop');
const started = Date.now();
console.log(`shop: starting inventory, orders and storefront on ports ${base}–${base + 2} (embedded databases)…`);
let shop: RunningShop | undefined;
try {
  shop = await startShopProcesses({
    portBase: base,
    logDir,
    env: { FAULTS_ENABLED: process.env.SHOP_FAULTS ?? 'false' },
    onUnexpectedExit: (_name, description) => {
      console.error(`shop: ${description}`);
      void shop?.stop().then(() => process.exit(1));
    },
  });
} catch (error) {
  console.error(`shop: ${(error as Error).message}`);
  process.exit(1);
}
const running = shop;
const stop = (): void => {
  console.log('shop: stopping…');
  void running.stop().then((codes) => {
    console.log(`shop: stopped (exit codes ${Object.entries(codes).map(([n, c]) => `${n} ${c}`).join(', ')})`);
    process.exit(0);
  });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
console.log(`shop: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const member of [...running.members].reverse()) {
  console.log(`  ${member.name.padEnd(10)} ${member.url}${member.name === 'storefront' ? '   the public API: try /products' : ''}`);
}
console.log(`  OpenAPI at /openapi.json, metrics at /metrics, logs in ${logDir}`);
console.log('try `npm run shop:smoke` in another terminal; Ctrl-C stops the shop');
