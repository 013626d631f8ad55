/**
 * Import half of OpenSLO v1 support (the mapping is described in openslo.ts): OpenSLO
 * documents back as Strata SLOs, with a diagnostic for everything that cannot be carried over.
 */
import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import { compare, formatNumber, sloProblems, type Diagnostic, type DiagnosticCode, type SloAlertingSpec, type SloIndicatorSpec, type SloProblem, type SloTierName } from '@strata/model';
import { openSloApiVersion, strataAnnotationPrefix, tierNames } from './openslo.ts';
import type { SloSpec } from './types.ts';

export interface OpenSloImport {
  /** The SLOs that converted and pass the model's checks, in the order of the input. */
  readonly slos: readonly SloSpec[];
  /** SLO documents that were not imported (each has at least one error). */
  readonly skipped: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

type Node = Readonly<Record<string, unknown>>;

interface Document {
  /** `documents[2]`, or `documents[2](orders-latency)` once the name is known. */
  readonly path: string;
  readonly kind: string;
  readonly name: string;
  readonly node: Node;
}

/** Where each field of a converted SLO came from, for the model's diagnostics. */
interface SourcePaths {
  readonly objective: string;
  readonly window: string;
  readonly errors: string;
  readonly total: string;
  readonly good: string;
  readonly annotations: string;
}

class Diagnostics {
  readonly list: Diagnostic[] = [];
  error(code: DiagnosticCode, path: string, message: string, hint?: string): undefined {
    this.list.push({ severity: 'error', code, path, message, ...(hint === undefined ? {} : { hint }) });
    return undefined;
  }
  warn(path: string, message: string, hint?: string): void {
    this.list.push({ severity: 'warning', code: 'STR085', path, message, ...(hint === undefined ? {} : { hint }) });
  }
}

const ignoredKinds: Readonly<Record<string, string>> = {
  AlertPolicy: 'Strata renders multi-window burn-rate alerts for every SLO (tiers page and ticket)',
  AlertCondition: 'Strata renders multi-window burn-rate alerts for every SLO (tiers page and ticket)',
  AlertNotificationTarget: "alerts are routed by Alertmanager's receivers, per team",
};
const readKinds = ['SLO', 'SLI', 'Service', 'DataSource'];
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Reads an OpenSLO v1 YAML stream (`source` names it in diagnostics) and converts every
 * `kind: SLO` it can; everything else is reported, one diagnostic per problem.
 */
export function fromOpenSloYaml(text: string, source: string): OpenSloImport {
  const diagnostics = new Diagnostics();
  let loaded: unknown[];
  try {
    loaded = loadAll(text, undefined, { schema: CORE_SCHEMA, filename: source });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const where = error.mark === undefined ? source : `${source}:${error.mark.line + 1}:${error.mark.column + 1}`;
    diagnostics.error('STR080', where, `is not valid YAML: ${error.reason}`);
    return { slos: [], skipped: [], diagnostics: diagnostics.list };
  }
  // A stream may also hold a list of documents (as OpenSLO's examples do).
  const entries = loaded.flatMap((value, index) =>
    Array.isArray(value) ? value.map((item, inner) => ({ path: `documents[${index}][${inner}]`, value: item as unknown })) : [{ path: `documents[${index}]`, value }],
  );
  const present = entries.filter((entry) => entry.value !== null && entry.value !== undefined);
  if (present.length === 0) {
    diagnostics.error('STR080', source, 'holds no OpenSLO document', 'export some with `strata slo export`');
    return { slos: [], skipped: [], diagnostics: diagnostics.list };
  }
  const documents = present.flatMap(({ path, value }) => readDocument(path, value, diagnostics) ?? []);
  const byKind = (kind: string) => new Map(documents.filter((d) => d.kind === kind).map((d) => [d.name, d]));
  const context: ImportContext = { diagnostics, slis: byKind('SLI'), dataSources: byKind('DataSource'), services: byKind('Service'), referencedSlis: new Set() };

  const slos: SloSpec[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const document of documents.filter((d) => d.kind === 'SLO')) {
    const errorsBefore = diagnostics.list.filter((d) => d.severity === 'error').length;
    const converted = convertSlo(document, context);
    if (converted !== undefined) {
      const key = `${converted.spec.service}/${converted.spec.name}`;
      if (seen.has(key)) diagnostics.error('STR011', `${document.path}.metadata.name`, `service ${converted.spec.service} already has an SLO named ${converted.spec.name} in this input`);
      else for (const problem of sloProblems({ spec: converted.spec, paths: { objective: ['objective'], thresholdSeconds: ['indicator', 'thresholdSeconds'] } })) modelProblem(problem, converted.paths, diagnostics);
      seen.add(key);
    }
    const failed = diagnostics.list.filter((d) => d.severity === 'error').length > errorsBefore;
    if (converted !== undefined && !failed) slos.push(converted.spec);
    else skipped.push(document.path);
  }
  for (const document of documents) reportUnused(document, context);
  return { slos, skipped, diagnostics: diagnostics.list };
}

interface ImportContext {
  readonly diagnostics: Diagnostics;
  readonly slis: ReadonlyMap<string, Document>;
  readonly dataSources: ReadonlyMap<string, Document>;
  readonly services: ReadonlyMap<string, Document>;
  readonly referencedSlis: Set<string>;
}

function readDocument(path: string, value: unknown, diagnostics: Diagnostics): Document | undefined {
  if (!isMap(value)) return diagnostics.error('STR082', path, 'is not a map (an OpenSLO document has apiVersion, kind, metadata and spec)');
  const metadata = value.metadata;
  const name = isMap(metadata) && typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : undefined;
  const named = name === undefined ? path : `${path}(${name})`;
  if (value.apiVersion !== openSloApiVersion) {
    return diagnostics.error('STR081', `${named}.apiVersion`, `${describe(value.apiVersion)} is not read by Strata`, `write apiVersion: ${openSloApiVersion}`);
  }
  const kind = value.kind;
  if (typeof kind !== 'string' || !(readKinds.includes(kind) || kind in ignoredKinds)) {
    return diagnostics.error('STR081', `${named}.kind`, `${describe(kind)} is not an OpenSLO v1 kind Strata reads (${[...readKinds, ...Object.keys(ignoredKinds)].join(', ')})`);
  }
  if (name === undefined) return diagnostics.error('STR082', `${path}.metadata.name`, `a ${kind} needs a name`);
  if (kind in ignoredKinds) {
    diagnostics.warn(named, `${kind} not imported: ${ignoredKinds[kind]}`);
    return undefined;
  }
  return { path: named, kind, name, node: value };
}

function convertSlo(document: Document, context: ImportContext): { spec: SloSpec; paths: SourcePaths } | undefined {
  const { diagnostics } = context;
  const path = document.path;
  unknownFields(document.node, ['apiVersion', 'kind', 'metadata', 'spec'], path, diagnostics);
  const metadata = document.node.metadata as Node;
  unknownFields(metadata, ['name', 'labels', 'annotations'], `${path}.metadata`, diagnostics);
  const spec = requireMap(document.node, 'spec', path, diagnostics);
  if (spec === undefined) return undefined;
  unknownFields(spec, ['service', 'indicator', 'indicatorRef', 'timeWindow', 'budgetingMethod', 'objectives', 'alertPolicies'], `${path}.spec`, diagnostics);
  if (spec.alertPolicies !== undefined) diagnostics.warn(`${path}.spec.alertPolicies`, `not imported: ${ignoredKinds.AlertPolicy}`);

  const service = requireString(spec, 'service', `${path}.spec`, diagnostics);
  if (service !== undefined && !dnsLabel.test(service)) diagnostics.error('STR010', `${path}.spec.service`, `${JSON.stringify(service)} is not a DNS label, as a Strata service name must be`);
  if (!dnsLabel.test(document.name)) diagnostics.error('STR010', `${path}.metadata.name`, `${JSON.stringify(document.name)} is not a DNS label, as a Strata SLO name must be`);
  const stripped = service !== undefined && document.name.startsWith(`${service}-`) ? document.name.slice(service.length + 1) : document.name;
  const name = dnsLabel.test(stripped) ? stripped : document.name;
  const team = teamOf(metadata, `${path}.metadata`, diagnostics) ?? teamOfService(service, context);
  const alerting = alertingOf(metadata, `${path}.metadata.annotations`, diagnostics);
  const indicator = indicatorOf(spec, path, context);
  const window = windowOf(spec, `${path}.spec`, diagnostics);
  const objective = objectiveOf(spec, `${path}.spec`, diagnostics);
  const budgeting = spec.budgetingMethod;
  if (budgeting === undefined) diagnostics.error('STR082', `${path}.spec.budgetingMethod`, 'is required', 'budgetingMethod: Occurrences');
  else if (budgeting === 'Timeslices') diagnostics.error('STR083', `${path}.spec.budgetingMethod`, 'Timeslices is not supported: Strata counts events (Occurrences)', 'budgetingMethod: Occurrences, if counting good and bad events is what you mean');
  else if (budgeting !== 'Occurrences') diagnostics.error('STR082', `${path}.spec.budgetingMethod`, `${describe(budgeting)} is not Occurrences or Timeslices`);

  if (service === undefined || indicator === undefined || window === undefined || objective === undefined || budgeting !== 'Occurrences' || alerting === null) return undefined;
  return {
    spec: { service, ...(team === undefined ? {} : { team }), name, objective: objective.value, window: window.value, indicator: indicator.value, ...(alerting === undefined ? {} : { alerting }) },
    paths: { objective: objective.path, window: window.path, ...indicator.paths, annotations: `${path}.metadata.annotations` },
  };
}

function teamOf(metadata: Node, path: string, diagnostics: Diagnostics): string | undefined {
  const labels = metadata.labels;
  if (labels === undefined) return undefined;
  if (!isMap(labels)) return diagnostics.error('STR082', `${path}.labels`, 'is not a map');
  unknownFields(labels, ['team'], `${path}.labels`, diagnostics);
  const team = Array.isArray(labels.team) && labels.team.length === 1 ? (labels.team[0] as unknown) : labels.team;
  if (team === undefined) return undefined;
  if (typeof team !== 'string' || !dnsLabel.test(team)) return diagnostics.error('STR082', `${path}.labels.team`, `${describe(labels.team)} is not one team name`);
  return team;
}

function teamOfService(service: string | undefined, context: ImportContext): string | undefined {
  const document = service === undefined ? undefined : context.services.get(service);
  if (document === undefined) return undefined;
  const labels = (document.node.metadata as Node).labels;
  const team = isMap(labels) ? (Array.isArray(labels.team) && labels.team.length === 1 ? (labels.team[0] as unknown) : labels.team) : undefined;
  return typeof team === 'string' ? team : undefined;
}

/** The alerting the annotations describe; undefined for the default, null when they are wrong. */
function alertingOf(metadata: Node, path: string, diagnostics: Diagnostics): SloAlertingSpec | undefined | null {
  const annotations = metadata.annotations;
  if (annotations === undefined) return undefined;
  if (!isMap(annotations)) return diagnostics.error('STR082', path, 'is not a map') ?? null;
  const tiers: Partial<Record<SloTierName, { enabled?: boolean; severity?: string }>> = {};
  let wrong = false;
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(strataAnnotationPrefix)) {
      diagnostics.warn(`${path}.${key}`, 'not imported: Strata has no place for this annotation');
      continue;
    }
    const match = /^strata\.dev\/(page|ticket)-(alerts|severity)$/.exec(key);
    const tier = match?.[1] as SloTierName | undefined;
    if (match === null || tier === undefined) {
      wrong = true;
      diagnostics.error('STR082', `${path}.${key}`, 'is not an annotation Strata knows', `use ${tierNames.flatMap((t) => [`${strataAnnotationPrefix}${t}-alerts: disabled`, `${strataAnnotationPrefix}${t}-severity: <severity>`]).join(', ')}`);
    } else if (match[2] === 'alerts') {
      if (value === 'disabled' || value === 'enabled') tiers[tier] = { ...tiers[tier], enabled: value === 'enabled' };
      else {
        wrong = true;
        diagnostics.error('STR082', `${path}.${key}`, `${describe(value)} is not disabled or enabled`);
      }
    } else if (typeof value === 'string' && value !== '') tiers[tier] = { ...tiers[tier], severity: value };
    else {
      wrong = true;
      diagnostics.error('STR082', `${path}.${key}`, `${describe(value)} is not a severity`);
    }
  }
  if (wrong) return null;
  const alerting: Record<string, { enabled?: boolean; severity?: string }> = {};
  for (const tier of tierNames) {
    const options = tiers[tier];
    // `enabled` is the default: say nothing about it unless the tier is off.
    const spec = { ...(options?.enabled === false ? { enabled: false } : {}), ...(options?.severity === undefined ? {} : { severity: options.severity }) };
    if (Object.keys(spec).length > 0) alerting[tier] = spec;
  }
  return Object.keys(alerting).length === 0 ? undefined : alerting;
}

