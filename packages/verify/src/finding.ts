/** How bad a finding is: errors fail `strata verify`, warnings are printed only. */
export type Severity = 'error' | 'warning';

/**
 * One problem found in a rendered tree, printed as
 * `error PSS-restricted/capabilities deploy/clusters/dev-local/orders/deployment.yaml Deployment/shop/orders: container "app" does not drop ALL capabilities`.
 */
export interface Finding {
  readonly severity: Severity;
  /** Stable check id, e.g. `schema`, `PSS-restricted/capabilities`, `gitops/path`. */
  readonly check: string;
  /** Path of the file, relative to the tree's parent (e.g. `deploy/clusters/dev-local/orders/deployment.yaml`). */
  readonly file: string;
  /** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects; empty for file-level findings. */
  readonly object: string;
  readonly message: string;
}

export function formatFinding(finding: Finding): string {
  const where = finding.object === '' ? finding.file : `${finding.file} ${finding.object}`;
  return `${finding.severity} ${finding.check} ${where}: ${finding.message}`;
}
