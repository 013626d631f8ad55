import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { compare } from '@strata/model';
import { processMetrics, serviceMetrics } from './metrics.ts';
import { histogramQuantile, ratioOrZero } from './promql.ts';
import { addRow, dataLink, finishDashboard, headerLink, newDashboard, statPanel, thresholds, timeSeriesPanel } from './panels.ts';
import { budgetRemainingSteps, sliDecimals } from './slo-dashboard.ts';
import { formatNumber, objectiveRatio, sliFromBudgetExpr, worstBudgetRemainingExpr } from './slo-queries.ts';
import type { DashboardSlo } from './types.ts';
import { dashboardUids, serviceDashboardUid, sloDashboardUid } from './uids.ts';
import { clusterMatcher, clusterVariable } from './variables.ts';

const rateWindow = '$__rate_interval';
const server = serviceMetrics.httpServerDuration;
const serverErrors = 'http_response_status_code=~"5.."';

/**
 * RED of one service from the telemetry contract's metrics (service-kit exports them,
 * and so does any OpenTelemetry-instrumented service): requests, 5xx ratio and latency,
 * by route; its SLOs, each linking to its own dashboard; then, in collapsed rows, what
 * it calls (HTTP, database) and its Node.js runtime. SLOs of other services are ignored.
 */
