/**
 * Imported SLOs as the TypeScript a platform engineer pastes into a service of
 * `platform/services.ts`: the shorthands where they say exactly the same, the full form
 * otherwise, and the default window left out.
 */
import { defaultSloWindow, expandSlo, type ServiceSloSpec, type SloSpec as ModelSloSpec } from '@strata/model';
import type { SloSpec } from '@strata/render/slo';

/** One block per service, in the order the services first appear. */
export function slosSnippet(slos: readonly SloSpec[]): string {
  const services = [...new Set(slos.map((slo) => slo.service))];
  return services
    .map((service) => {
      const own = slos.filter((slo) => slo.service === service);
      const team = own.find((slo) => slo.team !== undefined)?.team;
      const header = `// ${service}${team === undefined ? '' : ` (team ${team})`}: the slos of its entry in services (platform/services.ts)`;
      return `${header}\nslos: [\n${own.map((slo) => `  ${literal(asWritten(slo), '  ')},\n`).join('')}],\n`;
    })
    .join('\n');
}

/** The shortest form that expands to the same SLO. */
export function asWritten(slo: SloSpec): ServiceSloSpec {
  const common = {
    ...(slo.window === defaultSloWindow ? {} : { window: slo.window }),
    ...(slo.alerting === undefined ? {} : { alerting: slo.alerting }),
  };
  const full: ModelSloSpec & { window: string } = {
    name: slo.name,
    objective: slo.objective,
    window: slo.window,
    indicator: slo.indicator,
    ...(slo.alerting === undefined ? {} : { alerting: slo.alerting }),
  };
  const candidates: ServiceSloSpec[] = [];
  if (slo.name === 'availability') candidates.push({ availability: slo.objective, ...common });
  if (slo.name === 'latency' && slo.indicator.type === 'latency') {
    candidates.push({ latency: { objective: slo.objective, thresholdSeconds: slo.indicator.thresholdSeconds }, ...common });
  }
  const shorthand = candidates.find((candidate) => canonical(expandSlo(slo.service, candidate).spec) === canonical(full));
  if (shorthand !== undefined) return shorthand;
  return {
    name: slo.name,
    objective: slo.objective,
    ...(slo.window === defaultSloWindow ? {} : { window: slo.window }),
    indicator: slo.indicator,
    ...(slo.alerting === undefined ? {} : { alerting: slo.alerting }),
  };
}

const maxInlineWidth = 100;

/** A TypeScript literal: on one line when it fits, else one property per line. */
function literal(value: unknown, indent: string): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (typeof value !== 'object' || value === null) return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((item) => literal(item, inner));
    const inline = `[${items.join(', ')}]`;
    return inline.length <= maxInlineWidth && !inline.includes('\n') ? inline : `[\n${items.map((item) => `${inner}${item},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const inlineEntries = entries.map(([key, v]) => `${propertyName(key)}: ${literal(v, inner)}`);
  const inline = `{ ${inlineEntries.join(', ')} }`;
  if (indent.length + inline.length <= maxInlineWidth && !inline.includes('\n')) return inline;
  return `{\n${entries.map(([key, v]) => `${inner}${propertyName(key)}: ${literal(v, inner)},\n`).join('')}${indent}}`;
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : literal(key, '');
}

/** JSON with sorted keys, for comparing specs whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
