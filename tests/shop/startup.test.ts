import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** The process contract of every service: a bad variable is one line on stderr and exit 1. */
describe('a service started with bad configuration', () => {
  it.each(['storefront', 'orders', 'inventory'])('GIVEN PORT=http and a bad URL WHEN %s starts THEN it prints one line naming both and exits 1', (name) => {
    const run = spawnSync(process.execPath, [join(root, 'services', name, 'src', 'main.ts')], {
      env: { PATH: process.env.PATH, PORT: 'http', DATABASE_URL: 'mysql://db/x', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${name}: bad configuration: PORT="http": must be a number; DATABASE_URL="mysql://db/x": must start with postgres:// or postgresql://`,
    ]);
  });
});
