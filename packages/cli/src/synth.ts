import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatDiagnostic, validatePlatform, type Diagnostic } from '@strata/model';
import { defaultComponents, renderProjectFiles, renderTree, type ProjectFiles, type TreeSummary } from '@strata/render';
import { checkProjectRoot, diffProjectFiles, diffTree, writeProjectFiles, writeTree, type Drift, type ProjectDrift } from './emit.ts';
import { exitCodes, type ExitCode } from './exit-codes.ts';
import { loadDefinition } from './load.ts';
import type { Output } from './output.ts';

export interface SynthOptions {
  readonly platform: string;
  /** The GitOps tree's folder. */
  readonly out: string;
  /** The repository root: project files are written at their known paths under it. */
  readonly root: string;
  readonly check: boolean;
  readonly json: boolean;
}

/**
 * `strata synth`: load, validate, render, then write the GitOps tree and the project
 * files (Terraform variables, architecture document), or compare both (--check).
 */
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
  const project = renderProjectFiles(result.platform, defaultComponents);
  output.progress.done();
  checkProjectRoot(options.root, options.out, project);
  const files = [...project.keys()];
  if (options.check) {
    const drift = diffTree(options.out, tree);
    const projectDrift = diffProjectFiles(options.root, project);
    const drifted = drift.added.length + drift.changed.length + drift.removed.length + projectDrift.added.length + projectDrift.changed.length > 0;
    if (options.json) output.json({ ok: !drifted, diagnostics, summary, drift, project: { root: options.root, files, drift: projectDrift } });
    else if (drifted) reportDrift(options, drift, projectDrift, output);
    else {
      output.out(`${options.out} is up to date (${summary.files} files)`);
      output.out(`project files are up to date (${project.size} files under ${options.root})`);
    }
    return drifted ? exitCodes.drift : exitCodes.ok;
  }
  output.progress.step(`writing ${options.out}`);
  const written = await writeTree(options.out, tree, (done, total) => output.progress.step(`writing ${options.out} (${done}/${total} files)`));
  output.progress.step(`writing project files under ${options.root}`);
  const projectWritten = await writeProjectFiles(options.root, project);
  output.progress.done();
  if (options.json) output.json({ ok: true, diagnostics, summary, ...written, project: { root: options.root, files, written: projectWritten.written } });
  else {
    output.out(summaryLine(options.out, summary, written));
    output.out(projectSummaryLine(options.root, project, projectWritten.written));
  }
  return exitCodes.ok;
}

function summaryLine(out: string, summary: TreeSummary, written: { written: number; removed: number }): string {
  return `synth: ${summary.clusters} clusters, ${summary.applications} applications, ${summary.objects} objects in ${summary.files} files → ${out} (${written.written} written, ${written.removed} removed)`;
}

/** Project files live outside the tree, among files people edit: name each one written. */
function projectSummaryLine(root: string, project: ProjectFiles, written: readonly string[]): string {
  return `synth: ${project.size} project files → ${root} (${written.length} written${written.length > 0 ? `: ${written.join(', ')}` : ''})`;
}

/** At most this many files are named; the rest are counted. --json lists them all. */
const maxDriftListed = 20;

function reportDrift(options: SynthOptions, drift: Drift, projectDrift: ProjectDrift, output: Output): void {
  const { out, root } = options;
  const rerun = `strata synth${out === 'deploy' ? '' : ` --out ${out}`}${root === dirname(out) ? '' : ` --root ${root}`}`;
  const treeDrifted = drift.added.length + drift.changed.length + drift.removed.length > 0;
  const projectDrifted = projectDrift.added.length + projectDrift.changed.length > 0;
  const treeAbsent = treeDrifted && drift.changed.length + drift.removed.length === 0 && !existsSync(out);
  if (treeAbsent) {
    output.err(`${out} does not exist: run \`strata synth --out ${out}\` to write the tree`);
    if (!projectDrifted) return;
  }
  const sections: { header: string; entries: string[] }[] = [];
  if (treeDrifted && !treeAbsent) {
    sections.push({
      header: `${out} differs from what the definition renders:`,
      entries: [
        ...drift.changed.map((file) => `  changed  ${out}/${file}`),
        ...drift.added.map((file) => `  missing  ${out}/${file}`),
        ...drift.removed.map((file) => `  extra    ${out}/${file}`),
      ],
    });
  }
  if (projectDrifted) {
    sections.push({
      header: 'project files differ from what the definition renders:',
      entries: [
        ...projectDrift.changed.map((file) => `  changed  ${join(root, file)}`),
        ...projectDrift.added.map((file) => `  missing  ${join(root, file)}`),
      ],
    });
  }
  let budget = maxDriftListed;
  let unlisted = 0;
  for (const { header, entries } of sections) {
    output.err(header);
    for (const line of entries.slice(0, budget)) output.err(line);
    unlisted += Math.max(0, entries.length - budget);
    budget = Math.max(0, budget - entries.length);
  }
  if (unlisted > 0) output.err(`  … and ${unlisted} more (--json lists them all)`);
  output.err(`run \`${rerun}\` and commit the result`);
}
