import type { PathSegment } from '../path.ts';
import { cpuMillis, formatCpu, formatMemory, parseQuantity } from '../quantity.ts';
import type { ServiceSettingsSpec } from '../spec.ts';
import type { Rule, RuleContext } from './context.ts';

/** Each layer of a service's settings as written: the base, then each override. */
function settingLayers(context: RuleContext): { path: readonly PathSegment[]; service: string; environment?: string; settings: ServiceSettingsSpec }[] {
  return (context.spec.services ?? []).flatMap((service, i) => [
    { path: ['services', i] as const, service: service.name, settings: service },
    ...Object.entries(service.environments ?? {}).map(([environment, settings]) => ({
      path: ['services', i, 'environments', environment] as const,
      service: service.name,
      environment,
      settings,
    })),
  ]);
}

export const checkQuantities: Rule = (context) => {
  const check = (path: readonly PathSegment[], value: string | undefined, unit: 'cpu' | 'memory'): void => {
    if (value === undefined || parseQuantity(value) !== undefined) return;
    context.error('STR041', path, `${JSON.stringify(value)} is not a Kubernetes quantity`, unit === 'cpu' ? 'e.g. 500m or 2' : 'e.g. 256Mi or 2Gi');
  };
  context.spec.teams.forEach((team, i) => {
    check(['teams', i, 'quota', 'cpu'], team.quota.cpu, 'cpu');
    check(['teams', i, 'quota', 'memory'], team.quota.memory, 'memory');
  });
  (context.spec.services ?? []).forEach((service, i) => check(['services', i, 'database', 'storage'], service.database?.storage, 'memory'));
  for (const { path, settings } of settingLayers(context)) {
    const resources = settings.resources;
    if (resources === undefined || typeof resources === 'string') continue;
    for (const kind of ['requests', 'limits'] as const) {
      check([...path, 'resources', kind, 'cpu'], resources[kind]?.cpu, 'cpu');
      check([...path, 'resources', kind, 'memory'], resources[kind]?.memory, 'memory');
    }
  }
};

export const checkServiceSettings: Rule = (context) => {
  for (const service of context.platform.services) {
    const index = (context.spec.services ?? []).findIndex((s) => s.name === service.name);
    const spec = context.spec.services?.[index];
    for (const [environment, settings] of Object.entries(service.environments)) {
      const layer: readonly PathSegment[] = spec?.environments?.[environment] ? ['services', index, 'environments', environment] : ['services', index];
      const where = ` in environment "${environment}"`;
      for (const unit of ['cpu', 'memory'] as const) {
        const request = parseQuantity(settings.resources.requests[unit]);
        const limit = parseQuantity(settings.resources.limits[unit]);
        if (request !== undefined && limit !== undefined && request > limit) {
          context.error(
            'STR042',
            [...layer, 'resources', 'requests', unit],
            `${unit} request ${settings.resources.requests[unit]} exceeds its limit ${settings.resources.limits[unit]}${where}`,
            'raise the limit or lower the request',
          );
        }
      }
      const scaling = settings.autoscaling;
      if (scaling !== undefined && scaling.minReplicas > scaling.maxReplicas) {
        context.error('STR043', [...layer, 'autoscaling'], `minReplicas ${scaling.minReplicas} is above maxReplicas ${scaling.maxReplicas}${where}`);
      }
      const portNames = settings.ports.map((p) => p.name);
      const endpoints = [
        ['probes', 'liveness', settings.probes.liveness.port],
        ['probes', 'readiness', settings.probes.readiness.port],
        ['probes', 'startup', settings.probes.startup?.port],
        ['metrics', settings.metrics.port],
      ] as const;
      for (const endpoint of endpoints) {
        const port = endpoint[endpoint.length - 1];
        if (port !== undefined && !portNames.includes(port)) {
          const fields = endpoint.slice(0, -1) as string[];
          context.error('STR044', [...layer, ...fields, 'port'], `port "${port}" is not a port of the service${where}`, `ports are: ${portNames.join(', ')}`);
        }
      }
    }
  }
  for (const { path, settings } of settingLayers(context)) {
    for (const name of Object.keys(settings.env ?? {})) {
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
        context.error('STR046', [...path, 'env', name], `${JSON.stringify(name)} is not a valid environment variable name`, 'use letters, digits, _, - and ., not starting with a digit');
      }
    }
  }
};