function indicatorOf(spec: Node, path: string, context: ImportContext): { value: SloIndicatorSpec; paths: Pick<SourcePaths, 'errors' | 'total' | 'good'> } | undefined {
  const { diagnostics } = context;
  if (spec.indicator !== undefined && spec.indicatorRef !== undefined) {
    return diagnostics.error('STR082', `${path}.spec.indicatorRef`, 'is set beside indicator: give one of them');
  }
  if (spec.indicatorRef !== undefined) {
    if (typeof spec.indicatorRef !== 'string') return diagnostics.error('STR082', `${path}.spec.indicatorRef`, `${describe(spec.indicatorRef)} is not the name of an SLI`);
    const sli = context.slis.get(spec.indicatorRef);
    if (sli === undefined) {
      const names = [...context.slis.keys()];
      return diagnostics.error('STR084', `${path}.spec.indicatorRef`, `names no kind: SLI document of this input (${names.length === 0 ? 'it has none' : `SLIs: ${names.join(', ')}`})`);
    }
    context.referencedSlis.add(sli.name);
    unknownFields(sli.node, ['apiVersion', 'kind', 'metadata', 'spec'], sli.path, diagnostics);
    unknownFields(sli.node.metadata as Node, ['name'], `${sli.path}.metadata`, diagnostics);
    const sliSpec = requireMap(sli.node, 'spec', sli.path, diagnostics);
    return sliSpec === undefined ? undefined : sliOf(sliSpec, `${sli.path}.spec`, context);
  }
  const inline = requireMap(spec, 'indicator', `${path}.spec`, diagnostics, 'give indicator (an inline SLI) or indicatorRef');
  if (inline === undefined) return undefined;
  unknownFields(inline, ['metadata', 'spec'], `${path}.spec.indicator`, diagnostics);
  if (isMap(inline.metadata)) unknownFields(inline.metadata, ['name'], `${path}.spec.indicator.metadata`, diagnostics);
  const sliSpec = requireMap(inline, 'spec', `${path}.spec.indicator`, diagnostics, 'the inline SLI holds its ratioMetric under spec: indicator.spec.ratioMetric');
  return sliSpec === undefined ? undefined : sliOf(sliSpec, `${path}.spec.indicator.spec`, context);
}

