/**
 * Where project files live, defined once. Paths are relative to the repository root
 * (synth's `--root`), not to the GitOps tree: these files sit beside deploy/, where the
 * tools that read them (Terraform, a Markdown viewer) expect them.
 */
export const projectPaths = {
  /** Loaded by Terraform automatically in the environment's root module (`*.auto.tfvars.json`). */
  terraformVars: (environment: string) => `infra/terraform/envs/${environment}/strata.auto.tfvars.json`,
  architectureDoc: 'docs/architecture.md',
} as const;

/** One rendered project file; `path` is relative to the repository root. */
export interface ProjectFile {
  readonly path: string;
  readonly content: string;
}

/** Rendered project files: repository-relative path → content, in path order. */
export type ProjectFiles = ReadonlyMap<string, string>;
