/**
 * The k6 load scripts cannot run here (no k6), so this proves what can be proven: they
 * type-check against @types/k6 with their own tsconfig (k6's API, no Node types), and that
 * check does catch a script that misuses k6's API.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/strata.ts';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const loadConfig = join(repoRoot, 'tests/load/tsconfig.json');

/** A project of one script, checked with the load scripts' compiler options. */
function checkScript(name: string, source: string): { status: number | null; output: string } {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: loadConfig, include: ['*.ts'] }));
  writeFileSync(join(dir, 'bad.ts'), source);
  return runTsc(['-p', join(dir, 'tsconfig.json')]);
}

function runTsc(args: readonly string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [tsc, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// Inside the repository, so that `k6/http` resolves through node_modules/@types/k6.
mkdirSync(join(repoRoot, 'build'), { recursive: true });
const scratch = mkdtempSync(join(repoRoot, 'build', 'load-typecheck-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('k6 load scripts', () => {
  it('GIVEN tests/load/tsconfig.json WHEN tsc checks it THEN browse.ts, checkout.ts and slo.ts type-check with no error', () => {
    const run = runTsc(['-p', loadConfig]);

    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });

  it('GIVEN the load tsconfig WHEN tsc lists its program THEN it holds the three scripts and k6’s types, not Node’s', () => {
    const run = runTsc(['-p', loadConfig, '--listFilesOnly']);
    const files = run.output
      .split('\n')
      .filter((line) => line !== '')
      .map((file) => relative(repoRoot, file));

    expect(run.status).toBe(0);
    expect(files).toEqual(expect.arrayContaining(['tests/load/browse.ts', 'tests/load/checkout.ts', 'tests/load/slo.ts']));
    expect(files.some((file) => file.startsWith('node_modules/@types/k6/'))).toBe(true);
    expect(files.filter((file) => file.startsWith('node_modules/@types/node/'))).toEqual([]);
  });

  it.each(['browse', 'checkout'])('GIVEN %s.ts WHEN k6 would load it THEN each scenario’s exec names a function the script exports (there is no default export)', (name) => {
    const source = readFileSync(join(repoRoot, 'tests/load', `${name}.ts`), 'utf8');
    const execs = [...source.matchAll(/\bexec: '(\w+)'/g)].map((m) => m[1]);
    const scenarios = [...source.matchAll(/\bexecutor: '/g)].length;

    expect(execs).toEqual([name]);
    expect(scenarios).toBe(execs.length);
    expect(source).toContain(`export function ${name}(): void {`);
    expect(source).not.toMatch(/export default/);
  });

  it('GIVEN a script that calls http.get with a number WHEN tsc checks it with the same options THEN it fails with TS2345', () => {
    const run = checkScript('number-url', "import http from 'k6/http';\n\nexport default function (): void {\n  http.get(8080);\n}\n");

    expect(run.status).toBe(2);
    expect(run.output).toContain("bad.ts(4,12): error TS2345: Argument of type 'number' is not assignable to parameter of type 'string | HttpURL'.");
  });

  it('GIVEN a script that uses a Node API WHEN tsc checks it THEN it fails with TS2591: k6 has no `process`', () => {
    const run = checkScript('node-api', 'export const baseUrl: string = process.env.BASE_URL ?? "";\n');

    expect(run.status).toBe(2);
    expect(run.output).toContain("bad.ts(1,32): error TS2591: Cannot find name 'process'.");
  });
});

describe('k6 thresholds from the SLOs', () => {
  it('GIVEN the reference platform WHEN its SLOs are normalized THEN the k6 thresholds are their objectives and latency thresholds', async () => {
    const { platform } = await import('../platform/index.ts');
    const { validatePlatform } = await import('@strata/model');
    const { availabilityThreshold, browseP99Ms, checkoutP99Ms } = await import('./load/slo.ts');
    const result = validatePlatform(platform);
    if (!result.ok) throw new Error('the reference platform does not validate');
    const slo = (service: string, name: string) => result.platform.services.find((s) => s.name === service)?.slos.find((s) => s.name === name);
    const latencyMs = (service: string) => {
      const indicator = slo(service, 'latency')?.indicator;
      return indicator?.type === 'latency' ? indicator.thresholdSeconds * 1000 : undefined;
    };
    const strictest = Math.max(...result.platform.services.flatMap((s) => s.slos).filter((s) => s.name === 'availability').map((s) => s.objective));

    expect([browseP99Ms, checkoutP99Ms]).toEqual([latencyMs('inventory'), latencyMs('orders')]);
    expect(availabilityThreshold).toBe(`rate<${Number((1 - strictest / 100).toFixed(6))}`);
    expect(availabilityThreshold).toBe('rate<0.001');
  });
});
