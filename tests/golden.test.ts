/**
 * The golden tree: deploy/ is committed and reviewed like code, so it must be
 * exactly what the reference definition renders; so must the project files beside it
 * (infra/terraform/envs/<env>/strata.auto.tfvars.json, docs/architecture.md). When this
 * fails after a change to a renderer or to platform/, run `strata synth` and review the diff.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, validatePlatform } from '@strata/model';
import { defaultComponents, renderProjectFiles, renderTree, type ProjectFiles } from '@strata/render';
import { platform } from '../platform/index.ts';

const deployDir = fileURLToPath(new URL('../deploy', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Every file under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function renderReference(): { tree: ReadonlyMap<string, string>; project: ProjectFiles } {
  const result = validatePlatform(platform);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return { tree: renderTree(result.platform, defaultComponents).tree, project: renderProjectFiles(result.platform, defaultComponents) };
}

const reference = renderReference();

describe('golden tree', () => {
  const rendered = reference.tree;
  const committed = filesUnder(deployDir);

  it('GIVEN the reference platform WHEN rendered in memory THEN deploy/ has exactly the same files, none missing and none extra', () => {
    const renderedPaths = [...rendered.keys()].sort();
    expect({
      missing: renderedPaths.filter((p) => !committed.includes(p)),
      extra: committed.filter((p) => !rendered.has(p)),
    }).toEqual({ missing: [], extra: [] });
  });

  it('GIVEN the reference platform WHEN rendered in memory THEN every file of deploy/ equals the rendered one byte for byte', () => {
    const present = [...rendered].filter(([path]) => committed.includes(path));
    expect(present.length).toBeGreaterThan(0);
    // Soft, so that one run shows the diff of every file that differs, not only the first.
    for (const [path, content] of present) expect.soft(readFileSync(join(deployDir, path), 'utf8'), path).toBe(content);
  });
});

describe('golden project files', () => {
  it('GIVEN the reference platform WHEN its project files are rendered in memory THEN each committed one equals it byte for byte', () => {
    expect([...reference.project.keys()].filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
    for (const [path, content] of reference.project) expect.soft(readFileSync(join(repoRoot, path), 'utf8'), path).toBe(content);
  });
});
