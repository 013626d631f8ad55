/**
 * Running the terraform CLI in tests: only what works without providers here (fmt, init
 * and test of provider-free configurations, console), in scratch folders under build/.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { blocks, isRecord, loadTerraformConfig, type TerraformConfig } from '../../packages/verify/src/terraform/parse.ts';
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

/** Whether a configuration needs no provider at all: no resources, providers or module calls. */
function isProviderFree(config: TerraformConfig): boolean {
  const configuresProviders = [...config.bodies.values()].some((body) => isRecord(body.provider));
  return config.resources.length === 0 && config.requiredProviders.length === 0 && config.moduleCalls.length === 0 && !configuresProviders;
}

/** Whether the parsed value of a block or attribute refers to one of `addresses` (`aws_s3_bucket.this`, `module.eks`, `local.x`). */
function refersTo(value: unknown, addresses: readonly string[]): boolean {
  const text = JSON.stringify(value);
  return addresses.some((address) => new RegExp(`(?<![\\w.])${address.replace(/\./g, '\\.')}\\b`).test(text));
}

/**
 * Writes into `dest` what of the configuration in `source` Terraform can plan without
 * providers, and says whether there was any: a configuration that needs no provider, whole;
 * otherwise its variables.tf, its check blocks, its calls of local modules that hold such a
 * part (each reduced the same way into `dest/modules/<call>`), and the locals that refer to
 * nothing left out. Resources, data sources, providers, outputs and the other module calls
 * are left out, so the arguments of a kept module call must not refer to them. A plan of the
 * copy runs the variable validations and checks of the configuration and of the modules kept.
 */
export async function writeProviderFreeCopy(source: string, dest: string): Promise<boolean> {
  const config = await loadTerraformConfig(source);
  if (config.parseErrors.length > 0) throw new Error(`${source}: ${config.parseErrors.map((e) => `${e.file}: ${e.message}`).join('; ')}`);
  if (isProviderFree(config)) {
    mkdirSync(dest, { recursive: true });
    for (const file of config.files) copyFileSync(join(source, file), join(dest, file));
    return true;
  }
  const modules: Record<string, unknown> = {};
  const leftOut = config.resources.map((r) => r.address);
  for (const call of config.moduleCalls) {
    const local = call.source !== undefined && (call.source.startsWith('./') || call.source.startsWith('../'));
    if (local && (await writeProviderFreeCopy(resolve(source, call.source ?? ''), join(dest, 'modules', call.name)))) {
      modules[call.name] = [{ ...call.arguments, source: `./modules/${call.name}` }];
    } else {
      leftOut.push(`module.${call.name}`);
    }
  }
  const bodies = [...config.bodies.values()];
  const checks = Object.fromEntries(bodies.flatMap((body) => Object.entries(isRecord(body.check) ? body.check : {})).filter(([, check]) => !refersTo(check, leftOut)));
  const locals = new Map(bodies.flatMap((body) => blocks(body, 'locals')).flatMap((block) => Object.entries(block)));
  // A local that refers to one left out goes too, until none does.
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const [name, value] of locals) {
      if (refersTo(value, leftOut)) {
        locals.delete(name);
        leftOut.push(`local.${name}`);
        dropped = true;
      }
    }
  }
  if (Object.keys(modules).length === 0 && Object.keys(checks).length === 0) return false;
  mkdirSync(dest, { recursive: true });
  if (existsSync(join(source, 'variables.tf'))) copyFileSync(join(source, 'variables.tf'), join(dest, 'variables.tf'));
  // hcl2json's output is Terraform's JSON syntax: the blocks kept, unchanged but for module sources.
  const main = {
    ...(locals.size > 0 ? { locals: Object.fromEntries(locals) } : {}),
    ...(Object.keys(checks).length > 0 ? { check: checks } : {}),
    ...(Object.keys(modules).length > 0 ? { module: modules } : {}),
  };
  writeFileSync(join(dest, 'main.tf.json'), JSON.stringify(main, null, 2));
  return true;
}