function sliOf(spec: Node, path: string, context: ImportContext): { value: SloIndicatorSpec; paths: Pick<SourcePaths, 'errors' | 'total' | 'good'> } | undefined {
  const { diagnostics } = context;
  unknownFields(spec, ['ratioMetric', 'thresholdMetric'], path, diagnostics);
  if (spec.thresholdMetric !== undefined) {
    return diagnostics.error('STR083', `${path}.thresholdMetric`, 'is not supported: Strata SLOs are ratios of events', 'use ratioMetric with counters of bad (or, for latency, good) events and of all events');
  }
  const ratio = requireMap(spec, 'ratioMetric', path, diagnostics);
  if (ratio === undefined) return undefined;
  const at = `${path}.ratioMetric`;
  unknownFields(ratio, ['counter', 'good', 'bad', 'total', 'raw', 'rawType'], at, diagnostics);
  if (ratio.raw !== undefined || ratio.rawType !== undefined) {
    return diagnostics.error('STR083', `${at}.${ratio.raw !== undefined ? 'raw' : 'rawType'}`, 'a precomputed ratio is not supported: Strata computes the ratio from counters', 'give the counters as bad and total');
  }
  if (ratio.counter === false) return diagnostics.error('STR083', `${at}.counter`, 'false (a gauge) is not supported: Strata takes rate() of counters');
  if (ratio.counter !== true) return diagnostics.error('STR082', `${at}.counter`, ratio.counter === undefined ? 'is required' : `${describe(ratio.counter)} is not true or false`, 'counter: true');
  if (ratio.good !== undefined && ratio.bad !== undefined) return diagnostics.error('STR082', `${at}.good`, 'is set beside bad: give one of them');
  const total = queryOf(ratio, 'total', at, context);
  if (ratio.bad !== undefined) {
    const errors = queryOf(ratio, 'bad', at, context);
    if (errors === undefined || total === undefined) return undefined;
    return { value: { type: 'ratio', errors: errors.query, total: total.query }, paths: { errors: errors.path, total: total.path, good: errors.path } };
  }
  if (ratio.good === undefined) return diagnostics.error('STR082', `${at}.bad`, 'is required (or good, for a latency SLO)');
  const good = queryOf(ratio, 'good', at, context);
  if (good === undefined || total === undefined) return undefined;
  const latency = latencyOf(good.query, total.query);
  if (latency === undefined) {
    return diagnostics.error(
      'STR083',
      good.path,
      'good over total is only supported for latency, as <histogram>_bucket{<matchers>,le="<seconds>"} over <histogram>_count{<the same matchers>}',
      'for any other ratio, count the bad events: bad: <counter selector>, e.g. http_server_request_duration_seconds_count{service="orders",http_response_status_code=~"5.."}',
    );
  }
  return { value: latency, paths: { errors: good.path, total: total.path, good: good.path } };
}

