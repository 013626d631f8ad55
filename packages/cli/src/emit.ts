import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { treeReadmeTitle, type Tree } from '@strata/render';
import { listFiles } from '@strata/verify';
import { UsageError } from './exit-codes.ts';

/** Whether a folder is the root of a tree written by strata (not one of its sub-folders). */
function isTreeRoot(dir: string): boolean {
  const readme = join(dir, 'README.md');
  return existsSync(readme) && readFileSync(readme, 'utf8').startsWith(treeReadmeTitle);
}

/** The root of the rendered tree that contains `dir`, if any. */
function enclosingTree(dir: string): string | undefined {
  for (let folder = dirname(resolve(dir)); folder !== dirname(folder); folder = dirname(folder)) {
    if (isTreeRoot(folder)) return folder;
  }
  return undefined;
}

/** Files written at once: enough to keep the disk busy, few enough to stay within open-file limits. */
const writeConcurrency = 32;

/**
 * Writes the tree: changed files only, and removes files the tree no longer has.
 * Refuses to touch a non-empty folder that strata did not write.
 */
export async function writeTree(
  dir: string,
  tree: Tree,
  onProgress: (written: number, total: number) => void = () => {},
): Promise<{ written: number; removed: number }> {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${dir} is a file, not a folder`);
    if (!isTreeRoot(dir) && readdirSync(dir).length > 0) {
      throw new UsageError(`--out ${dir} is not empty and was not written by strata synth; choose an empty or new folder`);
    }
  }
  const parent = enclosingTree(dir);
  if (parent !== undefined) {
    throw new UsageError(`--out ${dir} is inside the rendered tree ${relative(process.cwd(), parent) || '.'}; write the tree to its root or to a new folder`);
  }
  const present = new Set(listFiles(dir));
  let removed = 0;
  for (const file of present) {
    if (!tree.has(file)) {
      rmSync(join(dir, file));
      removed++;
    }
  }
  removeEmptyFolders(dir);
  const pending = [...tree].filter(([file, content]) => !present.has(file) || readFileSync(join(dir, file), 'utf8') !== content);
  try {
    for (const folder of new Set(pending.map(([file]) => dirname(join(dir, file))))) mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${dir} cannot be written: ${describeFsError(error)}`);
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const index = next++;
      const [file, content] = pending[index] ?? ['', ''];
      await writeFile(join(dir, file), content);
      if (index % 500 === 0) onProgress(index, pending.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: writeConcurrency }, worker));
  } catch (error) {
    throw new UsageError(`--out ${dir} cannot be written: ${describeFsError(error)}`);
  }
  return { written: pending.length, removed };
}

/** `ENOTDIR: not a directory, mkdir 'x/y'` → `not a directory (x/y)`. */
function describeFsError(error: unknown): string {
  const { code, path, message } = error as { code?: string; path?: string; message?: string };
  if (code === undefined) return message ?? String(error);
  const reason = (message ?? code).replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return path === undefined ? reason : `${reason} (${relative(process.cwd(), path) || path})`;
}

function removeEmptyFolders(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    removeEmptyFolders(path);
    if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
  }
}

export interface Drift {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** How the folder differs from the tree: files the tree would add, change or remove. */
export function diffTree(dir: string, tree: Tree): Drift {
  const present = new Set(listFiles(dir));
  const added: string[] = [];
  const changed: string[] = [];
  for (const [file, content] of tree) {
    if (!present.has(file)) added.push(file);
    else if (readFileSync(join(dir, file), 'utf8') !== content) changed.push(file);
  }
  const removed = [...present].filter((file) => !tree.has(file));
  return { added, changed, removed };
}
