/**
 * The few building blocks every Strata dashboard shares: datasource references, Prometheus
 * targets with their refIds, time series and stat panels with legends on, rows, and the
 * dashboard shell (uid, tags, time, refresh, numbered panels).
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type Dashboard,
  type DashboardLink,
  type Panel,
  type QueryVariableBuilder,
  type ThresholdsConfig,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder as PrometheusQueryBuilder, PromQueryFormat, QueryEditorMode } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { datasourceUids } from '../observability/endpoints.ts';

export const prometheusDatasource: common.DataSourceRef = { type: 'prometheus', uid: datasourceUids.prometheus };
export const tempoDatasource: common.DataSourceRef = { type: 'tempo', uid: datasourceUids.tempo };

/** Every dashboard carries this tag; the tracing and SLO dashboards add their own. */
export const strataTag = 'strata';

/** `A`, `B`, … `Z`, `AA`, `AB`, …: the refId of the target at `index`. */
export function refIdAt(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${refIdAt(Math.floor(index / 26) - 1)}${letter}`;
}

export interface PromTarget {
  readonly expr: string;
  /** Legend template, e.g. `{{http_route}}`. @default - the series' labels */
  readonly legend?: string;
  /** Evaluate once, at the end of the range (stats, tables, bar gauges). @default false */
  readonly instant?: boolean;
  /** `table` for table panels that join several queries. @default 'time_series' */
  readonly format?: 'table';
  /** Also query exemplars, whose trace ids link to Tempo. @default false */
  readonly exemplar?: boolean;
}

/** The targets of one panel, with refIds `A`, `B`, … in order. */
export function prometheusTargets(targets: readonly PromTarget[]): PrometheusQueryBuilder[] {
  return targets.map((target, index) => {
    const query = new PrometheusQueryBuilder()
      .refId(refIdAt(index))
      .datasource(prometheusDatasource)
      .editorMode(QueryEditorMode.Code)
      .expr(target.expr);
    if (target.legend !== undefined) query.legendFormat(target.legend);
    if (target.instant === true) query.instant();
    else query.range();
    if (target.format === 'table') query.format(PromQueryFormat.Table);
    if (target.exemplar === true) query.exemplar(true);
    return query;
  });
}

export interface Threshold {
  readonly value: number;
  readonly color: string;
}

/** Absolute thresholds: `base` below the first step, then each step's color from its value on. */
export function thresholds(base: string, steps: readonly Threshold[] = []): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([{ value: null, color: base }, ...steps.map((s) => ({ value: s.value, color: s.color }))]);
}

/** A data link (on a panel's values) to another Strata dashboard, keeping the time range and the `cluster` selection. */
export function dataLink(title: string, uid: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title).url(`/d/${uid}?\${__url_time_range}&\${cluster:queryparam}`);
}

/** A link in a dashboard's header to another Strata dashboard, keeping the time range and the variables. */
export function headerLink(title: string, uid: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title).type(DashboardLinkType.Link).url(`/d/${uid}`).keepTime(true).includeVars(true);
}

export interface PanelOptions {
  readonly title: string;
  readonly description?: string;
  readonly targets: readonly PromTarget[];
  /** Grid columns, of 24. @default 12 */
  readonly width?: number;
  /** Grid rows. @default 8 */
  readonly height?: number;
  /** Grafana unit id, e.g. `reqps`, `percentunit`, `s`. @default - none */
  readonly unit?: string;
  /** @default - Grafana's automatic choice */
  readonly decimals?: number;
  /** @default - from the data */
  readonly min?: number;
  /** @default - from the data */
  readonly max?: number;
  /** @default - none */
  readonly thresholds?: ThresholdsConfigBuilder;
  /** Data links of the values. @default - none */
  readonly links?: readonly DashboardLinkBuilder[];
}

export interface TimeSeriesOptions extends PanelOptions {
  /** Draws the thresholds on the graph, e.g. a burn-rate factor. @default 'off' */
  readonly thresholdsStyle?: common.GraphThresholdsStyleMode;
  /** Stacks the series (rates that add up). @default false */
  readonly stacked?: boolean;
}

export function timeSeriesPanel(options: TimeSeriesOptions): TimeSeriesPanelBuilder {
  const panel = new TimeSeriesPanelBuilder()
    .title(options.title)
    .datasource(prometheusDatasource)
    .targets(prometheusTargets(options.targets))
    .span(options.width ?? 12)
    .height(options.height ?? 8)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
    .fillOpacity(options.stacked === true ? 30 : 10)
    .showPoints(common.VisibilityMode.Never);
  if (options.stacked === true) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  if (options.thresholdsStyle !== undefined) panel.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(options.thresholdsStyle));
  return applyFieldOptions(panel, options);
}

export interface StatOptions extends PanelOptions {
  /** A sparkline under the value: the targets are then range queries, else instant ones. @default false */
  readonly sparkline?: boolean;
}

export function statPanel(options: StatOptions): StatPanelBuilder {
  const instant = options.sparkline !== true;
  const panel = new StatPanelBuilder()
    .title(options.title)
    .datasource(prometheusDatasource)
    .targets(prometheusTargets(options.targets.map((target) => ({ ...target, instant }))))
    .span(options.width ?? 6)
    .height(options.height ?? 4)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(options.sparkline === true ? common.BigValueGraphMode.Area : common.BigValueGraphMode.None)
    .textMode(common.BigValueTextMode.Auto)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .orientation(common.VizOrientation.Auto);
  return applyFieldOptions(panel, options);
}

/** The field options that the panel builders share but do not share a base class for. */
interface FieldOptionsBuilder {
  description(description: string): this;
  unit(unit: string): this;
  decimals(decimals: number): this;
  min(min: number): this;
  max(max: number): this;
  thresholds(thresholds: cog.Builder<ThresholdsConfig>): this;
  dataLinks(links: cog.Builder<DashboardLink>[]): this;
}

export function applyFieldOptions<T extends FieldOptionsBuilder>(panel: T, options: Omit<PanelOptions, 'title' | 'targets'>): T {
  if (options.description !== undefined) panel.description(options.description);
  if (options.unit !== undefined) panel.unit(options.unit);
  if (options.decimals !== undefined) panel.decimals(options.decimals);
  if (options.min !== undefined) panel.min(options.min);
  if (options.max !== undefined) panel.max(options.max);
  if (options.thresholds !== undefined) panel.thresholds(options.thresholds);
  if (options.links !== undefined) panel.dataLinks([...options.links]);
  return panel;
}

export interface DashboardShell {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** Tags besides `strata`. @default [] */
  readonly tags?: readonly string[];
  /** Start of the default time range, e.g. `now-6h`. */
  readonly from: string;
  readonly variables: readonly QueryVariableBuilder[];
  /** Links in the dashboard's header. @default [] */
  readonly links?: readonly DashboardLinkBuilder[];
}

/**
 * A read-only dashboard (it is code: edits in Grafana would be lost on the next sync),
 * refreshed every minute, with a shared crosshair.
 */
export function newDashboard(shell: DashboardShell): DashboardBuilder {
  return new DashboardBuilder(shell.title)
    .uid(shell.uid)
    .description(shell.description)
    .tags([strataTag, ...(shell.tags ?? [])])
    .readonly()
    .timezone('browser')
    .tooltip(DashboardCursorSync.Crosshair)
    .time({ from: shell.from, to: 'now' })
    .refresh('1m')
    .variables([...shell.variables])
    .links([...(shell.links ?? [])]);
}

/**
 * Adds a row and its panels. An open row is followed by its panels on the dashboard;
 * a collapsed row holds them (Grafana queries them only once the row is opened).
 */
export function addRow(dashboard: DashboardBuilder, title: string, panels: readonly cog.Builder<Panel>[], options: { readonly collapsed?: boolean } = {}): DashboardBuilder {
  if (options.collapsed === true) {
    const row = new RowBuilder(title);
    for (const panel of panels) row.withPanel(panel);
    return dashboard.withRow(row.collapsed(true));
  }
  dashboard.withRow(new RowBuilder(title).collapsed(false));
  for (const panel of panels) dashboard.withPanel(panel);
  return dashboard;
}

/** Builds the dashboard and numbers its panels (rows and the panels of collapsed rows too) from 1, in order. */
export function finishDashboard(builder: DashboardBuilder): Dashboard {
  const dashboard = builder.build();
  let id = 0;
  for (const panel of dashboard.panels ?? []) {
    panel.id = ++id;
    if (panel.type === 'row' && 'panels' in panel) for (const nested of panel.panels) nested.id = ++id;
  }
  return dashboard;
}