export function renderServiceDashboard(service: string, slos: readonly DashboardSlo[]): Dashboard {
  const own = slos.filter((slo) => slo.service === service).sort((a, b) => compare(a.name, b.name));
  const selector = `service=${JSON.stringify(service)},${clusterMatcher}`;
  const requests = `${server}_count{${selector}}`;
  const sumRate = (metric: string, by: string, extra = '') => `sum by (${by}) (rate(${metric}{${selector}${extra}}[${rateWindow}]))`;
  const quantile = (q: number, histogram: string, by: string[]) => histogramQuantile(q, histogram, selector, by, rateWindow);

  const dashboard = newDashboard({
    uid: serviceDashboardUid(service),
    title: `Service: ${service}`,
    description: `Requests, errors and latency of ${service} (http_server_request_duration_seconds), its SLOs, dependencies and runtime.`,
    tags: ['service', service],
    from: 'now-6h',
    variables: [clusterVariable(`${server}_count{service=${JSON.stringify(service)}}`)],
    links: [headerLink('All SLOs', dashboardUids.sloOverview), headerLink('Traces', dashboardUids.tracing)],
  });

  dashboard
    .withPanel(statPanel({ title: 'Requests per second', targets: [{ expr: `sum(rate(${requests}[${rateWindow}]))` }], unit: 'reqps', sparkline: true }))
    .withPanel(
      statPanel({
        title: 'Error ratio (5xx)',
        targets: [{ expr: ratioOrZero(`sum(rate(${server}_count{${selector},${serverErrors}}[${rateWindow}]))`, `sum(rate(${requests}[${rateWindow}]))`) }],
        unit: 'percentunit',
        decimals: 2,
        thresholds: thresholds('green', [{ value: 0.01, color: 'red' }]),
        sparkline: true,
      }),
    )
    .withPanel(statPanel({ title: 'Latency p95', targets: [{ expr: quantile(0.95, server, []) }], unit: 's', sparkline: true }))
    .withPanel(statPanel({ title: 'Latency p99', targets: [{ expr: quantile(0.99, server, []) }], unit: 's', sparkline: true }));

  addRow(dashboard, 'Requests', [
    timeSeriesPanel({ title: 'Request rate by route', targets: [{ expr: sumRate(`${server}_count`, 'http_route'), legend: '{{http_route}}' }], unit: 'reqps', stacked: true }),
    timeSeriesPanel({
      title: 'Error ratio (5xx) by route',
      description: 'Responses with a 5xx status ÷ all responses; routes without a 5xx count as 0.',
      targets: [{ expr: ratioOrZero(sumRate(`${server}_count`, 'http_route', `,${serverErrors}`), sumRate(`${server}_count`, 'http_route')), legend: '{{http_route}}' }],
      unit: 'percentunit',
      min: 0,
    }),
    timeSeriesPanel({
      title: 'Latency p50 / p95 / p99',
      description: 'From the request-duration histogram; exemplars link to the traces in Tempo.',
      targets: [
        { expr: quantile(0.5, server, []), legend: 'p50' },
        { expr: quantile(0.95, server, []), legend: 'p95' },
        { expr: quantile(0.99, server, []), legend: 'p99', exemplar: true },
      ],
      unit: 's',
    }),
    timeSeriesPanel({ title: 'Latency p95 by route', targets: [{ expr: quantile(0.95, server, ['http_route']), legend: '{{http_route}}' }], unit: 's' }),
    timeSeriesPanel({
      title: 'Responses by status code',
      targets: [{ expr: sumRate(`${server}_count`, 'http_response_status_code'), legend: '{{http_response_status_code}}' }],
      unit: 'reqps',
      stacked: true,
    }),
    timeSeriesPanel({ title: 'Request rate by pod', targets: [{ expr: sumRate(`${server}_count`, 'pod'), legend: '{{pod}}' }], unit: 'reqps' }),
  ]);

  if (own.length > 0) addRow(dashboard, 'SLOs', own.flatMap((slo) => sloStats(slo)));

  const client = serviceMetrics.httpClientDuration;
  const db = serviceMetrics.dbClientDuration;
  addRow(
    dashboard,
    'Dependencies',
    [
      timeSeriesPanel({ title: 'Outgoing requests by peer', targets: [{ expr: sumRate(`${client}_count`, 'server_address'), legend: '{{server_address}}' }], unit: 'reqps' }),
      timeSeriesPanel({
        title: 'Outgoing failures by peer',
        description: '5xx answers, and attempts that got no answer (error_type: timeout, network). Calls an open circuit breaker refuses make no attempt and are not counted.',
        targets: [
          { expr: sumRate(`${client}_count`, 'server_address', ',http_response_status_code=~"5.."'), legend: '{{server_address}} 5xx' },
          { expr: sumRate(`${client}_count`, 'server_address, error_type', ',error_type!=""'), legend: '{{server_address}} {{error_type}}' },
        ],
        unit: 'reqps',
      }),
      timeSeriesPanel({ title: 'Outgoing latency p95 by peer', targets: [{ expr: quantile(0.95, client, ['server_address']), legend: '{{server_address}}' }], unit: 's' }),
      timeSeriesPanel({ title: 'Database operations by operation', targets: [{ expr: sumRate(`${db}_count`, 'db_operation_name'), legend: '{{db_operation_name}}' }], unit: 'ops' }),
      timeSeriesPanel({ title: 'Database latency p95 by operation', targets: [{ expr: quantile(0.95, db, ['db_operation_name']), legend: '{{db_operation_name}}' }], unit: 's' }),
      timeSeriesPanel({
        title: 'Database errors by error type',
        targets: [{ expr: sumRate(`${db}_count`, 'error_type', ',error_type!=""'), legend: '{{error_type}}' }],
        unit: 'ops',
      }),
      timeSeriesPanel({
        title: 'Database connection pool',
        description: 'Connections by state, and operations waiting for one.',
        targets: [
          { expr: `sum by (db_client_connection_state) (${serviceMetrics.dbConnectionCount}{${selector}})`, legend: '{{db_client_connection_state}}' },
          { expr: `sum(${serviceMetrics.dbPendingRequests}{${selector}})`, legend: 'waiting' },
        ],
        unit: 'short',
        width: 24,
      }),
    ],
    { collapsed: true },
  );

  const perPod = (metric: string) => `sum by (pod) (${metric}{${selector}})`;
  addRow(
    dashboard,
    'Runtime (Node.js)',
    [
      timeSeriesPanel({ title: 'CPU by pod', description: '100% is one core.', targets: [{ expr: sumRate(processMetrics.cpuSeconds, 'pod'), legend: '{{pod}}' }], unit: 'percentunit' }),
      timeSeriesPanel({ title: 'Resident memory by pod', targets: [{ expr: perPod(processMetrics.residentMemory), legend: '{{pod}}' }], unit: 'bytes' }),
      timeSeriesPanel({ title: 'Heap used by pod', targets: [{ expr: perPod(processMetrics.heapUsed), legend: '{{pod}}' }], unit: 'bytes' }),
      timeSeriesPanel({ title: 'Event loop lag p99 by pod', targets: [{ expr: `max by (pod) (${processMetrics.eventLoopLagP99}{${selector}})`, legend: '{{pod}}' }], unit: 's' }),
      timeSeriesPanel({
        title: 'Garbage collection time by kind',
        description: 'Seconds spent in GC per second.',
        targets: [{ expr: sumRate(`${processMetrics.gcDuration}_sum`, 'kind'), legend: '{{kind}}' }],
        unit: 'percentunit',
        width: 24,
      }),
    ],
    { collapsed: true },
  );

  return finishDashboard(dashboard);
}

/** Two stats per SLO, both linking to the SLO's dashboard. */
function sloStats(slo: DashboardSlo) {
  const link = [dataLink(`SLO: ${slo.service} / ${slo.name}`, sloDashboardUid(slo))];
  return [
    statPanel({
      title: `${slo.name}: SLI over ${slo.window}`,
      description: `Objective ${formatNumber(slo.objective)}%; the worst selected cluster.`,
      targets: [{ expr: sliFromBudgetExpr(slo, worstBudgetRemainingExpr(slo)) }],
      unit: 'percentunit',
      decimals: sliDecimals(slo),
      thresholds: thresholds('red', [{ value: objectiveRatio(slo), color: 'green' }]),
      links: link,
    }),
    statPanel({
      title: `${slo.name}: error budget remaining`,
      targets: [{ expr: worstBudgetRemainingExpr(slo) }],
      unit: 'percentunit',
      decimals: 1,
      thresholds: thresholds('red', budgetRemainingSteps),
      links: link,
    }),
  ];
}