function queryOf(ratio: Node, key: 'good' | 'bad' | 'total', path: string, context: ImportContext): { query: string; path: string } | undefined {
  const { diagnostics } = context;
  const metric = requireMap(ratio, key, path, diagnostics);
  if (metric === undefined) return undefined;
  const at = `${path}.${key}`;
  unknownFields(metric, ['metricSource'], at, diagnostics);
  const source = requireMap(metric, 'metricSource', at, diagnostics);
  if (source === undefined) return undefined;
  const sourcePath = `${at}.metricSource`;
  unknownFields(source, ['type', 'metricSourceRef', 'spec'], sourcePath, diagnostics);
  let type = source.type;
  if (source.metricSourceRef !== undefined) {
    const dataSource = typeof source.metricSourceRef === 'string' ? context.dataSources.get(source.metricSourceRef) : undefined;
    if (dataSource === undefined) return diagnostics.error('STR084', `${sourcePath}.metricSourceRef`, `${describe(source.metricSourceRef)} names no kind: DataSource document of this input`);
    type ??= isMap(dataSource.node.spec) ? dataSource.node.spec.type : undefined;
  }
  if (typeof type !== 'string') return diagnostics.error('STR082', `${sourcePath}.type`, 'is required (or a metricSourceRef to a DataSource with a type)', 'type: Prometheus');
  if (type.toLowerCase() !== 'prometheus') {
    return diagnostics.error('STR083', `${sourcePath}.type`, `${JSON.stringify(type)} is not supported: Strata's SLOs are Prometheus recording rules`, 'use a Prometheus query of the same counters');
  }
  const spec = requireMap(source, 'spec', sourcePath, diagnostics);
  if (spec === undefined) return undefined;
  unknownFields(spec, ['query'], `${sourcePath}.spec`, diagnostics);
  const query = requireString(spec, 'query', `${sourcePath}.spec`, diagnostics);
  return query === undefined ? undefined : { query: query.trim(), path: `${sourcePath}.spec.query` };
}

