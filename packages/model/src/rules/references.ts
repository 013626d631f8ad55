import { closest } from '../suggest.ts';
import { listOf, type Rule } from './context.ts';

function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? `declared: ${listOf(candidates)}` : `did you mean "${suggestion}"?`;
}

export const checkReferences: Rule = (context) => {
  const { spec } = context;
  const environments = Object.keys(spec.environments);
  const teams = spec.teams.map((t) => t.name);
  const services = (spec.services ?? []).map((s) => s.name);

  spec.clusters.forEach((cluster, i) => {
    if (!environments.includes(cluster.environment)) {
      context.error('STR021', ['clusters', i, 'environment'], `unknown environment "${cluster.environment}"`, didYouMean(cluster.environment, environments));
    }
  });
  for (const environment of environments) {
    if (!spec.clusters.some((c) => c.environment === environment)) {
      context.warning('STR027', ['environments', environment], `no cluster runs environment "${environment}"`, 'add a cluster or remove the environment');
    }
  }

  const owners = new Map<string, string>();
  spec.teams.forEach((team, i) => {
    team.namespaces.forEach((namespace, j) => {
      const owner = owners.get(namespace);
      if (owner !== undefined && owner !== team.name) {
        context.error('STR025', ['teams', i, 'namespaces', j], `namespace "${namespace}" is already owned by team "${owner}"`);
      } else owners.set(namespace, team.name);
    });
  });

  (spec.services ?? []).forEach((service, i) => {
    const team = spec.teams.find((t) => t.name === service.team);
    if (team === undefined) {
      context.error('STR020', ['services', i, 'team'], `unknown team "${service.team}"`, didYouMean(service.team, teams));
    } else if (service.namespace !== undefined && !team.namespaces.includes(service.namespace)) {
      context.error(
        'STR024',
        ['services', i, 'namespace'],
        `namespace "${service.namespace}" is not owned by team "${team.name}"`,
        `use one of ${listOf(team.namespaces)}, or add it to the team's namespaces`,
      );
    }
    (service.calls ?? []).forEach((callee, j) => {
      if (callee === service.name) {
        context.error('STR023', ['services', i, 'calls', j], `service "${service.name}" calls itself`, 'remove it: a service can always reach itself');
      } else if (!services.includes(callee)) {
        context.error('STR022', ['services', i, 'calls', j], `calls unknown service "${callee}"`, didYouMean(callee, services));
      }
    });
    for (const environment of Object.keys(service.environments ?? {})) {
      if (!environments.includes(environment)) {
        context.error('STR026', ['services', i, 'environments', environment], `override for unknown environment "${environment}"`, didYouMean(environment, environments));
      }
    }
  });
};