const hostPattern = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

export const checkExposure: Rule = (context) => {
  for (const { path, settings } of settingLayers(context)) {
    if (settings.expose?.type !== 'public') continue;
    if (!hostPattern.test(settings.expose.host)) {
      context.error('STR050', [...path, 'expose', 'host'], `${JSON.stringify(settings.expose.host)} is not a valid host name`, 'e.g. shop.example.com');
    }
  }
  for (const environment of context.platform.environments) {
    const hosts = new Map<string, string>();
    for (const service of context.platform.services) {
      const expose = service.environments[environment.name]?.expose;
      if (expose?.type !== 'public') continue;
      const other = hosts.get(expose.host);
      if (other !== undefined) {
        const index = (context.spec.services ?? []).findIndex((s) => s.name === service.name);
        context.error('STR050', ['services', index, 'expose', 'host'], `host "${expose.host}" is already used by service "${other}" in environment "${environment.name}"`);
      } else hosts.set(expose.host, service.name);
    }
  }
};

const cronField = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;
const goDuration = /^(\d+h)?(\d+m)?(\d+s)?$/;

export const checkSyncWindows: Rule = (context) => {
  for (const [name, environment] of Object.entries(context.spec.environments)) {
    (environment.sync?.windows ?? []).forEach((window, i) => {
      const path = ['environments', name, 'sync', 'windows', i];
      const fields = window.schedule.trim().split(/\s+/);
      if (fields.length !== 5 || !fields.every((f) => cronField.test(f))) {
        context.error('STR051', [...path, 'schedule'], `${JSON.stringify(window.schedule)} is not a 5-field cron schedule`, 'e.g. "0 8 * * 1-5" (08:00 on weekdays)');
      }
      if (window.duration === '' || !goDuration.test(window.duration)) {
        context.error('STR051', [...path, 'duration'], `${JSON.stringify(window.duration)} is not a duration`, 'e.g. 10h, 30m or 1h30m');
      }
    });
  }
};

/** Each team namespace's quota holds its services at their maximum scale, in every environment. */
export const checkQuotas: Rule = (context) => {
  context.platform.teams.forEach((team) => {
    const teamIndex = context.spec.teams.findIndex((t) => t.name === team.name);
    const quotaCpu = cpuMillis(team.quota.cpu);
    const quotaMemory = parseQuantity(team.quota.memory);
    if (quotaCpu === undefined || quotaMemory === undefined) return;
    for (const environment of context.platform.environments) {
      for (const namespace of team.namespaces) {
        const services = context.platform.services.filter((s) => s.team === team.name && s.namespace === namespace);
        let cpu = 0;
        let memory = 0;
        let pods = 0;
        for (const service of services) {
          const settings = service.environments[environment.name];
          if (settings === undefined) continue;
          const replicas = settings.autoscaling?.maxReplicas ?? settings.replicas;
          cpu += replicas * (cpuMillis(settings.resources.requests.cpu) ?? 0);
          memory += replicas * (parseQuantity(settings.resources.requests.memory) ?? 0);
          pods += replicas;
        }
        const where = `namespace "${namespace}" in environment "${environment.name}"`;
        const hint = 'raise the quota, or lower replicas, autoscaling.maxReplicas or requests';
        if (cpu > quotaCpu) context.error('STR040', ['teams', teamIndex, 'quota', 'cpu'], `quota cpu ${team.quota.cpu} is below the ${formatCpu(cpu)} requested at maximum scale in ${where}`, hint);
        if (memory > quotaMemory) context.error('STR040', ['teams', teamIndex, 'quota', 'memory'], `quota memory ${team.quota.memory} is below the ${formatMemory(memory)} requested at maximum scale in ${where}`, hint);
        if (pods > team.quota.pods) context.error('STR040', ['teams', teamIndex, 'quota', 'pods'], `quota pods ${team.quota.pods} is below the ${pods} pods at maximum scale in ${where}`, hint);
      }
    }
  });
};
