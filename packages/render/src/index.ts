import type { Component } from './component.ts';
import { crds } from './crds/component.ts';
import { argocd } from './gitops/argocd.ts';
import { observability } from './observability/component.ts';
import { services } from './services/component.ts';
import { tenancy } from './tenancy/component.ts';

export { charts, type Chart, type ChartName } from './charts.ts';
export type { Component } from './component.ts';
export { renderTree, treeReadmeTitle, type Tree, type TreeSummary } from './gitops/tree.ts';
export { treePaths } from './gitops/paths.ts';
export { annotations, labels, type KubeObject } from './kube.ts';
export { addonsProject } from './naming.ts';
export { architectureDocNotice, renderArchitectureDoc } from './project/architecture-doc.ts';
export { projectPaths, type ProjectFile, type ProjectFiles } from './project/paths.ts';
export { renderProjectFiles } from './project/project-files.ts';
export { renderTerraformVars, terraformVarsOf, type TerraformVars } from './project/terraform-vars.ts';
export type { AppUnit, ChartUnit, ManifestUnit } from './unit.ts';
export { waves } from './waves.ts';
export { toYaml } from './yaml.ts';

/** The components of the platform, in the order their units are listed. New capabilities join here. */
export const defaultComponents: readonly Component[] = [crds, argocd, tenancy, observability, services];
