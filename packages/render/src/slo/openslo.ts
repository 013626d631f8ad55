/**
 * OpenSLO v1 (github.com/OpenSLO/OpenSLO, README.md and schemas/v1): Strata's SLOs as
 * `kind: SLO` documents (here), and OpenSLO documents back as Strata SLOs, with a
 * diagnostic for everything that cannot be carried over (openslo-import.ts).
 *
 * The mapping, both ways:
 *   ratio   ⇄ ratioMetric { counter: true, bad: errors, total }
 *   latency ⇄ ratioMetric { counter: true, good: <h>_bucket{<selector>,le="X"}, total: <h>_count<selector> }
 *   window  ⇄ timeWindow [{ duration, isRolling: true }]; objective % ⇄ objectives [{ target: ratio }]
 *   team    ⇄ metadata.labels.team
 *   alerting that differs from the default ⇄ metadata.annotations `strata.dev/<tier>-alerts: disabled`
 *           and `strata.dev/<tier>-severity: <severity>`
 * Queries are counter selectors (`counter: true`): the consumer applies rate() and the windows,
 * as Strata's rules do. budgetingMethod is always Occurrences (events, not time slices).
 */
import { compare, formatNumber, type DiagnosticCode, type Slo, type SloIndicatorSpec, type SloTierName } from '@strata/model';
import { toYaml } from '../yaml.ts';

export const openSloApiVersion = 'openslo/v1';

/** Where Strata keeps what OpenSLO has no field for. */
export const strataAnnotationPrefix = 'strata.dev/';

/** Codes of the import's diagnostics (listed with the model's in `diagnosticCodes`). */
export type OpenSloDiagnosticCode = Extract<DiagnosticCode, 'STR080' | 'STR081' | 'STR082' | 'STR083' | 'STR084' | 'STR085'>;

export interface OpenSloDocument {
  readonly apiVersion: typeof openSloApiVersion;
  readonly kind: 'SLO' | 'Service';
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** The tiers, in the order their annotations are written and read. */
export const tierNames: readonly SloTierName[] = ['page', 'ticket'];


/** One `kind: Service` document per service, followed by one `kind: SLO` per SLO; sorted by name. */
export function toOpenSloDocuments(slos: readonly Slo[]): OpenSloDocument[] {
  const sorted = [...slos].sort((a, b) => compare(a.service, b.service) || compare(a.name, b.name));
  const services = [...new Set(sorted.map((slo) => slo.service))];
  return services.flatMap((service) => {
    const own = sorted.filter((slo) => slo.service === service);
    const team = own.find((slo) => slo.team !== undefined)?.team;
    const serviceDocument: OpenSloDocument = { apiVersion: openSloApiVersion, kind: 'Service', metadata: { name: service, ...teamLabel(team) }, spec: {} };
    return [serviceDocument, ...own.map(toOpenSloSlo)];
  });
}

/** The documents as one multi-document YAML stream, headed by a comment saying what wrote it. */
export function toOpenSloYaml(slos: readonly Slo[], writtenBy: string): string {
  return `# OpenSLO v1: ${writtenBy}\n${toYaml(toOpenSloDocuments(slos))}`;
}

function toOpenSloSlo(slo: Slo): OpenSloDocument {
  const name = `${slo.service}-${slo.name}`;
  const annotations = alertingAnnotations(slo);
  return {
    apiVersion: openSloApiVersion,
    kind: 'SLO',
    metadata: { name, ...teamLabel(slo.team), ...(Object.keys(annotations).length === 0 ? {} : { annotations }) },
    spec: {
      service: slo.service,
      indicator: { metadata: { name }, spec: { ratioMetric: ratioMetricOf(slo.indicator) } },
      timeWindow: [{ duration: slo.window, isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: Number(formatNumber(slo.objective / 100)) }],
    },
  };
}

function teamLabel(team: string | undefined): { labels?: Record<string, string> } {
  return team === undefined ? {} : { labels: { team } };
}

function ratioMetricOf(indicator: SloIndicatorSpec): Record<string, unknown> {
  const prometheus = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });
  if (indicator.type === 'ratio') return { counter: true, bad: prometheus(indicator.errors), total: prometheus(indicator.total) };
  const inner = indicator.selector.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  const le = `le="${String(indicator.thresholdSeconds)}"`;
  return {
    counter: true,
    good: prometheus(`${indicator.histogram}_bucket{${inner === '' ? le : `${inner},${le}`}}`),
    total: prometheus(`${indicator.histogram}_count${indicator.selector}`),
  };
}

/** Only what differs from the default (both tiers on, severities `page` and `ticket`). */
function alertingAnnotations(slo: Slo): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const tier of tierNames) {
    const enabled = slo.tiers.find((t) => t.tier === tier);
    if (enabled === undefined) annotations[`${strataAnnotationPrefix}${tier}-alerts`] = 'disabled';
    else if (enabled.severity !== tier) annotations[`${strataAnnotationPrefix}${tier}-severity`] = enabled.severity;
  }
  return annotations;
}
