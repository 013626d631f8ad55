import { compare, type Platform } from '@strata/model';
import type { Component } from '../component.ts';
import { renderArchitectureDoc } from './architecture-doc.ts';
import type { ProjectFile, ProjectFiles } from './paths.ts';
import { renderTerraformVars } from './terraform-vars.ts';

/**
 * The files synth writes beside the GitOps tree, at known paths relative to the
 * repository root: the Terraform variables of each environment and the architecture
 * document. Only these paths are ever written or compared; nothing else is touched.
 */
export function renderProjectFiles(platform: Platform, components: readonly Component[]): ProjectFiles {
  const files: ProjectFile[] = [
    ...platform.environments.map((environment) => renderTerraformVars(platform, environment)),
    renderArchitectureDoc(platform, components),
  ];
  const byPath = new Map<string, string>();
  for (const file of files) {
    if (byPath.has(file.path)) throw new Error(`two renderers wrote ${file.path}`);
    byPath.set(file.path, file.content);
  }
  return new Map([...byPath].sort(([a], [b]) => compare(a, b)));
}
