import { describe, expect, it } from 'vitest';
import { platform as reference } from '../../../platform/index.ts';
import { formatDiagnostic } from './diagnostic.ts';
import type { PlatformSpec, ServiceSpec } from './spec.ts';
import { validatePlatform } from './validate.ts';

type Mutable = { -readonly [K in keyof PlatformSpec]: PlatformSpec[K] };

/** A deep copy of the reference platform to break in one place. */
function spec(): Mutable & Record<string, unknown> {
  return structuredClone({ ...reference }) as Mutable & Record<string, unknown>;
}

function service(name: string, changes: Partial<Record<keyof ServiceSpec, unknown>> = {}): ServiceSpec {
  const base = structuredClone(reference.services?.find((s) => s.name === name));
  if (base === undefined) throw new Error(name);
  return { ...base, ...changes } as ServiceSpec;
}

function lines(input: unknown): string[] {
  return validatePlatform(input).diagnostics.map(formatDiagnostic);
}

describe('validatePlatform', () => {
  it('GIVEN the reference platform WHEN validated THEN it is valid with no diagnostics', () => {
    const result = validatePlatform(reference);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('GIVEN SLOs over 30 days and no retention written WHEN normalized THEN Prometheus keeps 30 days everywhere, and 15d/7d without SLOs', () => {
    const s = spec();
    const withSlos = validatePlatform({ ...s, addons: { ...s.addons, observability: { ...s.addons?.observability, retention: undefined } } });
    const without = validatePlatform({ ...s, services: s.services?.map((x) => ({ ...x, slos: undefined })), addons: { ...s.addons, observability: { ...s.addons?.observability, retention: undefined } } });
    if (!withSlos.ok || !without.ok) throw new Error('invalid');
    expect(withSlos.platform.addons.observability.retention).toEqual({ dev: '30d', prod: '30d', stage: '30d' });
    expect(without.platform.addons.observability.retention).toEqual({ dev: '7d', prod: '15d', stage: '7d' });
  });

  it('GIVEN the reference platform WHEN normalized THEN defaults are resolved per environment', () => {
    const result = validatePlatform(reference);
    if (!result.ok) throw new Error('invalid');
    const orders = result.platform.services.find((s) => s.name === 'orders');
    expect(orders?.namespace).toBe('shop');
    expect(orders?.environments.prod?.replicas).toBe(3);
    expect(orders?.environments.prod?.resources.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(orders?.environments.dev?.autoscaling).toEqual({ minReplicas: 1, maxReplicas: 3, targetCpuUtilizationPercent: 70 });
    expect(result.platform.environments.find((e) => e.name === 'prod')?.sync.automated).toBe(false);
    expect(result.platform.environments.find((e) => e.name === 'dev')?.sync).toMatchObject({ automated: true, prune: true, selfHeal: true });
  });

  it('GIVEN no observability section WHEN normalized THEN every cluster stores logs and traces on the filesystem and the receivers secret has its default name', () => {
    const s = spec();
    const result = validatePlatform({ ...s, addons: { argocd: s.addons?.argocd } });
    if (!result.ok) throw new Error('invalid');
    expect(result.platform.addons.observability.logs['prod-eu']).toEqual({ type: 'filesystem' });
    expect(result.platform.addons.observability.alerting).toEqual({ secretName: 'alertmanager-receivers' });
  });

  it('GIVEN buckets with {cluster} WHEN normalized THEN cloud clusters get their own bucket in their region and kind keeps the filesystem', () => {
    const result = validatePlatform(reference);
    if (!result.ok) throw new Error('invalid');
    const { logs, traces } = result.platform.addons.observability;
    expect(logs['prod-us']).toEqual({ type: 's3', bucket: 'strata-prod-us-loki-123456789012', region: 'us-east-1' });
    expect(traces['stage-eu']).toEqual({ type: 's3', bucket: 'strata-stage-eu-tempo-123456789012', region: 'eu-west-1' });
    expect(logs['dev-local']).toEqual({ type: 'filesystem' });
  });

  // Each case breaks the reference in one way and expects exactly these diagnostics.
  const cases: [string, () => unknown, string[]][] = [
    ['an SLO objective of 100.5 (the contract example)', () => ({ ...spec(), services: [service('inventory', { slos: [{ availability: 100.5 }] })] }), [
      'error STR012 services.inventory.slos[0].availability: 100.5 is not a percentage below 100 (e.g. 99.9)',
    ]],
    ['a full SLO with objective 0, a bad window and a counter wrapped in rate()', () => ({
      ...spec(),
      services: [service('inventory', { slos: [{ name: 'ok', objective: 0, window: '1 month', indicator: { type: 'ratio', errors: 'rate(x[5m])', total: 'x' } }] })],
    }), [
      'error STR012 services.inventory.slos.ok.objective: 0 is not a percentage above 0 (e.g. 99.9)',
      'error STR071 services.inventory.slos.ok.window: "1 month" is not a window such as "30d", "28d", "7d" or "12h"',
      'error STR075 services.inventory.slos.ok.indicator.errors: "rate(x[5m])" is not a counter selector (hint: write a metric name with optional matchers, e.g. http_server_request_duration_seconds_count{service="orders"}; Strata adds rate() and the windows)',
    ]],
    ['a latency threshold between buckets and an unreachable page threshold', () => ({
      ...spec(),
      services: [service('inventory', { slos: [{ latency: { objective: 99, thresholdSeconds: 0.3 } }, { availability: 90 }] })],
    }), [
      "error STR073 services.inventory.slos[0].latency.thresholdSeconds: 0.3 is not a bucket bound of OpenTelemetry's default histogram (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10) (hint: choose 0.25 or 0.5)",
      'error STR072 services.inventory.slos[1].alerting.page: the 1h/5m burn-rate threshold 14.4 × error budget 0.1 = 1.44 can never be reached (an error ratio is at most 1) (hint: raise the objective above 93.0556 or set alerting.page.enabled: false)',
    ]],
    ['two SLOs of one name and a 1-day window under the ticket tier', () => ({
      ...spec(),
      services: [service('inventory', { slos: [{ availability: 99.9 }, { availability: 99.5, window: '1d' }] })],
    }), [
      'error STR011 services.inventory.slos[1]: duplicate SLO "availability" (also at services.inventory.slos[0]) (hint: give each SLO of a service its own name)',
      'error STR074 services.inventory.slos[1].window: 1d is shorter than the 3d window of the ticket tier (hint: use a window of at least 3d or set alerting.ticket.enabled: false)',
    ]],
    ['a retention shorter than the SLO window', () => {
      const s = spec();
      return { ...s, addons: { ...s.addons, observability: { ...s.addons?.observability, retention: { dev: '2d', prod: '45d' } } } };
    }, [
      'warning STR076 addons.observability.retention.dev: 2d is shorter than the 30d window of the SLO inventory/availability: its error budget in dev covers 2d only (hint: keep at least 30d, or shorten the SLO windows)',
    ]],
    ['a shorthand with a typo', () => ({ ...spec(), services: [service('inventory', { slos: [{ availablity: 99.9 }] })] }), [
      'error STR001 services.inventory.slos[0]: expected an SLO { name, objective, indicator } or a shorthand { availability } or { latency: { objective, thresholdSeconds } }, got an object',
    ]],
    ['a latency shorthand without its threshold', () => ({ ...spec(), services: [service('inventory', { slos: [{ latency: { objective: 99 } }] })] }), [
      'error STR001 services.inventory.slos[0].latency.thresholdSeconds: is required (number)',
    ]],
    ['an unknown field with a typo', () => ({ ...spec(), services: [service('orders', { imag: 1 } as never)] }), [
      'error STR002 services.orders.imag: unknown field "imag" (hint: did you mean "image"?)',
    ]],
    ['a field of the wrong type', () => ({ ...spec(), services: [service('orders', { replicas: '3' })] }), [
      'error STR001 services.orders.replicas: expected number, got "3"',
    ]],
    ['a missing required field', () => {
      const s = spec();
      return { ...s, platform: { ...s.platform, domain: undefined } };
    }, ['error STR001 platform.domain: is required (string)']],
    ['an unknown provider', () => {
      const s = spec();
      return { ...s, clusters: [{ ...s.clusters[0], provider: 'openstack' }] };
    }, ['error STR003 clusters.dev-local.provider: "openstack" is not one of "kind", "eks", "gke", "aks"']],
    ['replicas of zero', () => ({ ...spec(), services: [service('inventory', { replicas: 0 })] }), [
      'error STR004 services.inventory.replicas: must be at least 1, got 0',
    ]],
    ['a probe path without a slash', () => ({ ...spec(), services: [service('inventory', { probes: { liveness: { path: 'healthz' } } })] }), [
      'error STR001 services.inventory.probes.liveness.path: "healthz" must start with "/"',
    ]],
    ['a resources value that is neither a profile nor requests/limits', () => ({ ...spec(), services: [service('inventory', { resources: 'huge' })] }), [
      'error STR001 services.inventory.resources: expected a profile name (small, medium, large) or { requests, limits }, got "huge"',
    ]],
    ['an invalid platform name', () => {
      const s = spec();
      return { ...s, platform: { ...s.platform, name: 'Strata_Platform' } };
    }, ["error STR010 platform.name: \"Strata_Platform\" is not a valid platform name (DNS label) (hint: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)"]],
    ['an invalid domain', () => {
      const s = spec();
      return { ...s, platform: { ...s.platform, domain: 'example..com' } };
    }, ['error STR010 platform.domain: "example..com" is not a valid DNS domain (hint: e.g. platform.example.com)']],
    ['a service name that is not a DNS-1035 label', () => ({ ...spec(), services: [service('inventory', { name: '9lives' })] }), [
      "error STR010 services.9lives.name: \"9lives\" is not a valid service name (DNS-1035 label) (hint: use at most 63 lowercase letters, digits and '-', starting with a letter)",
    ]],
    ['an invalid namespace', () => {
      const s = spec();
      return { ...s, teams: s.teams.map((t) => (t.name === 'shop' ? { ...t, namespaces: ['Shop'] } : t)), services: [] };
    }, ["error STR010 teams.shop.namespaces[0]: \"Shop\" is not a valid namespace name (DNS label) (hint: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)"]],
    ['a duplicate service', () => ({ ...spec(), services: [service('inventory'), service('inventory')] }), [
      'error STR011 services[1].name: duplicate service "inventory" (also at services[0])',
    ]],
    ['a duplicate cluster', () => {
      const s = spec();
      return { ...s, clusters: [...s.clusters, s.clusters[0]] };
    }, ['error STR011 clusters[4].name: duplicate cluster "dev-local" (also at clusters[0])']],
    ['a team named like a platform project', () => {
      const s = spec();
      return { ...s, teams: s.teams.map((t) => (t.name === 'platform' ? { ...t, name: 'platform-addons' } : t)) };
    }, ['error STR011 teams.platform-addons.name: team name "platform-addons" is reserved for an Argo CD project of the platform (hint: choose another name)']],
    ['an unknown team', () => ({ ...spec(), services: [service('inventory', { team: 'shopp' })] }), [
      'error STR020 services.inventory.team: unknown team "shopp" (hint: did you mean "shop"?)',
    ]],
    ['a cluster in an unknown environment', () => {
      const s = spec();
      return { ...s, clusters: s.clusters.map((c) => (c.name === 'stage-eu' ? { ...c, environment: 'stag' } : c)) };
    }, [
      'error STR021 clusters.stage-eu.environment: unknown environment "stag" (hint: did you mean "stage"?)',
      'warning STR027 environments.stage: no cluster runs environment "stage" (hint: add a cluster or remove the environment)',
    ]],
    ['a call to a service that does not exist', () => ({ ...spec(), services: [service('orders', { calls: ['inventory', 'payments'] }), service('inventory')] }), [
      'error STR022 services.orders.calls[1]: calls unknown service "payments" (hint: declared: orders, inventory)',
    ]],
    ['a service that calls itself', () => ({ ...spec(), services: [service('inventory', { calls: ['inventory'] })] }), [
      'error STR023 services.inventory.calls[0]: service "inventory" calls itself (hint: remove it: a service can always reach itself)',
    ]],
    ['a namespace the team does not own', () => ({ ...spec(), services: [service('inventory', { namespace: 'platform-tools' })] }), [
      'error STR024 services.inventory.namespace: namespace "platform-tools" is not owned by team "shop" (hint: use one of shop, or add it to the team\'s namespaces)',
    ]],
    ['a namespace owned by two teams', () => {
      const s = spec();
      return { ...s, teams: s.teams.map((t) => (t.name === 'platform' ? { ...t, namespaces: ['platform-tools', 'shop'] } : t)) };
    }, ['error STR025 teams.shop.namespaces[0]: namespace "shop" is already owned by team "platform"']],
    ['an override for an unknown environment', () => ({ ...spec(), services: [service('inventory', { environments: { production: { replicas: 2 } } })] }), [
      'error STR026 services.inventory.environments.production: override for unknown environment "production" (hint: declared: dev, stage, prod)',
    ]],
    ['a missing image tag', () => ({ ...spec(), services: [service('inventory', { image: { repository: 'ghcr.io/acme/inventory' } })] }), [
      'error STR030 services.inventory.image: image "ghcr.io/acme/inventory" has neither a tag nor a digest (hint: pin it, e.g. tag: "1.4.2")',
    ]],
    ['the latest tag in one environment', () => ({
      ...spec(),
      services: [service('inventory', { environments: { dev: { image: { repository: 'ghcr.io/acme/inventory', tag: 'latest' } } } })],
    }), [
      'error STR031 services.inventory.environments.dev.image.tag: tag "latest" is floating: every deploy could run different code (hint: use an immutable tag such as a version or a commit SHA, or a digest)',
    ]],
    ['a malformed digest', () => ({ ...spec(), services: [service('inventory', { image: { repository: 'ghcr.io/acme/inventory', digest: 'sha256:abc' } })] }), [
      'error STR032 services.inventory.image.digest: "sha256:abc" is not a digest (hint: use sha256: followed by 64 lowercase hex digits)',
    ]],
    ['a quota below the sum of requests', () => {
      const s = spec();
      return { ...s, teams: s.teams.map((t) => (t.name === 'shop' ? { ...t, quota: { cpu: '1', memory: '16Gi', pods: 60 } } : t)) };
    }, [
      'error STR040 teams.shop.quota.cpu: quota cpu 1 is below the 2700m requested at maximum scale in namespace "shop" in environment "prod" (hint: raise the quota, or lower replicas, autoscaling.maxReplicas or requests)',
    ]],
    ['a malformed quantity', () => ({ ...spec(), services: [service('inventory', { resources: { requests: { memory: '128MB' } } })] }), [
      'error STR041 services.inventory.resources.requests.memory: "128MB" is not a Kubernetes quantity (hint: e.g. 256Mi or 2Gi)',
    ]],
    ['a request above its limit', () => ({
      ...spec(),
      services: [service('inventory', { environments: { dev: { resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } } } })],
    }), [
      'error STR042 services.inventory.environments.dev.resources.requests.cpu: cpu request 2 exceeds its limit 1 in environment "dev" (hint: raise the limit or lower the request)',
    ]],
    ['autoscaling with min above max', () => ({ ...spec(), services: [service('inventory', { environments: { prod: { autoscaling: { minReplicas: 5, maxReplicas: 2 } } } })] }), [
      'error STR043 services.inventory.environments.prod.autoscaling: minReplicas 5 is above maxReplicas 2 in environment "prod"',
    ]],
    ['a probe on a port the service does not have', () => ({ ...spec(), services: [service('inventory', { probes: { readiness: { path: '/readyz', port: 'admin' } } })] }), [
      'error STR044 services.inventory.probes.readiness.port: port "admin" is not a port of the service in environment "dev" (hint: ports are: http)',
      'error STR044 services.inventory.probes.readiness.port: port "admin" is not a port of the service in environment "stage" (hint: ports are: http)',
      'error STR044 services.inventory.probes.readiness.port: port "admin" is not a port of the service in environment "prod" (hint: ports are: http)',
    ]],
    ['two ports with the same number', () => ({ ...spec(), services: [service('inventory', { ports: [{ name: 'http', port: 8080 }, { name: 'admin', port: 8080 }] })] }), [
      'error STR045 services.inventory.ports.admin: port admin/8080 clashes with port http/8080',
    ]],
    ['an invalid env var name', () => ({ ...spec(), services: [service('inventory', { env: { '1BAD': 'x' } })] }), [
      'error STR046 services.inventory.env.1BAD: "1BAD" is not a valid environment variable name (hint: use letters, digits, _, - and ., not starting with a digit)',
    ]],
    ['a public host used by two services', () => ({
      ...spec(),
      services: [
        service('orders', { calls: [], expose: { type: 'public', host: 'api.strata.example.com' } }),
        service('inventory', { expose: { type: 'public', host: 'api.strata.example.com' } }),
      ],
    }), [
      'error STR050 services.orders.expose.host: host "api.strata.example.com" is already used by service "inventory" in environment "dev"',
      'error STR050 services.orders.expose.host: host "api.strata.example.com" is already used by service "inventory" in environment "stage"',
      'error STR050 services.orders.expose.host: host "api.strata.example.com" is already used by service "inventory" in environment "prod"',
    ]],
    ['a malformed sync window', () => {
      const s = spec();
      return { ...s, environments: { ...s.environments, prod: { sync: { windows: [{ kind: 'allow', schedule: 'weekdays', duration: '8 hours' }] } } } };
    }, [
      'error STR051 environments.prod.sync.windows[0].schedule: "weekdays" is not a 5-field cron schedule (hint: e.g. "0 8 * * 1-5" (08:00 on weekdays))',
      'error STR051 environments.prod.sync.windows[0].duration: "8 hours" is not a duration (hint: e.g. 10h, 30m or 1h30m)',
    ]],
    ['a repository URL that is not Git', () => {
      const s = spec();
      return { ...s, platform: { ...s.platform, repo: { url: 'github.com/acme/platform' } } };
    }, ['error STR052 platform.repo.url: "github.com/acme/platform" is not a Git repository URL (hint: use https://…, ssh://… or git@host:owner/repo.git)']],
    ['an invalid log bucket name', () => {
      const s = spec();
      return { ...s, addons: { ...s.addons, observability: { logs: { bucket: 'Strata_Logs' } } } };
    }, ['error STR053 addons.observability.logs.bucket: "Strata_Logs" is not a valid S3 bucket name (hint: use 3 to 63 lowercase letters, digits, \'.\' and \'-\'; {cluster} is replaced by the cluster name)']],
    ['log and trace buckets on a gke cluster', () => {
      const s = spec();
      return { ...s, clusters: s.clusters.map((c) => (c.name === 'stage-eu' ? { ...c, provider: 'gke' } : c)) };
    }, ['error STR054 addons.observability.logs.bucket: object storage is S3 only, but clusters stage-eu (gke) do not run on eks (hint: remove the bucket, or run these clusters on eks; kind clusters always use the filesystem)', 'error STR054 addons.observability.traces.bucket: object storage is S3 only, but clusters stage-eu (gke) do not run on eks (hint: remove the bucket, or run these clusters on eks; kind clusters always use the filesystem)']],
    ['a retention that is not a duration', () => {
      const s = spec();
      return { ...s, addons: { ...s.addons, observability: { retention: { prod: '2 weeks' } } } };
    }, ['error STR056 addons.observability.retention.prod: "2 weeks" is not a Prometheus retention (hint: a whole number of hours, days, weeks or years, e.g. 15d)']],
    ['an invalid alerting secret name', () => {
      const s = spec();
      return { ...s, addons: { ...s.addons, observability: { alerting: { secretName: 'Receivers!' } } } };
    }, ['error STR055 addons.observability.alerting.secretName: "Receivers!" is not a valid Secret name (hint: use lowercase letters, digits, \'-\' and \'.\', e.g. alertmanager-receivers)']],
  ];

  it.each(cases)('GIVEN %s WHEN validated THEN exactly its diagnostics are reported', (_name, make, expected) => {
    expect(lines(make())).toEqual(expected);
  });

  it('GIVEN 25+ distinct broken definitions WHEN validated THEN each has its own distinct diagnostic code or message', () => {
    const firstLines = new Set(cases.map(([, make]) => lines(make())[0]));
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(firstLines.size).toBe(cases.length);
  });

  it('GIVEN a definition with three errors WHEN validated THEN all three are reported together', () => {
    const s = spec();
    const input = {
      ...s,
      clusters: s.clusters.map((c) => (c.name === 'dev-local' ? { ...c, environment: 'develop' } : c)),
      services: [service('orders', { team: 'payments', calls: ['inventory', 'billing'] }), service('inventory')],
    };
    expect(lines(input).filter((l) => l.startsWith('error'))).toEqual([
      'error STR021 clusters.dev-local.environment: unknown environment "develop" (hint: declared: dev, stage, prod)',
      'error STR020 services.orders.team: unknown team "payments" (hint: declared: platform, shop)',
      'error STR022 services.orders.calls[1]: calls unknown service "billing" (hint: declared: orders, inventory)',
    ]);
  });

  it('GIVEN a structural error in one service and another in a team WHEN validated THEN both are reported', () => {
    const s = spec();
    const input = { ...s, teams: s.teams.map((t) => ({ ...t, costCentre: 'x' })), services: [service('orders', { replicas: -1 })] };
    expect(lines(input)).toEqual([
      'error STR002 teams.platform.costCentre: unknown field "costCentre" (hint: did you mean "costCenter"?)',
      'error STR002 teams.shop.costCentre: unknown field "costCentre" (hint: did you mean "costCenter"?)',
      'error STR004 services.orders.replicas: must be at least 1, got -1',
    ]);
  });

  it('GIVEN input that is not an object WHEN validated THEN it says so instead of throwing', () => {
    expect(lines(42)).toEqual(['error STR001 <root>: expected object, got 42']);
  });
});
