import { dump, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { expandShorthands, type SloSpec } from './types.ts';
import { normalizeSlos } from './burn-rate.ts';
import { formatDiagnostic } from '@strata/model';
import { fromOpenSloYaml } from './openslo-import.ts';
import { toOpenSloDocuments, toOpenSloYaml } from './openslo.ts';

const shop = (service: string, latencySeconds = 0.25): SloSpec[] =>
  expandShorthands(service, { availability: 99.9, latency: { objective: 99, thresholdSeconds: latencySeconds } }).map((s) => ({ ...s, team: 'shop' }));

/** Everything the mapping carries: shorthands, a full form, another window, custom alerting. */
const specs: SloSpec[] = [
  ...shop('orders'),
  ...shop('inventory', 0.1),
  {
    service: 'payments',
    team: 'money',
    name: 'authorizations',
    objective: 99.5,
    window: '7d',
    indicator: { type: 'ratio', errors: 'payments_authorizations_total{result="error"}', total: 'payments_authorizations_total' },
    alerting: { page: { enabled: false }, ticket: { severity: 'critical' } },
  },
  {
    service: 'payments',
    team: 'money',
    name: 'latency',
    objective: 95,
    window: '28d',
    indicator: { type: 'latency', histogram: 'rpc_duration_seconds', selector: '{}', thresholdSeconds: 1 },
    alerting: { page: { severity: 'urgent' } },
  },
];
const { slos } = normalizeSlos(specs);

/** Lines of the diagnostics of an import. */
function problemsOf(yaml: string): string[] {
  return fromOpenSloYaml(yaml, 'in.yaml').diagnostics.map(formatDiagnostic);
}

/** An OpenSLO SLO as Strata exports it, with parts replaced. */
function sloDocument(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  const exported = toOpenSloDocuments(normalizeSlos(shop('orders')).slos).find((d) => d.metadata.name === 'orders-availability');
  return { ...exported, metadata: { ...exported?.metadata, ...metadata }, spec: { ...exported?.spec, ...spec } };
}

function ratioMetric(ratio: Record<string, unknown>): Record<string, unknown> {
  return { indicator: { metadata: { name: 'orders-availability' }, spec: { ratioMetric: ratio } } };
}

const prometheus = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });
const yamlOf = (...documents: unknown[]) => documents.map((d) => dump(d)).join('---\n');

describe('toOpenSloDocuments', () => {
  const documents = toOpenSloDocuments(slos);

  it('GIVEN an availability SLO WHEN exported THEN it is an OpenSLO v1 SLO of bad over total Prometheus counters, rolling, by occurrences, with a ratio target', () => {
    expect(documents.find((d) => d.metadata.name === 'orders-availability')).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'orders-availability', labels: { team: 'shop' } },
      spec: {
        service: 'orders',
        indicator: {
          metadata: { name: 'orders-availability' },
          spec: {
            ratioMetric: {
              counter: true,
              bad: prometheus('http_server_request_duration_seconds_count{service="orders",http_response_status_code=~"5.."}'),
              total: prometheus('http_server_request_duration_seconds_count{service="orders"}'),
            },
          },
        },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.999 }],
      },
    });
  });

  it('GIVEN a latency SLO WHEN exported THEN good is the bucket at the threshold and total the count, with the same matchers', () => {
    const latency = documents.find((d) => d.metadata.name === 'inventory-latency');
    expect(latency?.spec).toMatchObject({
      indicator: {
        spec: {
          ratioMetric: {
            counter: true,
            good: prometheus('http_server_request_duration_seconds_bucket{service="inventory",le="0.1"}'),
            total: prometheus('http_server_request_duration_seconds_count{service="inventory"}'),
          },
        },
      },
      objectives: [{ target: 0.99 }],
    });
    const everySeries = documents.find((d) => d.metadata.name === 'payments-latency');
    expect(everySeries?.spec).toMatchObject({
      indicator: { spec: { ratioMetric: { good: prometheus('rpc_duration_seconds_bucket{le="1"}'), total: prometheus('rpc_duration_seconds_count{}') } } },
    });
  });

  it('GIVEN alerting that differs from the default WHEN exported THEN it is kept in strata.dev/ annotations, and default alerting adds none', () => {
    expect(documents.find((d) => d.metadata.name === 'payments-authorizations')?.metadata.annotations).toEqual({
      'strata.dev/page-alerts': 'disabled',
      'strata.dev/ticket-severity': 'critical',
    });
    expect(documents.find((d) => d.metadata.name === 'payments-latency')?.metadata.annotations).toEqual({ 'strata.dev/page-severity': 'urgent' });
    expect(documents.find((d) => d.metadata.name === 'orders-latency')?.metadata).not.toHaveProperty('annotations');
  });

  it('GIVEN SLOs of several services WHEN exported THEN each service has a Service document before its SLOs, services and SLOs sorted by name', () => {
    expect(documents.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Service/inventory',
      'SLO/inventory-availability',
      'SLO/inventory-latency',
      'Service/orders',
      'SLO/orders-availability',
      'SLO/orders-latency',
      'Service/payments',
      'SLO/payments-authorizations',
      'SLO/payments-latency',
    ]);
    expect(documents[0]).toEqual({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'inventory', labels: { team: 'shop' } }, spec: {} });
  });

  it('GIVEN the documents as YAML THEN the stream starts with a comment saying what wrote it and parses back to the same documents', () => {
    const yaml = toOpenSloYaml(slos, 'written by a test');
    expect(yaml.split('\n')[0]).toBe('# OpenSLO v1: written by a test');
    expect(loadAll(yaml)).toEqual(documents);
  });
});

