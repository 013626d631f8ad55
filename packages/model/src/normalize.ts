import type { ParsedSpec } from './schema.ts';
import type {
  Addons,
  Autoscaling,
  Cluster,
  Environment,
  EnvVar,
  Platform,
  ObjectStorage,
  Observability,
  Probe,
  Resources,
  Service,
  ServiceSettings,
  Team,
} from './platform.ts';
import { resourceProfiles } from './profiles.ts';
import { expandSlo, normalizeSlo } from './slo.ts';
import type { ResourceProfileName, ServiceSettingsSpec, ProbeSpec } from './spec.ts';

type ServiceSpecParsed = NonNullable<ParsedSpec['services']>[number];

/** Environments named like this sync manually and run Argo CD highly available by default. */
const productionName = 'prod';

/**
 * Applies every default, once. Total on any input the schema accepted: references
 * that do not resolve fall back to harmless values, and the rules report them.
 */
export function normalize(spec: ParsedSpec): Platform {
  const environments = Object.entries(spec.environments).map(([name, env]) => normalizeEnvironment(name, env));
  const teams = spec.teams.map(normalizeTeam);
  const clusters = spec.clusters.map(
    (c): Cluster => ({
      name: c.name,
      environment: c.environment,
      provider: c.provider,
      region: c.region,
      role: c.role ?? 'workload',
      nodePools: (c.nodePools ?? []).map((p) => ({ ...p, spot: p.spot ?? false })),
    }),
  );
  const services = (spec.services ?? []).map((s) => normalizeService(s, teams, environments));
  const argocd = spec.addons?.argocd ?? {};
  const addons: Addons = {
    argocd: {
      ha: Object.fromEntries(environments.map((e) => [e.name, argocd.ha ?? e.name === productionName])),
      host: Object.fromEntries(clusters.map((c) => [c.name, argocd.host ?? `argocd.${c.name}.${spec.platform.domain}`])),
      adminGroups: [...(argocd.adminGroups ?? [])].sort(),
    },
    observability: normalizeObservability(spec.addons?.observability ?? {}, environments, clusters, services),
  };
  return {
    name: spec.platform.name,
    domain: spec.platform.domain,
    repo: {
      url: spec.platform.repo.url,
      revision: spec.platform.repo.revision ?? 'main',
      path: spec.platform.repo.path ?? 'deploy',
    },
    ingressNamespace: spec.platform.ingressNamespace ?? 'ingress-nginx',
    ingressClassName: spec.platform.ingressClassName ?? 'nginx',
    monitoringNamespace: spec.platform.monitoringNamespace ?? 'monitoring',
    environments,
    clusters: byName(clusters),
    teams: byName(teams),
    services: byName(services),
    addons,
  };
}

type ObservabilitySpecParsed = NonNullable<NonNullable<ParsedSpec['addons']>['observability']>;

function normalizeObservability(
  spec: ObservabilitySpecParsed,
  environments: readonly Environment[],
  clusters: readonly Cluster[],
  services: readonly Service[],
): Observability {
  // Prometheus keeps at least the longest SLO window, so that error budgets cover all of it.
  const longestWindow = Math.max(0, ...services.flatMap((s) => s.slos.map((slo) => slo.windowSeconds)));
  const defaultRetention = (environment: Environment): string => {
    const days = environment.name === productionName ? 15 : 7;
    return longestWindow > days * 86400 ? `${Math.ceil(longestWindow / 86400)}d` : `${days}d`;
  };
  const storage = (signal: ObservabilitySpecParsed['logs']): Record<string, ObjectStorage> =>
    Object.fromEntries(
      clusters.map((c): [string, ObjectStorage] =>
        signal?.bucket === undefined || c.provider === 'kind'
          ? [c.name, { type: 'filesystem' }]
          : [c.name, { type: 's3', bucket: signal.bucket.replaceAll('{cluster}', c.name), region: signal.region ?? c.region }],
      ),
    );
  return {
    retention: Object.fromEntries(environments.map((e) => [e.name, spec.retention?.[e.name] ?? defaultRetention(e)])),
    logs: storage(spec.logs),
    traces: storage(spec.traces),
    alerting: { secretName: spec.alerting?.secretName ?? 'alertmanager-receivers' },
  };
}

