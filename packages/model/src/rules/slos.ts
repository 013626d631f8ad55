import { expandSlo, retentionSeconds, sloProblems } from '../slo.ts';
import type { Rule } from './context.ts';

/** SLO names are DNS labels unique within their service (they become label values and file names). */
const dnsLabel = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Every SLO of every service: names, objectives, windows, indicators and reachable alert thresholds. */
export const checkSlos: Rule = (context) => {
  (context.spec.services ?? []).forEach((service, s) => {
    const seen = new Map<string, number>();
    (service.slos ?? []).forEach((written, i) => {
      const path = ['services', s, 'slos', i];
      const expanded = expandSlo(service.name, written);
      const name = expanded.spec.name;
      const namePath = 'name' in written ? [...path, 'name'] : path;
      if (name.length > 63 || !dnsLabel.test(name)) {
        context.error('STR010', namePath, `${JSON.stringify(name)} is not a valid SLO name (DNS label)`, "use at most 63 lowercase letters, digits and '-', starting with a letter");
      }
      const first = seen.get(name);
      if (first === undefined) seen.set(name, i);
      else context.error('STR011', namePath, `duplicate SLO "${name}" (also at services.${service.name}.slos[${first}])`, 'give each SLO of a service its own name');
      for (const problem of sloProblems(expanded)) {
        context.error(problem.code, [...path, ...problem.path], problem.message, problem.hint);
      }
    });
  });
};

/** A retention written in the definition that is shorter than an SLO window leaves part of the budget unseen. */
export const checkRetentionCoversSlos: Rule = (context) => {
  const slos = context.platform.services.flatMap((s) => s.slos);
  const longest = slos.reduce<(typeof slos)[number] | undefined>((a, b) => (a === undefined || b.windowSeconds > a.windowSeconds ? b : a), undefined);
  if (longest === undefined) return;
  for (const [environment, retention] of Object.entries(context.spec.addons?.observability?.retention ?? {})) {
    const seconds = retentionSeconds(retention);
    // A malformed retention is STR056's to report.
    if (seconds === undefined || seconds >= longest.windowSeconds) continue;
    context.warning(
      'STR076',
      ['addons', 'observability', 'retention', environment],
      `${retention} is shorter than the ${longest.window} window of the SLO ${longest.service}/${longest.name}: its error budget in ${environment} covers ${retention} only`,
      `keep at least ${Math.ceil(longest.windowSeconds / 86400)}d, or shorten the SLO windows`,
    );
  }
};
