/**
 * The real promtool (Debian's prometheus package, Prometheus 2.42) for tests: checks and
 * unit tests of rendered rules in a fresh folder. Tests that need it are skipped, with a
 * message, when it is not on the PATH.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrometheusRuleGroup } from '../slo/rules.ts';
import { toYaml } from '../yaml.ts';

export const hasPromtool = spawnSync('promtool', ['--version']).error === undefined;

/** Warns once per test file that its promtool tests are skipped. */
export function warnWithoutPromtool(what: string): void {
  if (!hasPromtool) console.warn(`SKIPPED: ${what} need promtool on the PATH (Debian package prometheus)`);
}

export interface PromtoolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr, for failure messages. */
  readonly output: string;
}

/** Runs promtool in `cwd`. */
export function runPromtool(args: readonly string[], cwd: string): Promise<PromtoolResult> {
  return new Promise((resolve) => {
    execFile('promtool', [...args], { cwd, timeout: 120_000, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr, output: `${stdout}${stderr}` });
    });
  });
}

/** Writes rule groups as `rules.yml` into a fresh folder and returns the folder. */
export function writeRules(groups: readonly PrometheusRuleGroup[] | readonly unknown[], prefix = 'strata-promtool-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'rules.yml'), toYaml([{ groups }]));
  return dir;
}

export interface RuleTestOptions {
  readonly evaluationInterval: string;
  /** The order promtool evaluates groups in; without it the order is not fixed. @default - the order of `groups` */
  readonly groupEvalOrder?: readonly string[];
  /** promtool's `tests:` entries (input_series, alert_rule_test, promql_expr_test). */
  readonly tests: readonly unknown[];
}

/** `promtool test rules` of `groups` against the given scenarios. */
export async function promtoolTestRules(groups: readonly PrometheusRuleGroup[], options: RuleTestOptions): Promise<PromtoolResult> {
  const dir = writeRules(groups);
  const order = options.groupEvalOrder ?? groups.map((g) => g.name);
  writeFileSync(
    join(dir, 'test.yml'),
    toYaml([{ rule_files: ['rules.yml'], evaluation_interval: options.evaluationInterval, group_eval_order: order, tests: options.tests }]),
  );
  return runPromtool(['test', 'rules', 'test.yml'], dir);
}