const metricName = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const matcher = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)\s*(?:,|$)/y;

/** `h_bucket{m,le="0.25"}` over `h_count{m}` → the latency indicator, or undefined when the queries are not that. */
function latencyOf(good: string, total: string): SloIndicatorSpec | undefined {
  const bucket = new RegExp(`^(${metricName})_bucket\\{(.*)\\}$`).exec(good);
  const count = new RegExp(`^(${metricName})_count(\\{.*\\})?$`).exec(total);
  if (bucket === null || count === null || bucket[1] !== count[1] || bucket[1] === undefined) return undefined;
  const goodMatchers = matchersOf(bucket[2] ?? '');
  const selector = count[2] ?? '{}';
  const totalMatchers = matchersOf(selector.slice(1, -1));
  if (goodMatchers === undefined || totalMatchers === undefined) return undefined;
  const le = goodMatchers.filter((m) => m.name === 'le');
  const threshold = le.length === 1 && le[0]?.op === '=' ? Number(le[0].value) : Number.NaN;
  const others = goodMatchers.filter((m) => m.name !== 'le').map((m) => m.text).sort(compare);
  const same = others.length === totalMatchers.length && totalMatchers.map((m) => m.text).sort(compare).every((text, i) => text === others[i]);
  if (!Number.isFinite(threshold) || !same) return undefined;
  return { type: 'latency', histogram: bucket[1], selector, thresholdSeconds: threshold };
}

