import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Copies a rendered tree, so that a test can damage the copy. */
export function copyTree(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}

/** Replaces the first occurrence of `search` in a file; fails loudly when it is absent. */
export function replaceInFile(path: string, search: string, replacement: string): void {
  const content = readFileSync(path, 'utf8');
  if (!content.includes(search)) throw new Error(`${path} does not contain ${JSON.stringify(search)}`);
  writeFileSync(path, content.replace(search, replacement));
}

/** Every file under a folder, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
