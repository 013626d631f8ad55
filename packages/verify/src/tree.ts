/** A Kubernetes object as read from a YAML document of the rendered tree. */
export interface KubeObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: {
    readonly name?: unknown;
    readonly namespace?: unknown;
    readonly labels?: Record<string, unknown>;
    readonly annotations?: Record<string, unknown>;
  };
  readonly [field: string]: unknown;
}

/** One YAML document of one file of the tree. */
export interface TreeObject {
  /** File path as shown to users, e.g. `deploy/clusters/dev-local/orders/deployment.yaml`. */
  readonly file: string;
  /** Index of the document within its file (0 for single-document files). */
  readonly index: number;
  readonly object: KubeObject;
}

/** `Kind/namespace/name` or `Kind/name`, as used in findings. */
export function objectRef(object: KubeObject): string {
  const kind = typeof object.kind === 'string' ? object.kind : '?';
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '?';
  const namespace = object.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