function matchersOf(inner: string): { name: string; op: string; value: string; text: string }[] | undefined {
  const found: { name: string; op: string; value: string; text: string }[] = [];
  matcher.lastIndex = 0;
  while (matcher.lastIndex < inner.length) {
    const start = matcher.lastIndex;
    const match = matcher.exec(inner);
    if (match === null) return inner.slice(start).trim() === '' ? found : undefined;
    const [, name = '', op = '', quoted = ''] = match;
    found.push({ name, op, value: quoted.slice(1, -1), text: `${name}${op}${quoted}` });
  }
  return found;
}

function windowOf(spec: Node, path: string, diagnostics: Diagnostics): { value: string; path: string } | undefined {
  const windows = spec.timeWindow;
  if (!Array.isArray(windows) || windows.length !== 1) {
    return diagnostics.error('STR082', `${path}.timeWindow`, windows === undefined ? 'is required' : 'must hold exactly one window', 'timeWindow: [{ duration: 30d, isRolling: true }]');
  }
  const at = `${path}.timeWindow[0]`;
  const window: unknown = windows[0];
  if (!isMap(window)) return diagnostics.error('STR082', at, 'is not a map');
  unknownFields(window, ['duration', 'isRolling', 'calendar'], at, diagnostics);
  if (window.calendar !== undefined || window.isRolling === false) {
    return diagnostics.error('STR083', at, 'a calendar-aligned window is not supported: Strata SLO windows roll', 'isRolling: true, with a duration in days such as 30d');
  }
  if (window.isRolling !== undefined && window.isRolling !== true) return diagnostics.error('STR082', `${at}.isRolling`, `${describe(window.isRolling)} is not true or false`);
  const duration = requireString(window, 'duration', at, diagnostics);
  if (duration === undefined) return undefined;
  const match = /^([1-9][0-9]*)([mhdwMQY])$/.exec(duration);
  const count = Number(match?.[1]);
  const unit = match?.[2];
  const value = unit === 'd' || unit === 'h' ? `${count}${unit}` : unit === 'w' ? `${count * 7}d` : unit === 'm' && count % 60 === 0 ? `${count / 60}h` : undefined;
  if (value === undefined) {
    return diagnostics.error('STR083', `${at}.duration`, `${JSON.stringify(duration)} is not a rolling window Strata supports (a number of days, weeks, hours, or of minutes that makes whole hours)`, 'e.g. 30d, 28d, 4w or 12h');
  }
  return { value, path: `${at}.duration` };
}

