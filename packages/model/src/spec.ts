/**
 * What a platform engineer writes in `platform/index.ts`. Every option is optional
 * unless it has no sensible default; `normalize` resolves the defaults once.
 */

export interface PlatformSpec {
  readonly platform: PlatformMetaSpec;
  /** Environments by name (names are free: dev, stage, prod, …). */
  readonly environments: Readonly<Record<string, EnvironmentSpec>>;
  readonly clusters: readonly ClusterSpec[];
  readonly teams: readonly TeamSpec[];
  /** @default [] */
  readonly services?: readonly ServiceSpec[];
  /** @default - every add-on with its defaults */
  readonly addons?: AddonsSpec;
}

export interface PlatformMetaSpec {
  /** DNS label naming the platform, used in labels and the platform AppProject. */
  readonly name: string;
  /** Base DNS domain, e.g. `strata.example.com`. */
  readonly domain: string;
  /** The Git repository Argo CD reads the rendered tree from. */
  readonly repo: RepoSpec;
  /**
   * Namespace of the ingress controller, allowed to reach publicly exposed services.
   * @default 'ingress-nginx'
   */
  readonly ingressNamespace?: string;
  /** @default 'nginx' */
  readonly ingressClassName?: string;
  /**
   * Namespace of Prometheus, allowed to scrape every service's metrics port.
   * @default 'monitoring'
   */
  readonly monitoringNamespace?: string;
}

export interface RepoSpec {
  /** e.g. `https://github.com/acme/platform.git` */
  readonly url: string;
  /** @default 'main' */
  readonly revision?: string;
  /** Folder of the rendered tree inside the repository. @default 'deploy' */
  readonly path?: string;
}

export type ResourceProfileName = 'small' | 'medium' | 'large';

export interface EnvironmentSpec {
  /** @default - automated with prune and self-heal, except for an environment named `prod` (manual) */
  readonly sync?: SyncSpec;
  /** Replicas of a service that does not set its own. @default 1 */
  readonly replicas?: number;
  /** Resources of a service that does not set its own. @default 'small' */
  readonly profile?: ResourceProfileName;
}

export interface SyncSpec {
  /** Sync on every change of Git. */
  readonly automated?: boolean;
  /** Delete what was removed from Git (automated sync only). @default true */
  readonly prune?: boolean;
  /** Undo changes made in the cluster (automated sync only). @default true */
  readonly selfHeal?: boolean;
  /** When syncs may (allow) or may not (deny) run. @default [] */
  readonly windows?: readonly SyncWindowSpec[];
}

export interface SyncWindowSpec {
  readonly kind: 'allow' | 'deny';
  /** Cron expression (5 fields) of the window's start, e.g. `0 8 * * 1-5`. */
  readonly schedule: string;
  /** e.g. `10h`, `30m`. */
  readonly duration: string;
  /** IANA time zone. @default 'UTC' */
  readonly timeZone?: string;
  /** Allow manual syncs during a deny window. @default true */
  readonly manualSync?: boolean;
}

export interface ClusterSpec {
  /** DNS label, unique. */
  readonly name: string;
  /** Name of an environment. */
  readonly environment: string;
  readonly provider: 'kind' | 'eks' | 'gke' | 'aks';
  /** Cloud region, e.g. `eu-west-1`; `local` for kind. */
  readonly region: string;
  /** A hub runs add-ons only; workloads run services. @default 'workload' */
  readonly role?: 'hub' | 'workload';
  /** Node pools, used by the Terraform that builds the cluster. @default [] */
  readonly nodePools?: readonly NodePoolSpec[];
}

export interface NodePoolSpec {
  readonly name: string;
  /** e.g. `m6i.large`. */
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** @default false */
  readonly spot?: boolean;
}

export interface TeamSpec {
  /** DNS label, unique. */
  readonly name: string;
  /** Identity-provider groups whose members act for the team in Argo CD. */
  readonly groups: readonly string[];
  /** Namespaces the team owns. The first is where its services run by default. */
  readonly namespaces: readonly string[];
  /** Applies to each of the team's namespaces in every environment. */
  readonly quota: QuotaSpec;
  /** Cost centre for cost reports, e.g. `CC-1234`. */
  readonly costCenter: string;
}

