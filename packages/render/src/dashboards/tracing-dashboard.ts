import * as common from '@grafana/grafana-foundation-sdk/common';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as NodeGraphPanelBuilder } from '@grafana/grafana-foundation-sdk/nodegraph';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { DataqueryBuilder as TempoQueryBuilder, SearchTableType, TempoQueryType } from '@grafana/grafana-foundation-sdk/tempo';
import { serviceGraphMetrics, spanMetrics } from './metrics.ts';
import { addRow, finishDashboard, headerLink, newDashboard, prometheusDatasource, prometheusTargets, refIdAt, tempoDatasource, timeSeriesPanel, type PromTarget } from './panels.ts';
import { histogramQuantile, ratioOrZero } from './promql.ts';
import { dashboardUids } from './uids.ts';
import { clusterMatcher, clusterVariable, labelVariable } from './variables.ts';

const rateWindow = '$__rate_interval';

/**
 * Traces of the platform: the service graph (the collector's `servicegraph` connector,
 * drawn by Tempo's service map), the edges' rates, errors and latency, a TraceQL search
 * of recent and failed traces, and RED per service from the `spanmetrics` connector.
 */
export function renderTracingDashboard(): Dashboard {
  const dashboard = newDashboard({
    uid: dashboardUids.tracing,
    title: 'Traces',
    description: 'Service graph, trace search and span metrics (RED per service) from the OpenTelemetry Collector and Tempo.',
    tags: ['tracing'],
    from: 'now-1h',
    variables: [clusterVariable(spanMetrics.calls), labelVariable('service', 'Service', spanMetrics.calls, 'service_name')],
    links: [headerLink('All SLOs', dashboardUids.sloOverview)],
  });

  dashboard
    .withPanel(
      new NodeGraphPanelBuilder()
        .title('Service graph')
        .description('Requests between services, from the traces_service_graph_* metrics of the collector, drawn by the Tempo datasource.')
        .datasource(tempoDatasource)
        .targets([new TempoQueryBuilder().refId('A').datasource(tempoDatasource).queryType(TempoQueryType.ServiceMap)])
        .span(24)
        .height(14),
    )
    .withPanel(serviceGraphEdges());

  addRow(dashboard, 'Trace search', [
    traceSearch('Recent traces', '{ resource.service.name =~ "$service" }'),
    traceSearch('Recent failed traces', '{ resource.service.name =~ "$service" && status = error }'),
  ]);

  const server = `service_name=~"$service",span_kind="${spanMetrics.serverKind}",${clusterMatcher}`;
  const calls = (extra = '') => `sum by (service_name) (rate(${spanMetrics.calls}{${server}${extra}}[${rateWindow}]))`;
  addRow(dashboard, 'Span metrics: server spans by service', [
    timeSeriesPanel({ title: 'Server spans per second', targets: [{ expr: calls(), legend: '{{service_name}}' }], unit: 'reqps', width: 8 }),
    timeSeriesPanel({
      title: 'Server span error ratio',
      description: 'Spans with status ERROR ÷ all server spans.',
      targets: [{ expr: ratioOrZero(calls(`,status_code="${spanMetrics.errorStatus}"`), calls()), legend: '{{service_name}}' }],
      unit: 'percentunit',
      min: 0,
      width: 8,
    }),
    timeSeriesPanel({
      title: 'Server span duration p95',
      targets: [{ expr: histogramQuantile(0.95, spanMetrics.duration, server, ['service_name'], rateWindow), legend: '{{service_name}}' }],
      unit: spanMetrics.durationUnit,
      width: 8,
    }),
    slowestOperations(server),
  ]);
  return finishDashboard(dashboard);
}

function traceSearch(title: string, traceql: string): TablePanelBuilder {
  return new TablePanelBuilder()
    .title(title)
    .description(`TraceQL: ${traceql}`)
    .datasource(tempoDatasource)
    .targets([
      new TempoQueryBuilder().refId('A').datasource(tempoDatasource).queryType(TempoQueryType.Traceql).query(traceql).limit(20).tableType(SearchTableType.Traces),
    ])
    .span(12)
    .height(10);
}

/** Each edge of the service graph over the time range: rate, failed share, p95 seen by the server. */
function serviceGraphEdges(): TablePanelBuilder {
  const range = '$__range';
  const edges = (metric: string) => `sum by (client, server) (rate(${metric}{${clusterMatcher}}[${range}]))`;
  const targets: PromTarget[] = [
    { expr: edges(serviceGraphMetrics.requests), instant: true, format: 'table' },
    { expr: ratioOrZero(edges(serviceGraphMetrics.failedRequests), edges(serviceGraphMetrics.requests)), instant: true, format: 'table' },
    { expr: histogramQuantile(0.95, serviceGraphMetrics.serverDuration, clusterMatcher, ['client', 'server'], range), instant: true, format: 'table' },
  ];
  const [rate, failed, latency] = ['Requests per second', 'Failed', 'Server latency p95'];
  return new TablePanelBuilder()
    .title('Service graph edges')
    .description('Client → server pairs over the time range (traces_service_graph_request_total, _failed_total, _server_seconds).')
    .datasource(prometheusDatasource)
    .targets(prometheusTargets(targets))
    .span(24)
    .height(8)
    .transformations([
      { id: 'merge', options: {} },
      {
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          indexByName: { client: 0, server: 1, [`Value #${refIdAt(0)}`]: 2, [`Value #${refIdAt(1)}`]: 3, [`Value #${refIdAt(2)}`]: 4 },
          renameByName: { client: 'Client', server: 'Server', [`Value #${refIdAt(0)}`]: rate, [`Value #${refIdAt(1)}`]: failed, [`Value #${refIdAt(2)}`]: latency },
        },
      },
    ])
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(rate).desc(true)])
    .overrides([
      { matcher: { id: 'byName', options: rate }, properties: [{ id: 'unit', value: 'reqps' }] },
      { matcher: { id: 'byName', options: failed }, properties: [{ id: 'unit', value: 'percentunit' }, { id: 'decimals', value: 2 }] },
      { matcher: { id: 'byName', options: latency }, properties: [{ id: 'unit', value: 's' }] },
    ]);
}

/** The ten operations (service, span name) with the highest p95 over the time range. */
function slowestOperations(server: string): TablePanelBuilder {
  const p95 = 'p95';
  return new TablePanelBuilder()
    .title('Slowest operations (p95)')
    .datasource(prometheusDatasource)
    .targets(
      prometheusTargets([
        { expr: `topk(10, ${histogramQuantile(0.95, spanMetrics.duration, server, ['service_name', 'span_name'], '$__range')})`, instant: true, format: 'table' },
      ]),
    )
    .span(24)
    .height(8)
    .transformations([{ id: 'organize', options: { excludeByName: { Time: true }, renameByName: { service_name: 'Service', span_name: 'Operation', Value: p95 } } }])
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(p95).desc(true)])
    .overrides([{ matcher: { id: 'byName', options: p95 }, properties: [{ id: 'unit', value: spanMetrics.durationUnit }] }]);
}