function normalizeEnvironment(name: string, env: ParsedSpec['environments'][string]): Environment {
  const sync = env.sync ?? {};
  return {
    name,
    sync: {
      automated: sync.automated ?? name !== productionName,
      prune: sync.prune ?? true,
      selfHeal: sync.selfHeal ?? true,
      windows: (sync.windows ?? []).map((w) => ({
        kind: w.kind,
        schedule: w.schedule,
        duration: w.duration,
        timeZone: w.timeZone ?? 'UTC',
        manualSync: w.manualSync ?? true,
      })),
    },
    replicas: env.replicas ?? 1,
    profile: env.profile ?? 'small',
  };
}

function normalizeTeam(team: ParsedSpec['teams'][number]): Team {
  return { ...team, groups: [...team.groups].sort(), namespaces: [...team.namespaces] };
}

function normalizeService(spec: ServiceSpecParsed, teams: readonly Team[], environments: readonly Environment[]): Service {
  const team = teams.find((t) => t.name === spec.team);
  return {
    name: spec.name,
    team: spec.team,
    namespace: spec.namespace ?? team?.namespaces[0] ?? spec.team,
    calls: [...new Set(spec.calls ?? [])].sort(),
    database: spec.database && { engine: spec.database.engine, storage: spec.database.storage ?? '1Gi' },
    environments: Object.fromEntries(
      environments.map((env) => [env.name, resolveSettings(spec, spec.environments?.[env.name] ?? {}, env)]),
    ),
    slos: byName((spec.slos ?? []).map((slo) => normalizeSlo(spec.name, spec.team, expandSlo(spec.name, slo).spec))),
  };
}

/** The base settings with one environment's override applied, then defaults. */
function resolveSettings(base: ServiceSettingsSpec, override: ServiceSettingsSpec, env: Environment): ServiceSettings {
  const merged: ServiceSettingsSpec = { ...base, ...stripUndefined(override), env: { ...base.env, ...override.env } };
  const ports = (merged.ports ?? [{ name: 'http', port: 8080 }]).map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  const firstPort = ports[0]?.name ?? 'http';
  const replicas = merged.replicas ?? env.replicas;
  return {
    image: {
      repository: merged.image?.repository ?? '',
      tag: merged.image?.tag,
      digest: merged.image?.digest,
    },
    ports,
    resources: resolveResources(merged.resources, env.profile),
    probes: {
      liveness: resolveProbe(merged.probes?.liveness ?? { path: '/healthz' }, firstPort),
      readiness: resolveProbe(merged.probes?.readiness ?? { path: '/readyz' }, firstPort),
      startup: merged.probes?.startup && resolveProbe(merged.probes.startup, firstPort),
    },
    env: Object.entries(merged.env ?? {})
      .map(([name, value]): EnvVar => (typeof value === 'string' ? { name, value } : { name, ...value }))
      .sort((a, b) => compare(a.name, b.name)),
    replicas,
    autoscaling: resolveAutoscaling(merged.autoscaling, replicas),
    expose: merged.expose ?? { type: 'internal' },
    metrics: { port: merged.metrics?.port ?? firstPort, path: merged.metrics?.path ?? '/metrics' },
  };
}

function resolveResources(spec: ServiceSettingsSpec['resources'], profile: ResourceProfileName): Resources {
  if (typeof spec === 'string') return resourceProfiles[spec];
  const defaults = resourceProfiles[profile];
  return {
    requests: { ...defaults.requests, ...stripUndefined(spec?.requests ?? {}) },
    limits: { ...defaults.limits, ...stripUndefined(spec?.limits ?? {}) },
  };
}

function resolveProbe(spec: ProbeSpec, firstPort: string): Probe {
  return {
    path: spec.path,
    port: spec.port ?? firstPort,
    periodSeconds: spec.periodSeconds ?? 10,
    failureThreshold: spec.failureThreshold ?? 3,
  };
}

function resolveAutoscaling(spec: ServiceSettingsSpec['autoscaling'], replicas: number): Autoscaling | undefined {
  if (spec === false) return undefined;
  const minReplicas = spec?.minReplicas ?? replicas;
  return {
    minReplicas,
    maxReplicas: spec?.maxReplicas ?? minReplicas * 3,
    targetCpuUtilizationPercent: spec?.targetCpuUtilizationPercent ?? 70,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compare(a.name, b.name));
}

/** Locale-independent ordering, so output never depends on the machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
