import { existsSync, statSync } from 'node:fs';
import { formatFinding, verifyTree } from '@strata/verify';
import { exitCodes, UsageError, type ExitCode } from './exit-codes.ts';
import type { Output } from './output.ts';

export interface VerifyCommandOptions {
  readonly dir: string;
  /** Where docs/runbooks/ is. */
  readonly root: string;
  readonly skip: readonly string[];
  readonly json: boolean;
}

/** `strata verify`: every check on a rendered tree; exit 1 on any error finding. */
export async function verify(options: VerifyCommandOptions, output: Output): Promise<ExitCode> {
  if (!existsSync(options.dir) || !statSync(options.dir).isDirectory()) {
    throw new UsageError(`--dir ${options.dir} is not a folder (render one with \`strata synth --out ${options.dir}\`)`);
  }
  if (!existsSync(options.root) || !statSync(options.root).isDirectory()) {
    throw new UsageError(`--root ${options.root} is not a folder (it must be the repository that holds docs/runbooks/)`);
  }
  const result = await verifyTree(options.dir, { repoRoot: options.root, skip: options.skip, onCheck: (name) => output.progress.step(`verify: ${name}`) });
  output.progress.done();
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (options.json) {
    output.json({ ok: errors === 0, ...result });
  } else {
    for (const finding of result.findings) output.err(formatFinding(finding));
    const passed = result.checks.filter((c) => c.findings === 0 && c.skipped === undefined).length;
    const skipped = result.checks.filter((c) => c.skipped !== undefined);
    const skippedText = skipped.map((c) => `, ${c.name} skipped: ${c.skipped}`).join('');
    output.out(
      `verify: ${result.objects} objects in ${result.files} files, ${passed}/${result.checks.length} checks passed (${result.checks.map((c) => c.name).join(', ')})${skippedText}, ${errors} error(s)`,
    );
  }
  return errors === 0 ? exitCodes.ok : exitCodes.errors;
}