export interface QuotaSpec {
  /** Sum of CPU requests, e.g. `8` or `500m`. */
  readonly cpu: string;
  /** Sum of memory requests, e.g. `16Gi`. */
  readonly memory: string;
  /** Number of pods. */
  readonly pods: number;
}

export interface ServiceSpec extends ServiceSettingsSpec {
  /** DNS label, unique across the platform. */
  readonly name: string;
  /** Name of the team that owns the service. */
  readonly team: string;
  /** @default - the team's first namespace */
  readonly namespace?: string;
  /** Services this one calls; network policies allow exactly these. @default [] */
  readonly calls?: readonly string[];
  /** The service's own database. @default - none */
  readonly database?: DatabaseSpec;
  /** Overrides per environment name. @default {} */
  readonly environments?: Readonly<Record<string, ServiceSettingsSpec>>;
  /** Service level objectives: full SLOs or the shorthands `{ availability }` and `{ latency }`. @default [] */
  readonly slos?: readonly ServiceSloSpec[];
}

/** One SLO of a service: written in full, or as a shorthand over the request histogram of the telemetry contract. */
export type ServiceSloSpec = SloSpec | AvailabilitySloSpec | LatencySloSpec;

/** Bad events over all events, from two counters. */
export interface RatioIndicatorSpec {
  readonly type: 'ratio';
  /** Counter selector of the bad events, e.g. `http_server_request_duration_seconds_count{service="orders",http_response_status_code=~"5.."}`. */
  readonly errors: string;
  /** Counter selector of all events, e.g. `http_server_request_duration_seconds_count{service="orders"}`. */
  readonly total: string;
}

/** Requests slower than a histogram bucket bound, over all requests. */
export interface LatencyIndicatorSpec {
  readonly type: 'latency';
  /** Histogram name without suffix, e.g. `http_server_request_duration_seconds`. */
  readonly histogram: string;
  /** Label matchers in braces, e.g. `{service="orders"}`; `{}` for every series. */
  readonly selector: string;
  /** A bucket bound of the histogram (OpenTelemetry defaults: 0.005 … 10), e.g. 0.25. */
  readonly thresholdSeconds: number;
}

export type SloIndicatorSpec = RatioIndicatorSpec | LatencyIndicatorSpec;

/** One alerting tier (page or ticket). */
export interface SloAlertTierSpec {
  /** @default true */
  readonly enabled?: boolean;
  /** Value of the alert's `severity` label. @default - the tier's name: `page` or `ticket` */
  readonly severity?: string;
}

export interface SloAlertingSpec {
  /** Fast burn: 2% of the budget in 1 hour, or 5% in 6 hours. */
  readonly page?: SloAlertTierSpec;
  /** Slow burn: 10% of the budget in 1 day, or in 3 days. */
  readonly ticket?: SloAlertTierSpec;
}

/** What every form of SLO may set. */
interface SloCommonSpec {
  /** The rolling SLO window: `<n>d` or `<n>h`, e.g. `30d`, `28d`, `7d`. @default '30d' */
  readonly window?: string;
  /** @default - both tiers on, with severities `page` and `ticket` */
  readonly alerting?: SloAlertingSpec;
}

/** An SLO in full. Selectors name counter series; Strata owns `rate`, the windows and the aggregation. */
export interface SloSpec extends SloCommonSpec {
  /** DNS label, unique within the service, e.g. `availability`; the `slo` label of every rule. */
  readonly name: string;
  /** Percentage of good events, strictly between 0 and 100, e.g. 99.9. */
  readonly objective: number;
  readonly indicator: SloIndicatorSpec;
}

/** `{ availability: 99.9 }`: the SLO `availability`, the share of requests that are not 5xx. */
export interface AvailabilitySloSpec extends SloCommonSpec {
  readonly availability: number;
}

/** `{ latency: { objective: 99, thresholdSeconds: 0.25 } }`: the SLO `latency`, the share of requests faster than the threshold. */
export interface LatencySloSpec extends SloCommonSpec {
  readonly latency: { readonly objective: number; readonly thresholdSeconds: number };
}

