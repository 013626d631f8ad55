/**
 * Sync waves of the Applications of a cluster's app-of-apps. Argo CD syncs a wave
 * only when the previous one is healthy, so CRDs and namespaces come first.
 */
export const waves = {
  /** AppProjects, which every other Application names. */
  projects: -40,
  /** CustomResourceDefinitions used by later waves. */
  crds: -30,
  /** Argo CD itself. */
  argocd: -20,
  /** Namespaces, quotas, limit ranges, default-deny policies. */
  tenancy: -10,
  /** Platform add-ons (monitoring, ingress, …). */
  addons: 0,
  /** The services of the teams. */
  services: 10,
} as const;
