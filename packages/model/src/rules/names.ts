import type { PathSegment } from '../path.ts';
import type { Rule, RuleContext } from './context.ts';

/** AppProject names the platform uses itself: `default` (Argo CD's) and the add-ons project. */
const reservedProjectNames: readonly string[] = ['default', 'platform-addons'];

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ianaServiceName = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkLabel(context: RuleContext, path: readonly PathSegment[], value: string, what: string, maxLength = 63): void {
  if (value.length > maxLength || !dnsLabel.test(value)) {
    context.error(
      'STR010',
      path,
      `${JSON.stringify(value)} is not a valid ${what}`,
      `use at most ${maxLength} lowercase letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
}

function checkUnique(context: RuleContext, list: readonly { name: string }[], path: readonly PathSegment[], what: string): void {
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    const first = seen.get(item.name);
    if (first === undefined) seen.set(item.name, index);
    else context.error('STR011', [...path, index, 'name'], `duplicate ${what} "${item.name}" (also at ${path.join('.')}[${first}])`);
  });
}

export const checkNames: Rule = (context) => {
  const { spec } = context;
  checkLabel(context, ['platform', 'name'], spec.platform.name, 'platform name (DNS label)');
  if (spec.platform.domain.length > 253 || !dnsSubdomain.test(spec.platform.domain)) {
    context.error('STR010', ['platform', 'domain'], `${JSON.stringify(spec.platform.domain)} is not a valid DNS domain`, 'e.g. platform.example.com');
  }
  for (const field of ['ingressNamespace', 'monitoringNamespace'] as const) {
    const value = spec.platform[field];
    if (value !== undefined) checkLabel(context, ['platform', field], value, 'namespace name (DNS label)');
  }
  if (!/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(spec.platform.repo.url)) {
    context.error('STR052', ['platform', 'repo', 'url'], `${JSON.stringify(spec.platform.repo.url)} is not a Git repository URL`, 'use https://…, ssh://… or git@host:owner/repo.git');
  }
  for (const name of Object.keys(spec.environments)) {
    checkLabel(context, ['environments', name], name, 'environment name (DNS label)', 20);
  }
  spec.clusters.forEach((cluster, i) => {
    checkLabel(context, ['clusters', i, 'name'], cluster.name, 'cluster name (DNS label)', 40);
    (cluster.nodePools ?? []).forEach((pool, j) => checkLabel(context, ['clusters', i, 'nodePools', j, 'name'], pool.name, 'node pool name (DNS label)'));
    checkUnique(context, cluster.nodePools ?? [], ['clusters', i, 'nodePools'], 'node pool');
  });
  checkUnique(context, spec.clusters, ['clusters'], 'cluster');
  spec.teams.forEach((team, i) => {
    checkLabel(context, ['teams', i, 'name'], team.name, 'team name (DNS label)');
    team.namespaces.forEach((ns, j) => checkLabel(context, ['teams', i, 'namespaces', j], ns, 'namespace name (DNS label)'));
  });
  checkUnique(context, spec.teams, ['teams'], 'team');
  spec.teams.forEach((team, i) => {
    if (reservedProjectNames.includes(team.name)) {
      context.error('STR011', ['teams', i, 'name'], `team name "${team.name}" is reserved for an Argo CD project of the platform`, 'choose another name');
    }
  });
  const services = spec.services ?? [];
  services.forEach((service, i) => {
    if (service.name.length > 63 || !dns1035Label.test(service.name)) {
      context.error(
        'STR010',
        ['services', i, 'name'],
        `${JSON.stringify(service.name)} is not a valid service name (DNS-1035 label)`,
        "use at most 63 lowercase letters, digits and '-', starting with a letter",
      );
    }
    if (service.namespace !== undefined) checkLabel(context, ['services', i, 'namespace'], service.namespace, 'namespace name (DNS label)');
  });
  checkUnique(context, services, ['services'], 'service');
};

export const checkPorts: Rule = (context) => {
  (context.spec.services ?? []).forEach((service, i) => {
    const layers: [readonly PathSegment[], typeof service][] = [[['services', i], service]];
    for (const [env, override] of Object.entries(service.environments ?? {})) {
      if (override.ports !== undefined) layers.push([['services', i, 'environments', env], { ...service, ...override }]);
    }
    for (const [path, settings] of layers) {
      const ports = settings.ports ?? [];
      ports.forEach((port, j) => {
        if (port.name.length > 15 || !ianaServiceName.test(port.name)) {
          context.error('STR010', [...path, 'ports', j, 'name'], `${JSON.stringify(port.name)} is not a valid port name`, 'use at most 15 lowercase letters, digits and \'-\', with at least one letter');
        }
        const clash = ports.findIndex((other) => other.name === port.name || other.port === port.port);
        if (clash < j) context.error('STR045', [...path, 'ports', j], `port ${port.name}/${port.port} clashes with port ${ports[clash]?.name}/${ports[clash]?.port}`);
      });
    }
  });
};
