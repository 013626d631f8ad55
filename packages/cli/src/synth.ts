import { existsSync } from 'node:fs';
import { formatDiagnostic, validatePlatform, type Diagnostic } from '@strata/model';
import { defaultComponents, renderTree, type TreeSummary } from '@strata/render';
import { diffTree, writeTree, type Drift } from './emit.ts';
import { exitCodes, type ExitCode } from './exit-codes.ts';
import { loadDefinition } from './load.ts';
import type { Output } from './output.ts';

export interface SynthOptions {
  readonly platform: string;
  readonly out: string;
  readonly check: boolean;
  readonly json: boolean;
}

/** `strata synth`: load, validate, render, then write the tree or compare it (--check). */
export async function synth(options: SynthOptions, output: Output): Promise<ExitCode> {
  output.progress.step(`loading ${options.platform}`);
  const loaded = await loadDefinition(options.platform);
  const result = loaded.definition === undefined ? undefined : validatePlatform(loaded.definition);
  const diagnostics: readonly Diagnostic[] = [...loaded.diagnostics, ...(result?.diagnostics ?? [])];
  output.progress.done();
  for (const d of diagnostics) output.err(formatDiagnostic(d));
  if (result === undefined || !result.ok) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (options.json) output.json({ ok: false, diagnostics });
    else output.err(`${options.platform}: ${errors} error(s); nothing was written`);
    return exitCodes.errors;
  }
  output.progress.step('rendering');
  const { tree, summary } = renderTree(result.platform, defaultComponents);
  output.progress.done();
  if (options.check) {
    const drift = diffTree(options.out, tree);
    const drifted = drift.added.length + drift.changed.length + drift.removed.length > 0;
    if (options.json) output.json({ ok: !drifted, diagnostics, summary, drift });
    else if (drifted) reportDrift(options.out, drift, output);
    else output.out(`${options.out} is up to date (${summary.files} files)`);
    return drifted ? exitCodes.drift : exitCodes.ok;
  }
  output.progress.step(`writing ${options.out}`);
  const written = await writeTree(options.out, tree, (done, total) => output.progress.step(`writing ${options.out} (${done}/${total} files)`));
  output.progress.done();
  if (options.json) output.json({ ok: true, diagnostics, summary, ...written });
  else output.out(summaryLine(options.out, summary, written));
  return exitCodes.ok;
}

function summaryLine(out: string, summary: TreeSummary, written: { written: number; removed: number }): string {
  return `synth: ${summary.clusters} clusters, ${summary.applications} applications, ${summary.objects} objects in ${summary.files} files → ${out} (${written.written} written, ${written.removed} removed)`;
}

/** At most this many files are named; the rest are counted. --json lists them all. */
const maxDriftListed = 20;

function reportDrift(out: string, drift: Drift, output: Output): void {
  if (drift.changed.length + drift.removed.length === 0 && !existsSync(out)) {
    output.err(`${out} does not exist: run \`strata synth --out ${out}\` to write the tree`);
    return;
  }
  output.err(`${out} differs from what the definition renders:`);
  const lines = [
    ...drift.changed.map((file) => `  changed  ${out}/${file}`),
    ...drift.added.map((file) => `  missing  ${out}/${file}`),
    ...drift.removed.map((file) => `  extra    ${out}/${file}`),
  ];
  for (const line of lines.slice(0, maxDriftListed)) output.err(line);
  if (lines.length > maxDriftListed) output.err(`  … and ${lines.length - maxDriftListed} more (--json lists them all)`);
  output.err(`run \`strata synth --out ${out}\` and commit the result`);
}
