/** A Kubernetes object as plain data, ready to be written as YAML. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

/** Label and annotation keys, defined once. */
export const labels = {
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  team: 'strata.dev/team',
  environment: 'strata.dev/environment',
  cluster: 'strata.dev/cluster',
  costCenter: 'strata.dev/cost-center',
} as const;

export const annotations = {
  syncWave: 'argocd.argoproj.io/sync-wave',
  /** Comma-separated `group/Kind` of the CRDs an Application installs, read by verify. */
  providesCrds: 'strata.dev/provides-crds',
  /** Comma-separated names of the services a workload calls, read by verify. */
  calls: 'strata.dev/calls',
} as const;

export const managedBy = 'strata';

/**
 * Checks an object literal against its upstream type (from kubernetes-models, at
 * compile time only) and returns it as plain data. A misspelt field fails `tsc`.
 */
export function typed<T extends { readonly apiVersion: string; readonly kind: string }>(object: T): KubeObject {
  return object as unknown as KubeObject;
}
