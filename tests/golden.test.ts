/**
 * The golden tree: deploy/ is committed and reviewed like code, so it must be
 * exactly what the reference definition renders. When this fails after a change
 * to a renderer or to platform/, run `strata synth` and review the diff of deploy/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, validatePlatform } from '@strata/model';
import { defaultComponents, renderTree } from '@strata/render';
import { platform } from '../platform/index.ts';

const deployDir = fileURLToPath(new URL('../deploy', import.meta.url));

/** Every file under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function renderReference(): ReadonlyMap<string, string> {
  const result = validatePlatform(platform);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return renderTree(result.platform, defaultComponents).tree;
}

describe('golden tree', () => {
  const rendered = renderReference();
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
