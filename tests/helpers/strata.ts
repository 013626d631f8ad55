import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/** The repository root: the working directory of every `strata` run. */
export const repoRoot = resolve(import.meta.dirname, '../..');

const binDir = join(repoRoot, 'node_modules', '.bin');

/** What one run of the command gave back. */
export interface StrataRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the installed `strata` command from the repository root. The `node`
 * devDependency comes first on PATH, so the shebang finds Node 24 (type stripping)
 * rather than the system Node.
 */
export function runStrata(args: readonly string[]): StrataRun {
  const result = spawnSync(join(binDir, 'strata'), [...args], {
    cwd: repoRoot,
    env: { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder under the system temp folder; the caller removes it. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'strata-cli-'));
}

/**
 * A fresh folder inside the repository (build/ is gitignored), so that definitions
 * written there resolve `@strata/model` and `platform/` like the real one does.
 */
export function makeDefinitionsDir(): string {
  const parent = join(repoRoot, 'build', 'test-defs');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'cli-'));
}

/** The lines of a command's output, without the empty one after the last newline. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line, index, all) => !(line === '' && index === all.length - 1));
}
