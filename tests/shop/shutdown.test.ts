import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, startShopProcesses, type RunningShop } from '../../scripts/lib/shop-processes.ts';

/**
 * SIGTERM under load, on real processes: every request the storefront had accepted gets
 * its answer, readiness turns false first, and the process exits 0.
 */
describe('SIGTERM under load', () => {
  let shop: RunningShop;
  const logDir = mkdtempSync(join(tmpdir(), 'strata-shutdown-'));

  beforeAll(async () => {
    const portBase = 20_000 + Math.floor(Math.random() * 20_000);
    shop = await startShopProcesses({
      portBase,
      logDir,
      env: { FAULTS_ENABLED: 'true', LOG_LEVEL: 'info', SHUTDOWN_DELAY_MS: '300' },
    });
  }, 90_000);
  afterAll(async () => {
    await shop?.stop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('GIVEN the shop as `npm run shop` starts it WHEN `npm run shop:smoke` runs THEN an order is placed and read back', () => {
    const storefront = shop.members.find((m) => m.name === 'storefront');
    const run = spawnSync(process.execPath, [join(repositoryRoot, 'scripts', 'shop-smoke.ts')], {
      env: { ...process.env, SHOP_URL: storefront?.url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^smoke: checkout {2}201 order [0-9a-f-]{36} is confirmed/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('smoke: ok');
  }, 60_000);

  it('answers every in-flight request, then exits 0', async () => {
    const storefront = shop.members.find((m) => m.name === 'storefront');
    const inventory = shop.members.find((m) => m.name === 'inventory');
    if (storefront === undefined || inventory === undefined) throw new Error('shop incomplete');
    // Inventory answers slowly, so storefront requests are in flight when SIGTERM lands.
    await fetch(`${inventory.adminUrl}/faults`, { method: 'PUT', body: JSON.stringify({ delayRate: 1, delayMs: 700 }) });

    const inFlight = Array.from({ length: 40 }, () =>
      fetch(`${storefront.url}/products`, { signal: AbortSignal.timeout(20_000) }).then(
        async (r) => ({ status: r.status, ok: r.ok, body: await r.text() }),
        (error: unknown) => ({ status: 0, ok: false, body: String(error) }),
      ),
    );
    await sleep(250);
    const exited = new Promise<number | null>((resolve) => storefront.process.once('exit', (code) => resolve(code)));
    storefront.process.kill('SIGTERM');
    await sleep(100);
    const readiness = await fetch(`${storefront.url}/readyz`).then((r) => r.status, () => 0);

    const answers = await Promise.all(inFlight);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    expect(answers).toHaveLength(40);
    expect(readiness).toBe(503);
    expect(await exited).toBe(0);
  }, 60_000);
});