function objectiveOf(spec: Node, path: string, diagnostics: Diagnostics): { value: number; path: string } | undefined {
  const objectives = spec.objectives;
  if (!Array.isArray(objectives) || objectives.length === 0) return diagnostics.error('STR082', `${path}.objectives`, 'is required, with one objective', 'objectives: [{ target: 0.999 }]');
  if (objectives.length > 1) return diagnostics.error('STR083', `${path}.objectives`, `holds ${objectives.length} objectives: a Strata SLO has one`, 'write one SLO per objective');
  const at = `${path}.objectives[0]`;
  const objective: unknown = objectives[0];
  if (!isMap(objective)) return diagnostics.error('STR082', at, 'is not a map');
  unknownFields(objective, ['target', 'targetPercent', 'op', 'value', 'timeSliceTarget', 'timeSliceWindow'], at, diagnostics);
  for (const key of ['op', 'value']) if (objective[key] !== undefined) diagnostics.warn(`${at}.${key}`, 'not imported: it applies to thresholdMetric only');
  for (const key of ['timeSliceTarget', 'timeSliceWindow']) {
    if (objective[key] !== undefined) return diagnostics.error('STR083', `${at}.${key}`, 'time slices are not supported: Strata counts events (Occurrences)');
  }
  if (objective.target !== undefined && objective.targetPercent !== undefined) return diagnostics.error('STR082', `${at}.targetPercent`, 'is set beside target: give one of them');
  if (objective.targetPercent !== undefined) {
    if (typeof objective.targetPercent !== 'number') return diagnostics.error('STR082', `${at}.targetPercent`, `${describe(objective.targetPercent)} is not a number`);
    return { value: objective.targetPercent, path: `${at}.targetPercent` };
  }
  const target = objective.target;
  if (target === undefined) return diagnostics.error('STR082', `${at}.target`, 'is required (or targetPercent)', 'target: 0.999');
  if (typeof target !== 'number' || !(target > 0 && target < 1)) {
    return diagnostics.error('STR012', `${at}.target`, `${describe(target)} is not a ratio between 0 and 1 (e.g. 0.999)`);
  }
  return { value: Number(formatNumber(target * 100)), path: `${at}.target` };
}

/** A problem found by the model's checks, at the OpenSLO field the value came from. */
function modelProblem(problem: SloProblem, paths: SourcePaths, diagnostics: Diagnostics): void {
  const [first, second] = problem.path;
  const path =
    first === 'objective' ? paths.objective
    : first === 'window' ? paths.window
    : first === 'alerting' ? paths.annotations
    : second === 'errors' ? paths.errors
    : second === 'total' ? paths.total
    : paths.good;
  // The model's hints name Strata's fields; in OpenSLO, alerting lives in annotations.
  const hint = problem.hint?.replace(/alerting\.(page|ticket)\.enabled: false/g, `metadata.annotations ${strataAnnotationPrefix}$1-alerts: disabled`);
  diagnostics.error(problem.code, path, problem.message, hint);
}

function reportUnused(document: Document, context: ImportContext): void {
  const { diagnostics } = context;
  if (document.kind === 'SLI' && !context.referencedSlis.has(document.name)) {
    diagnostics.warn(document.path, 'not imported: no SLO of this input refers to this SLI');
  }
  if (document.kind === 'DataSource' && isMap(document.node.spec) && document.node.spec.connectionDetails !== undefined) {
    diagnostics.warn(`${document.path}.spec.connectionDetails`, "not imported: Strata's rules run in the Prometheus of each cluster");
  }
  if (document.kind === 'Service') {
    unknownFields(document.node, ['apiVersion', 'kind', 'metadata', 'spec'], document.path, diagnostics);
    unknownFields(document.node.metadata as Node, ['name', 'labels'], `${document.path}.metadata`, diagnostics);
    if (isMap(document.node.spec)) unknownFields(document.node.spec, [], `${document.path}.spec`, diagnostics);
  }
}

// ── reading helpers ─────────────────────────────────────────────────────────

function isMap(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireMap(parent: Node, key: string, path: string, diagnostics: Diagnostics, hint?: string): Node | undefined {
  const value = parent[key];
  if (isMap(value)) return value;
  return diagnostics.error('STR082', `${path}.${key}`, value === undefined ? 'is required' : `${describe(value)} is not a map`, hint);
}

function requireString(parent: Node, key: string, path: string, diagnostics: Diagnostics): string | undefined {
  const value = parent[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  return diagnostics.error('STR082', `${path}.${key}`, value === undefined ? 'is required' : `${describe(value)} is not a non-empty string`);
}

/** Every field Strata does not read is reported, so that nothing is dropped silently. */
function unknownFields(node: Node, known: readonly string[], path: string, diagnostics: Diagnostics): void {
  for (const key of Object.keys(node)) {
    if (!known.includes(key)) diagnostics.warn(`${path}.${key}`, 'not imported: Strata has no place for it');
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    // YAML aliases can make a value contain itself.
    return `a recursive ${Array.isArray(value) ? 'list' : 'map'}`;
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
