import { z } from 'zod';
import type { PlatformSpec } from './spec.ts';

/*
 * The structural schema of a definition. It checks shapes and types only; every
 * rule that needs more than one field (names, references, quotas) is in rules/.
 * Objects are strict so that a typo is reported rather than silently ignored.
 */

const name = z.string();
const quantity = z.string();
const positiveInt = z.number().int().min(1);

const syncWindow = z.strictObject({
  kind: z.enum(['allow', 'deny']),
  schedule: z.string(),
  duration: z.string(),
  timeZone: z.string().optional(),
  manualSync: z.boolean().optional(),
});

const environment = z.strictObject({
  sync: z
    .strictObject({
      automated: z.boolean().optional(),
      prune: z.boolean().optional(),
      selfHeal: z.boolean().optional(),
      windows: z.array(syncWindow).optional(),
    })
    .optional(),
  replicas: positiveInt.optional(),
  profile: z.enum(['small', 'medium', 'large']).optional(),
});

const nodePool = z.strictObject({
  name,
  instanceType: z.string(),
  minSize: z.number().int().min(0),
  maxSize: positiveInt,
  spot: z.boolean().optional(),
});

const cluster = z.strictObject({
  name,
  environment: z.string(),
  provider: z.enum(['kind', 'eks', 'gke', 'aks']),
  region: z.string(),
  role: z.enum(['hub', 'workload']).optional(),
  nodePools: z.array(nodePool).optional(),
});

const team = z.strictObject({
  name,
  groups: z.array(z.string()).min(1),
  namespaces: z.array(z.string()).min(1),
  quota: z.strictObject({ cpu: quantity, memory: quantity, pods: positiveInt }),
  costCenter: z.string(),
});

const probe = z.strictObject({
  path: z.string().startsWith('/'),
  port: z.string().optional(),
  periodSeconds: positiveInt.optional(),
  failureThreshold: positiveInt.optional(),
});

const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
  limits: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
});

const settingsShape = {
  image: z
    .strictObject({ repository: z.string().min(1), tag: z.string().optional(), digest: z.string().optional() })
    .optional(),
  ports: z
    .array(
      z.strictObject({
        name: z.string(),
        port: z.number().int().min(1).max(65535),
        protocol: z.enum(['TCP', 'UDP']).optional(),
      }),
    )
    .min(1)
    .optional(),
  resources: z
    .union([z.enum(['small', 'medium', 'large']), resources], {
      error: 'expected a profile name (small, medium, large) or { requests, limits }',
    })
    .optional(),
  probes: z.strictObject({ liveness: probe.optional(), readiness: probe.optional(), startup: probe.optional() }).optional(),
  env: z
    .record(
      z.string(),
      z.union([z.string(), z.strictObject({ secret: z.string(), key: z.string() })], {
        error: 'expected a string or { secret, key }',
      }),
    )
    .optional(),
  replicas: positiveInt.optional(),
  autoscaling: z
    .union(
      [
        z.literal(false),
        z.strictObject({
          minReplicas: positiveInt.optional(),
          maxReplicas: positiveInt.optional(),
          targetCpuUtilizationPercent: z.number().int().min(1).max(100).optional(),
        }),
      ],
      { error: 'expected false or { minReplicas, maxReplicas, targetCpuUtilizationPercent }' },
    )
    .optional(),
  expose: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('internal') }),
      z.strictObject({ type: z.literal('public'), host: z.string() }),
    ])
    .optional(),
  metrics: z.strictObject({ port: z.string().optional(), path: z.string().startsWith('/').optional() }).optional(),
};

const sloAlertTier = z.strictObject({ enabled: z.boolean().optional(), severity: z.string().optional() });
const sloCommon = {
  window: z.string().optional(),
  alerting: z.strictObject({ page: sloAlertTier.optional(), ticket: sloAlertTier.optional() }).optional(),
};
const sloIndicator = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ratio'), errors: z.string(), total: z.string() }),
  z.strictObject({ type: z.literal('latency'), histogram: z.string(), selector: z.string(), thresholdSeconds: z.number() }),
]);
const slo = z.union(
  [
    z.strictObject({ name, objective: z.number(), indicator: sloIndicator, ...sloCommon }),
    z.strictObject({ availability: z.number(), ...sloCommon }),
    z.strictObject({ latency: z.strictObject({ objective: z.number(), thresholdSeconds: z.number() }), ...sloCommon }),
  ],
  { error: 'expected an SLO { name, objective, indicator } or a shorthand { availability } or { latency: { objective, thresholdSeconds } }' },
);

const service = z.strictObject({
  name,
  team: z.string(),
  namespace: z.string().optional(),
  calls: z.array(z.string()).optional(),
  database: z.strictObject({ engine: z.literal('postgres'), storage: quantity.optional() }).optional(),
  environments: z.record(z.string(), z.strictObject(settingsShape)).optional(),
  slos: z.array(slo).optional(),
  ...settingsShape,
});

const objectStorage = z.strictObject({ bucket: z.string().optional(), region: z.string().optional() });

export const platformSchema = z.strictObject({
  platform: z.strictObject({
    name,
    domain: z.string(),
    repo: z.strictObject({ url: z.string(), revision: z.string().optional(), path: z.string().optional() }),
    ingressNamespace: z.string().optional(),
    ingressClassName: z.string().optional(),
    monitoringNamespace: z.string().optional(),
  }),
  environments: z.record(z.string(), environment),
  clusters: z.array(cluster).min(1),
  teams: z.array(team),
  services: z.array(service).optional(),
  addons: z
    .strictObject({
      argocd: z
        .strictObject({
          enabled: z.literal(true).optional(),
          ha: z.boolean().optional(),
          host: z.string().optional(),
          adminGroups: z.array(z.string()).optional(),
        })
        .optional(),
      observability: z
        .strictObject({
          retention: z.record(z.string(), z.string()).optional(),
          logs: objectStorage.optional(),
          traces: objectStorage.optional(),
          alerting: z.strictObject({ secretName: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

/** The parsed definition. */
export type ParsedSpec = z.output<typeof platformSchema>;

// The schema and the documented types must describe the same input, both ways.
type Mutable<T> = T extends readonly (infer E)[]
  ? Mutable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
type Assignable<T, U extends T> = U;
export type SpecMatchesSchema = Assignable<z.input<typeof platformSchema>, Mutable<PlatformSpec>>;
export type SchemaMatchesSpec = Assignable<PlatformSpec, z.input<typeof platformSchema>>;
