/**
 * The normalized platform: the definition with every default applied and every
 * per-environment override resolved. Renderers only ever see these types.
 */
import type { ResourceProfileName, SloIndicatorSpec } from './spec.ts';

export interface Platform {
  readonly name: string;
  readonly domain: string;
  readonly repo: { readonly url: string; readonly revision: string; readonly path: string };
  readonly ingressNamespace: string;
  readonly ingressClassName: string;
  readonly monitoringNamespace: string;
  /** In declaration order. */
  readonly environments: readonly Environment[];
  /** Sorted by name. */
  readonly clusters: readonly Cluster[];
  /** Sorted by name. */
  readonly teams: readonly Team[];
  /** Sorted by name. */
  readonly services: readonly Service[];
  readonly addons: Addons;
}

export interface Environment {
  readonly name: string;
  readonly sync: SyncPolicy;
  readonly replicas: number;
  readonly profile: ResourceProfileName;
}

export interface SyncPolicy {
  readonly automated: boolean;
  readonly prune: boolean;
  readonly selfHeal: boolean;
  readonly windows: readonly SyncWindow[];
}

export interface SyncWindow {
  readonly kind: 'allow' | 'deny';
  readonly schedule: string;
  readonly duration: string;
  readonly timeZone: string;
  readonly manualSync: boolean;
}

export interface Cluster {
  readonly name: string;
  readonly environment: string;
  readonly provider: 'kind' | 'eks' | 'gke' | 'aks';
  readonly region: string;
  readonly role: 'hub' | 'workload';
  readonly nodePools: readonly NodePool[];
}

export interface NodePool {
  readonly name: string;
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly spot: boolean;
}

export interface Team {
  readonly name: string;
  readonly groups: readonly string[];
  readonly namespaces: readonly string[];
  readonly quota: { readonly cpu: string; readonly memory: string; readonly pods: number };
  readonly costCenter: string;
}

export interface Service {
  readonly name: string;
  readonly team: string;
  readonly namespace: string;
  /** Sorted by name. */
  readonly calls: readonly string[];
  readonly database: { readonly engine: 'postgres'; readonly storage: string } | undefined;
  /** The settings in force in each environment, overrides applied, by environment name. */
  readonly environments: Readonly<Record<string, ServiceSettings>>;
  /** Its SLOs, shorthands expanded, sorted by name. */
  readonly slos: readonly Slo[];
}

export interface ServiceSettings {
  readonly image: Image;
  readonly ports: readonly Port[];
  readonly resources: Resources;
  readonly probes: Probes;
  /** Sorted by name. */
  readonly env: readonly EnvVar[];
  readonly replicas: number;
  readonly autoscaling: Autoscaling | undefined;
  readonly expose: { readonly type: 'internal' } | { readonly type: 'public'; readonly host: string };
  readonly metrics: { readonly port: string; readonly path: string };
}

export interface Image {
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

export interface Port {
  readonly name: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export interface Probes {
  readonly liveness: Probe;
  readonly readiness: Probe;
  readonly startup: Probe | undefined;
}

export interface Probe {
  readonly path: string;
  readonly port: string;
  readonly periodSeconds: number;
  readonly failureThreshold: number;
}

export type EnvVar =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly secret: string; readonly key: string };

export interface Autoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilizationPercent: number;
}

export type SloTierName = 'page' | 'ticket';

/** One long/short window pair: the alert fires when both burn faster than `factor`. */
export interface BurnRateWindow {
  readonly long: string;
  readonly short: string;
  readonly longSeconds: number;
  readonly shortSeconds: number;
  readonly factor: number;
}

export interface BurnRateTier {
  readonly tier: SloTierName;
  readonly severity: string;
  readonly windows: readonly BurnRateWindow[];
}

/** An SLO with every default applied: what renderers see. */
export interface Slo {
  readonly service: string;
  /** The owning team (the `team` label that routes its alerts); undefined outside a platform. */
  readonly team: string | undefined;
  readonly name: string;
  /** Percent, e.g. 99.9. */
  readonly objective: number;
  /** As written, e.g. `30d`. */
  readonly window: string;
  readonly windowSeconds: number;
  /** 1 − objective / 100, e.g. 0.001. */
  readonly errorBudget: number;
  readonly indicator: SloIndicatorSpec;
  /** Enabled tiers only, page first. */
  readonly tiers: readonly BurnRateTier[];
}

export interface Addons {
  readonly argocd: ArgoCd;
  readonly observability: Observability;
}

export interface Observability {
  /** Prometheus retention (e.g. `15d`), per environment name. */
  readonly retention: Readonly<Record<string, string>>;
  /** Loki's storage, per cluster name. */
  readonly logs: Readonly<Record<string, ObjectStorage>>;
  /** Tempo's storage, per cluster name. */
  readonly traces: Readonly<Record<string, ObjectStorage>>;
  readonly alerting: Alerting;
}

/** A bucket with `{cluster}` resolved, or the filesystem of a persistent volume. */
export type ObjectStorage =
  | { readonly type: 'filesystem' }
  | { readonly type: 's3'; readonly bucket: string; readonly region: string };

export interface Alerting {
  /** Secret with the keys `slack-webhook-url` and `discord-webhook-url`, mounted into Alertmanager. */
  readonly secretName: string;
}

export interface ArgoCd {
  /** Per environment name. */
  readonly ha: Readonly<Record<string, boolean>>;
  /** Per cluster name. */
  readonly host: Readonly<Record<string, string>>;
  readonly adminGroups: readonly string[];
}

/** The environment a cluster belongs to. */
export function environmentOf(platform: Platform, cluster: Cluster): Environment {
  const environment = platform.environments.find((e) => e.name === cluster.environment);
  if (environment === undefined) throw new Error(`cluster ${cluster.name} has no environment (normalize was skipped)`);
  return environment;
}

/** The services that run on a cluster: every service, on workload clusters. */
export function servicesOn(platform: Platform, cluster: Cluster): readonly Service[] {
  return cluster.role === 'workload' ? platform.services : [];
}

/** The settings of a service in force on a cluster. */
export function settingsOn(service: Service, cluster: Cluster): ServiceSettings {
  const settings = service.environments[cluster.environment];
  if (settings === undefined) throw new Error(`service ${service.name} has no settings for ${cluster.environment}`);
  return settings;
}

/** `repo@sha256:…` or `repo:tag`. */
export function imageReference(image: Image): string {
  return image.digest !== undefined ? `${image.repository}@${image.digest}` : `${image.repository}:${image.tag ?? ''}`;
}