/** The settings of a service that an environment may override. */
export interface ServiceSettingsSpec {
  readonly image?: ImageSpec;
  /** @default [{ name: 'http', port: 8080 }] */
  readonly ports?: readonly PortSpec[];
  /** A profile name or explicit requests and limits. @default - the environment's profile */
  readonly resources?: ResourceProfileName | ResourcesSpec;
  /** @default - liveness `/healthz` and readiness `/readyz` on the first port */
  readonly probes?: ProbesSpec;
  /** Environment variables; overrides merge by name. @default {} */
  readonly env?: Readonly<Record<string, EnvValueSpec>>;
  /** @default - the environment's replicas */
  readonly replicas?: number;
  /** `false` turns the HorizontalPodAutoscaler off. @default - min = replicas, max = 3 × replicas, 70% CPU */
  readonly autoscaling?: AutoscalingSpec | false;
  /** @default { type: 'internal' } */
  readonly expose?: ExposeSpec;
  /** Where Prometheus scrapes. @default { port: first port, path: '/metrics' } */
  readonly metrics?: { readonly port?: string; readonly path?: string };
}

export interface ImageSpec {
  /** e.g. `ghcr.io/acme/orders`. */
  readonly repository: string;
  /** An immutable tag such as `1.4.2`; `latest` is refused. */
  readonly tag?: string;
  /** `sha256:` and 64 hex digits; wins over the tag when both are set. */
  readonly digest?: string;
}

export interface PortSpec {
  /** IANA service name, e.g. `http`. */
  readonly name: string;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

export interface ResourcesSpec {
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

export interface ProbesSpec {
  readonly liveness?: ProbeSpec;
  readonly readiness?: ProbeSpec;
  /** @default - none */
  readonly startup?: ProbeSpec;
}

export interface ProbeSpec {
  readonly path: string;
  /** Port name. @default - the first port */
  readonly port?: string;
  /** @default 10 */
  readonly periodSeconds?: number;
  /** @default 3 */
  readonly failureThreshold?: number;
}

export type EnvValueSpec = string | { readonly secret: string; readonly key: string };

export interface AutoscalingSpec {
  /** @default - the service's replicas */
  readonly minReplicas?: number;
  /** @default - 3 × minReplicas */
  readonly maxReplicas?: number;
  /** @default 70 */
  readonly targetCpuUtilizationPercent?: number;
}

export type ExposeSpec = { readonly type: 'internal' } | { readonly type: 'public'; readonly host: string };

export interface DatabaseSpec {
  readonly engine: 'postgres';
  /** @default '1Gi' */
  readonly storage?: string;
}

export interface AddonsSpec {
  readonly argocd?: ArgoCdSpec;
  /** Metrics, logs, traces and alerting (render/observability). @default - every part with its defaults */
  readonly observability?: ObservabilitySpec;
}

export interface ObservabilitySpec {
  /**
   * Prometheus retention by environment name, e.g. `{ dev: '2d' }`; shorter than an SLO
   * window, error budgets cover the retention only (warning STR076).
   * @default - '15d' in prod, '7d' elsewhere, or the longest SLO window when longer
   */
  readonly retention?: Readonly<Record<string, string>>;
  /** Where Loki keeps log chunks and rules. @default - filesystem on a persistent volume */
  readonly logs?: ObjectStorageSpec;
  /** Where Tempo keeps traces. @default - filesystem on a persistent volume */
  readonly traces?: ObjectStorageSpec;
  /** @default { secretName: 'alertmanager-receivers' } */
  readonly alerting?: AlertingSpec;
}

/**
 * Object storage of one signal. Only S3 (clusters on `eks`) is supported; `kind` clusters
 * always use the filesystem, since they have no cloud storage.
 */
export interface ObjectStorageSpec {
  /** S3 bucket name; `{cluster}` is replaced by the cluster's name. @default - none: filesystem */
  readonly bucket?: string;
  /** @default - the cluster's region */
  readonly region?: string;
}

export interface AlertingSpec {
  /**
   * Kubernetes Secret in the monitoring namespace holding the receivers' webhook URLs under the
   * keys `slack-webhook-url` and `discord-webhook-url`. Created outside Git, never rendered.
   * @default 'alertmanager-receivers'
   */
  readonly secretName?: string;
}

export interface ArgoCdSpec {
  /** Argo CD cannot be turned off: it is what applies the tree. @default true */
  readonly enabled?: true;
  /** Run the controller, repo server and server highly available. @default - true in environments named prod */
  readonly ha?: boolean;
  /** Host of the Argo CD UI. @default - `argocd.<cluster>.<domain>` */
  readonly host?: string;
  /** Groups with admin rights on every project. @default [] */
  readonly adminGroups?: readonly string[];
}
