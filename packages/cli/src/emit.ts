import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { treeReadmeTitle, type ProjectFiles, type Tree } from '@strata/render';
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

/** How the project files differ from the rendered ones: missing or changed. Nothing else under the root is looked at. */
export interface ProjectDrift {
  readonly added: readonly string[];
  readonly changed: readonly string[];
}

/**
 * Checks that project files can go under `root`: it is an existing folder, and no project
 * file would land inside the GitOps tree `out` (whose next synth would delete it).
 */
export function checkProjectRoot(root: string, out: string, files: ProjectFiles): void {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${root} is not a folder (it must be the repository root)`);
  const tree = resolve(out);
  const inside = [...files.keys()].find((file) => `${resolve(root, file)}`.startsWith(`${tree}${sep}`));
  if (inside !== undefined) {
    throw new UsageError(
      `project file ${join(root, inside)} would be inside the GitOps tree ${out}, which synth prunes; choose an --out and a --root that do not overlap`,
    );
  }
}

/** Compares the project files at their known paths under `root`. */
export function diffProjectFiles(root: string, files: ProjectFiles): ProjectDrift {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [file, content] of files) {
    const path = join(root, file);
    if (!existsSync(path)) added.push(file);
    else if (!statSync(path).isFile() || readFileSync(path, 'utf8') !== content) changed.push(file);
  }
  return { added, changed };
}

/**
 * Writes the project files that are missing or differ, at their known paths under `root`,
 * creating their folders. Never deletes anything and never touches any other file.
 */
export async function writeProjectFiles(root: string, files: ProjectFiles): Promise<{ written: string[] }> {
  const { added, changed } = diffProjectFiles(root, files);
  const pending = [...files.keys()].filter((file) => added.includes(file) || changed.includes(file));
  try {
    for (const file of pending) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), files.get(file) ?? '');
    }
  } catch (error) {
    throw new UsageError(`--root ${root} cannot be written: ${describeFsError(error)}`);
  }
  return { written: pending };
}
