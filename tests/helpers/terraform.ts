/**
 * Running the terraform CLI in tests: only what works without providers here (fmt, init
 * and test of provider-free configurations, console), in scratch folders under build/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './strata.ts';

export const terraformDir = join(repoRoot, 'infra', 'terraform');

export interface TerraformRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An empty CLI config silences terraform's warning about a missing ~/.terraformrc. */
function cliConfigFile(): string {
  const path = join(repoRoot, 'build', 'terraformrc-empty');
  mkdirSync(join(repoRoot, 'build'), { recursive: true });
  writeFileSync(path, '');
  return path;
}

export function runTerraform(args: readonly string[], options: { cwd: string; input?: string; env?: Record<string, string>; timeoutMs?: number }): TerraformRun {
  const result = spawnSync('terraform', [...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile(), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', ...options.env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Whether the terraform CLI is on the PATH. */
export function terraformAvailable(): boolean {
  return spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
}

/**
 * A scratch folder `levels` folders below the repository root (build/<purpose>/<random>/…),
 * so that relative paths such as `../../../../deploy` resolve as they do from the real
 * configuration. build/ is ignored by Git; the caller removes build/<purpose>/<random>.
 */
export function scratchDir(purpose: string, ...below: string[]): { root: string; dir: string } {
  const parent = join(repoRoot, 'build', purpose);
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, 'run-'));
  const dir = join(root, ...below);
  mkdirSync(dir, { recursive: true });
  return { root, dir };
}

/** `Success! 4 passed, 0 failed.` → 4; undefined when terraform test did not succeed. */
export function passedRuns(output: string): number | undefined {
  const match = /Success! (\d+) passed, 0 failed\./.exec(output);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