describe('fromOpenSloYaml', () => {
  it('GIVEN exported SLOs WHEN imported THEN normalizing them gives back exactly the same SLOs, with no diagnostic', () => {
    const imported = fromOpenSloYaml(toOpenSloYaml(slos, 'test'), 'stdin');

    expect(imported.diagnostics).toEqual([]);
    expect(imported.skipped).toEqual([]);
    const back = normalizeSlos(imported.slos);
    expect(back.diagnostics).toEqual([]);
    const byId = (a: { service: string; name: string }, b: { service: string; name: string }) => `${a.service}/${a.name}`.localeCompare(`${b.service}/${b.name}`);
    expect([...back.slos].sort(byId)).toEqual([...slos].sort(byId));
  });

  it('GIVEN an SLI and a DataSource referred to by name, weeks and targetPercent WHEN imported THEN they resolve, and the connection details are reported as not imported', () => {
    const yaml = yamlOf(
      { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'prom' }, spec: { type: 'Prometheus', connectionDetails: { url: 'http://prometheus:9090' } } },
      {
        apiVersion: 'openslo/v1',
        kind: 'SLI',
        metadata: { name: 'web-errors' },
        spec: { ratioMetric: { counter: true, bad: { metricSource: { metricSourceRef: 'prom', spec: { query: 'http_requests_total{code=~"5.."}' } } }, total: { metricSource: { metricSourceRef: 'prom', spec: { query: 'http_requests_total' } } } } },
      },
      {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name: 'web-availability', labels: { team: ['web'] } },
        spec: { service: 'web', indicatorRef: 'web-errors', timeWindow: [{ duration: '4w', isRolling: true }], budgetingMethod: 'Occurrences', objectives: [{ targetPercent: 99.5 }] },
      },
    );

    const imported = fromOpenSloYaml(yaml, 'in.yaml');

    expect(imported.diagnostics.map(formatDiagnostic)).toEqual([
      "warning STR085 documents[0](prom).spec.connectionDetails: not imported: Strata's rules run in the Prometheus of each cluster",
    ]);
    expect(imported.slos).toEqual([
      { service: 'web', team: 'web', name: 'availability', objective: 99.5, window: '28d', indicator: { type: 'ratio', errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' } },
    ]);
  });

  it('GIVEN a YAML list of documents, as OpenSLO examples are written, WHEN imported THEN each item is a document', () => {
    const imported = fromOpenSloYaml(dump([sloDocument()]), 'in.yaml');

    expect(imported.diagnostics).toEqual([]);
    expect(imported.slos.map((s) => s.name)).toEqual(['availability']);
  });

  it('GIVEN fields and kinds Strata has no place for WHEN imported THEN each is a warning naming it, and the SLO is still imported', () => {
    const yaml = yamlOf(
      { apiVersion: 'openslo/v1', kind: 'AlertPolicy', metadata: { name: 'pager' }, spec: {} },
      sloDocument({ description: 'checkout works', alertPolicies: ['pager'] }, { displayName: 'Orders availability', labels: { team: 'shop', tier: 'one' }, annotations: { 'example.com/dashboard': 'x' } }),
    );

    const imported = fromOpenSloYaml(yaml, 'in.yaml');

    expect(imported.diagnostics.map(formatDiagnostic)).toEqual([
      'warning STR085 documents[0](pager): AlertPolicy not imported: Strata renders multi-window burn-rate alerts for every SLO (tiers page and ticket)',
      'warning STR085 documents[1](orders-availability).metadata.displayName: not imported: Strata has no place for it',
      'warning STR085 documents[1](orders-availability).spec.description: not imported: Strata has no place for it',
      'warning STR085 documents[1](orders-availability).spec.alertPolicies: not imported: Strata renders multi-window burn-rate alerts for every SLO (tiers page and ticket)',
      'warning STR085 documents[1](orders-availability).metadata.labels.tier: not imported: Strata has no place for it',
      'warning STR085 documents[1](orders-availability).metadata.annotations.example.com/dashboard: not imported: Strata has no place for this annotation',
    ]);
    expect(imported.slos).toHaveLength(1);
  });
});

describe('fromOpenSloYaml rejections: one error per problem, naming the document and the field', () => {
  it('GIVEN text that is not YAML THEN STR080 names the file, line and column', () => {
    expect(problemsOf('apiVersion: openslo/v1\nkind: [SLO\n')).toEqual([
      'error STR080 in.yaml:3:1: is not valid YAML: unexpected end of the stream within a flow collection',
    ]);
  });

  it('GIVEN an empty stream THEN STR080 says it holds no document', () => {
    expect(problemsOf('---\n')).toEqual(['error STR080 in.yaml: holds no OpenSLO document (hint: export some with `strata slo export`)']);
  });

  it('GIVEN another apiVersion or an unknown kind THEN STR081 names the field', () => {
    expect(problemsOf(yamlOf({ ...sloDocument(), apiVersion: 'openslo/v1alpha' }, { ...sloDocument(), kind: 'Budget' }))).toEqual([
      'error STR081 documents[0](orders-availability).apiVersion: "openslo/v1alpha" is not read by Strata (hint: write apiVersion: openslo/v1)',
      'error STR081 documents[1](orders-availability).kind: "Budget" is not an OpenSLO v1 kind Strata reads (SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget)',
    ]);
  });

  it('GIVEN a thresholdMetric THEN STR083 says SLOs are ratios of events', () => {
    expect(problemsOf(yamlOf(sloDocument({ indicator: { metadata: { name: 'x' }, spec: { thresholdMetric: prometheus('up') } } })))).toEqual([
      'error STR083 documents[0](orders-availability).spec.indicator.spec.thresholdMetric: is not supported: Strata SLOs are ratios of events (hint: use ratioMetric with counters of bad (or, for latency, good) events and of all events)',
    ]);
  });

  it('GIVEN a raw ratio THEN STR083 asks for the counters', () => {
    expect(problemsOf(yamlOf(sloDocument(ratioMetric({ counter: true, rawType: 'success', raw: prometheus('ratio') }))))).toEqual([
      'error STR083 documents[0](orders-availability).spec.indicator.spec.ratioMetric.raw: a precomputed ratio is not supported: Strata computes the ratio from counters (hint: give the counters as bad and total)',
    ]);
  });

  it('GIVEN counter: false THEN STR083 says gauges are not supported', () => {
    expect(problemsOf(yamlOf(sloDocument(ratioMetric({ counter: false, bad: prometheus('a'), total: prometheus('b') }))))).toEqual([
      'error STR083 documents[0](orders-availability).spec.indicator.spec.ratioMetric.counter: false (a gauge) is not supported: Strata takes rate() of counters',
    ]);
  });

  it('GIVEN a source other than Prometheus THEN STR083 names its type', () => {
    const datadog = { metricSource: { type: 'Datadog', spec: { query: 'sum:requests{*}' } } };
    expect(problemsOf(yamlOf(sloDocument(ratioMetric({ counter: true, bad: datadog, total: prometheus('b') }))))).toEqual([
      'error STR083 documents[0](orders-availability).spec.indicator.spec.ratioMetric.bad.metricSource.type: "Datadog" is not supported: Strata\'s SLOs are Prometheus recording rules (hint: use a Prometheus query of the same counters)',
    ]);
  });

  it('GIVEN good over total that is not a latency histogram THEN STR083 explains the one supported shape', () => {
    expect(problemsOf(yamlOf(sloDocument(ratioMetric({ counter: true, good: prometheus('http_requests_total{code!~"5.."}'), total: prometheus('http_requests_total') }))))).toEqual([
      'error STR083 documents[0](orders-availability).spec.indicator.spec.ratioMetric.good.metricSource.spec.query: good over total is only supported for latency, as <histogram>_bucket{<matchers>,le="<seconds>"} over <histogram>_count{<the same matchers>} (hint: for any other ratio, count the bad events: bad: <counter selector>, e.g. http_server_request_duration_seconds_count{service="orders",http_response_status_code=~"5.."})',
    ]);
  });

  it('GIVEN a latency bucket whose matchers differ from the count THEN STR083 refuses it rather than guess', () => {
    const ratio = { counter: true, good: prometheus('h_bucket{service="a",le="0.25"}'), total: prometheus('h_count{service="b"}') };
    expect(problemsOf(yamlOf(sloDocument(ratioMetric(ratio))))).toEqual([expect.stringMatching(/^error STR083 documents\[0\]\(orders-availability\)\.spec\.indicator\.spec\.ratioMetric\.good\.metricSource\.spec\.query: good over total is only supported for latency/)]);
  });

  it('GIVEN Timeslices, a calendar window, two objectives and a monthly duration THEN each is its own STR083', () => {
    const yaml = yamlOf(
      sloDocument({ budgetingMethod: 'Timeslices' }),
      sloDocument({ timeWindow: [{ duration: '1M', calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'UTC' } }] }),
      sloDocument({ objectives: [{ target: 0.99 }, { target: 0.999 }] }),
      sloDocument({ timeWindow: [{ duration: '1M', isRolling: true }] }),
    );

    expect(problemsOf(yaml)).toEqual([
      'error STR083 documents[0](orders-availability).spec.budgetingMethod: Timeslices is not supported: Strata counts events (Occurrences) (hint: budgetingMethod: Occurrences, if counting good and bad events is what you mean)',
      'error STR083 documents[1](orders-availability).spec.timeWindow[0]: a calendar-aligned window is not supported: Strata SLO windows roll (hint: isRolling: true, with a duration in days such as 30d)',
      'error STR083 documents[2](orders-availability).spec.objectives: holds 2 objectives: a Strata SLO has one (hint: write one SLO per objective)',
      'error STR083 documents[3](orders-availability).spec.timeWindow[0].duration: "1M" is not a rolling window Strata supports (a number of days, weeks, hours, or of minutes that makes whole hours) (hint: e.g. 30d, 28d, 4w or 12h)',
    ]);
  });

  it('GIVEN missing fields and a dangling reference THEN STR082 and STR084 name them, all at once', () => {
    const spec: Record<string, unknown> = { ...(sloDocument().spec as Record<string, unknown>), indicatorRef: 'missing' };
    for (const key of ['service', 'budgetingMethod', 'indicator']) delete spec[key];
    const yaml = yamlOf({ ...sloDocument(), spec });

    expect(problemsOf(yaml)).toEqual([
      'error STR082 documents[0](orders-availability).spec.service: is required',
      'error STR084 documents[0](orders-availability).spec.indicatorRef: names no kind: SLI document of this input (it has none)',
      'error STR082 documents[0](orders-availability).spec.budgetingMethod: is required (hint: budgetingMethod: Occurrences)',
    ]);
  });

  it("GIVEN values the model's checks refuse THEN their diagnostics point at the OpenSLO field the value came from", () => {
    const ratio = { counter: true, good: prometheus('h_bucket{le="0.3"}'), total: prometheus('h_count') };
    const yaml = yamlOf(sloDocument({ objectives: [{ target: 1.2 }] }), sloDocument(ratioMetric(ratio)), sloDocument({ objectives: [{ target: 0.5 }] }, { name: 'orders-checkout' }));

    expect(problemsOf(yaml)).toEqual([
      'error STR012 documents[0](orders-availability).spec.objectives[0].target: 1.2 is not a ratio between 0 and 1 (e.g. 0.999)',
      "error STR073 documents[1](orders-availability).spec.indicator.spec.ratioMetric.good.metricSource.spec.query: 0.3 is not a bucket bound of OpenTelemetry's default histogram (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10) (hint: choose 0.25 or 0.5)",
      'error STR072 documents[2](orders-checkout).metadata.annotations: the 1h/5m burn-rate threshold 14.4 × error budget 0.5 = 7.2 can never be reached (an error ratio is at most 1) (hint: raise the objective above 93.0556 or set metadata.annotations strata.dev/page-alerts: disabled)',
      'error STR072 documents[2](orders-checkout).metadata.annotations: the 6h/30m burn-rate threshold 6 × error budget 0.5 = 3 can never be reached (an error ratio is at most 1) (hint: raise the objective above 83.3333 or set metadata.annotations strata.dev/page-alerts: disabled)',
      'error STR072 documents[2](orders-checkout).metadata.annotations: the 1d/2h burn-rate threshold 3 × error budget 0.5 = 1.5 can never be reached (an error ratio is at most 1) (hint: raise the objective above 66.6667 or set metadata.annotations strata.dev/ticket-alerts: disabled)',
    ]);
  });

  it('GIVEN an unknown strata.dev/ annotation and the same SLO twice THEN both are errors, and only the first SLO is imported', () => {
    const yaml = yamlOf(sloDocument(), sloDocument(), sloDocument({}, { name: 'orders-latency', annotations: { 'strata.dev/page-sevrity': 'x' } }));

    const imported = fromOpenSloYaml(yaml, 'in.yaml');

    expect(imported.diagnostics.map(formatDiagnostic)).toEqual([
      'error STR011 documents[1](orders-availability).metadata.name: service orders already has an SLO named availability in this input',
      'error STR082 documents[2](orders-latency).metadata.annotations.strata.dev/page-sevrity: is not an annotation Strata knows (hint: use strata.dev/page-alerts: disabled, strata.dev/page-severity: <severity>, strata.dev/ticket-alerts: disabled, strata.dev/ticket-severity: <severity>)',
    ]);
    expect(imported.slos.map((s) => s.name)).toEqual(['availability']);
    expect(imported.skipped).toEqual(['documents[1](orders-availability)', 'documents[2](orders-latency)']);
  });

  it('GIVEN a YAML alias that makes a field contain itself THEN the diagnostic says so rather than fail', () => {
    const yaml = `${dump(sloDocument())}`.replace('budgetingMethod: Occurrences', 'budgetingMethod: &loop [*loop]');

    expect(problemsOf(yaml)).toEqual(['error STR082 documents[0](orders-availability).spec.budgetingMethod: a recursive list is not Occurrences or Timeslices']);
  });

  it('GIVEN a document that is not a map THEN STR082 says what a document holds', () => {
    expect(problemsOf('- just\n- strings\n')).toEqual([
      'error STR082 documents[0][0]: is not a map (an OpenSLO document has apiVersion, kind, metadata and spec)',
      'error STR082 documents[0][1]: is not a map (an OpenSLO document has apiVersion, kind, metadata and spec)',
    ]);
  });
});
