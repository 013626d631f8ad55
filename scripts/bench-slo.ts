/**
 * `npm run bench:slo`: Strata's SLO rules against rules shaped as Sloth generates them,
 * for the same 200 availability SLOs, on a real Prometheus (see docs/benchmarks.md).
 *
 *   node scripts/bench-slo.ts [--services 200] [--history-hours 3] [--rounds 4]
 *
 * 1. History: request counters of every service in two clusters (3 routes × 200/500),
 *    one sample a minute for --history-hours, backfilled with
 *    `promtool tsdb create-blocks-from openmetrics`.
 * 2. The present: a scrape target in this process serves the same counters (the same
 *    function of time), scraped every 15s, so rates over the last minutes are live.
 * 3. Recording-rule history: both rule sets' base recordings (Strata's two rates, Sloth's
 *    SLI ratios) are evaluated by that Prometheus over the same hours (query_range, 1m step)
 *    and imported like the counters, so that windows over recorded series read as much
 *    history as windows over raw ones.
 * 4. Each rule set then runs alone on a fresh start of Prometheus on that data; every group
 *    is evaluated every 15s (both sets alike) and each group's evaluationTime is read from
 *    /api/v1/rules for several rounds. Samples read: each rule's expression queried once
 *    with stats=all at the same instant.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { expandShorthands, normalizeSlos, renderSloRules, sloSeries, type PrometheusRuleGroup } from '../packages/render/src/slo/index.ts';
import { toYaml } from '../packages/render/src/yaml.ts';

const prometheusBin = '/usr/bin/prometheus';
const promtoolBin = '/usr/bin/promtool';
const metric = 'http_server_request_duration_seconds_count';
const clusters = ['eu-1', 'us-1'] as const;
const routes = ['/a', '/b', '/c'] as const;
const benchInterval = '15s';

const { values: args } = parseArgs({
  options: {
    services: { type: 'string', default: '200' },
    'history-hours': { type: 'string', default: '3' },
    rounds: { type: 'string', default: '4' },
    port: { type: 'string', default: '19190' },
  },
});
const serviceCount = Number(args.services);
const historyHours = Number(args['history-hours']);
const rounds = Number(args.rounds);
const port = Number(args.port);
const targetPort = port + 1;
const services = Array.from({ length: serviceCount }, (_, i) => `svc${String(i).padStart(3, '0')}`);

// ─── Synthetic traffic: a deterministic function of time ─────────────────────

/** Requests per second of one series; errors are 0.05%–0.5% of a route's traffic, varying by service. */
function ratePerSecond(serviceIndex: number, cluster: number, route: number, status: '200' | '500'): number {
  const base = 2 + ((serviceIndex * 7 + route * 3 + cluster) % 20);
  const errorShare = 0.0005 + ((serviceIndex * 13 + route) % 10) * 0.0005;
  return status === '500' ? base * errorShare : base * (1 - errorShare);
}

function counterAt(seconds: number, serviceIndex: number, cluster: number, route: number, status: '200' | '500'): number {
  return Math.floor(ratePerSecond(serviceIndex, cluster, route, status) * seconds);
}

function eachSeries(visit: (labels: string, serviceIndex: number, cluster: number, route: number, status: '200' | '500') => void): void {
  services.forEach((service, s) =>
    clusters.forEach((cluster, c) =>
      routes.forEach((route, r) =>
        (['200', '500'] as const).forEach((status) =>
          visit(`{cluster="${cluster}",service="${service}",http_route="${route}",http_response_status_code="${status}"}`, s, c, r, status),
        ),
      ),
    ),
  );
}

// ─── The two rule sets ───────────────────────────────────────────────────────

const specs = services.flatMap((service) => expandShorthands(service, { availability: 99.9 }));
const { slos, diagnostics } = normalizeSlos(specs);
if (diagnostics.length > 0) throw new Error(`bench SLOs are invalid: ${JSON.stringify(diagnostics[0])}`);
const strataGroups = renderSloRules(slos, { groupingLabels: ['cluster'] });

/** Rules shaped as Sloth documents its output (examples/_gen of slok/sloth), per cluster like Strata's. */
function slothGroups(service: string): PrometheusRuleGroup[] {
  const id = `${service}-availability`;
  const ids = `sloth_id="${id}", sloth_service="${service}", sloth_slo="availability"`;
  const base = { sloth_id: id, sloth_service: service, sloth_slo: 'availability' };
  const errors = `${metric}{service="${service}",http_response_status_code=~"5.."}`;
  const total = `${metric}{service="${service}"}`;
  const windows = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
  const budget = '(1 - 0.999)';
  const above = (w: string, f: number) => `(slo:sli_error:ratio_rate${w}{${ids}} > (${f} * ${budget}))`;
  const pair = (long: string, short: string, f: number) => `(${above(short, f)} and ignoring (sloth_window) ${above(long, f)})`;
  return [
    {
      name: `sloth-slo-sli-recordings-${id}`,
      rules: [
        ...windows.map((w) => ({
          record: `slo:sli_error:ratio_rate${w}`,
          expr: `(sum by (cluster) (rate(${errors}[${w}])))\n/\n(sum by (cluster) (rate(${total}[${w}])))`,
          labels: { ...base, sloth_window: w },
        })),
        {
          record: 'slo:sli_error:ratio_rate30d',
          expr: `sum_over_time(slo:sli_error:ratio_rate5m{${ids}}[30d])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m{${ids}}[30d])`,
          labels: { sloth_window: '30d' },
        },
      ],
    },
    {
      name: `sloth-slo-meta-recordings-${id}`,
      rules: [
        { record: 'slo:objective:ratio', expr: 'vector(0.999)', labels: base },
        { record: 'slo:error_budget:ratio', expr: `vector${budget}`, labels: base },
        { record: 'slo:time_period:days', expr: 'vector(30)', labels: base },
        {
          record: 'slo:current_burn_rate:ratio',
          expr: `slo:sli_error:ratio_rate5m{${ids}}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{${ids}}`,
          labels: base,
        },
        {
          record: 'slo:period_burn_rate:ratio',
          expr: `slo:sli_error:ratio_rate30d{${ids}}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{${ids}}`,
          labels: base,
        },
        { record: 'slo:period_error_budget_remaining:ratio', expr: `1 - slo:period_burn_rate:ratio{${ids}}`, labels: base },
        { record: 'sloth_slo_info', expr: 'vector(1)', labels: { ...base, sloth_mode: 'cli-gen-prom', sloth_spec: 'prometheus/v1', sloth_version: 'bench' } },
      ],
    },
    {
      name: `sloth-slo-alerts-${id}`,
      rules: [
        { alert: 'SlothPage', expr: `${pair('1h', '5m', 14.4)}\nor ignoring (sloth_window)\n${pair('6h', '30m', 6)}`, labels: { severity: 'page', sloth_severity: 'page' } },
        { alert: 'SlothTicket', expr: `${pair('1d', '2h', 3)}\nor ignoring (sloth_window)\n${pair('3d', '6h', 1)}`, labels: { severity: 'ticket', sloth_severity: 'ticket' } },
      ],
    },
  ];
}

const sets = {
  strata: { groups: strataGroups, names: Object.values(sloSeries) },
  sloth: {
    groups: services.flatMap(slothGroups),
    names: [
      ...['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => `slo:sli_error:ratio_rate${w}`),
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:time_period:days',
      'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
      'sloth_slo_info',
    ],
  },
} as const;
type SetName = keyof typeof sets;

/** The recordings that read raw counters only: the ones whose history can be backfilled. */
function baseRecordings(groups: readonly PrometheusRuleGroup[]) {
  return groups.flatMap((g) => g.rules.filter((r) => r.record !== undefined && r.expr.includes(metric)));
}

const withBenchInterval = (groups: readonly PrometheusRuleGroup[]) => groups.map((g) => ({ ...g, interval: benchInterval }));

// ─── Prometheus ──────────────────────────────────────────────────────────────

const work = mkdtempSync(join(tmpdir(), 'strata-bench-slo-'));
const dataDir = join(work, 'data');
mkdirSync(dataDir);
const base = `http://127.0.0.1:${port}`;
let prometheus: ChildProcess | undefined;
let target: Server | undefined;

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

async function startPrometheus(ruleFile: string | undefined): Promise<void> {
  const config = join(work, 'prometheus.yml');
  writeFileSync(
    config,
    toYaml([
      {
        global: { scrape_interval: '15s', evaluation_interval: benchInterval },
        rule_files: ruleFile === undefined ? [] : [ruleFile],
        scrape_configs: [{ job_name: 'synthetic', honor_labels: true, static_configs: [{ targets: [`127.0.0.1:${targetPort}`] }] }],
      },
    ]),
  );
  const log = openSync(join(work, 'prometheus.log'), 'a');
  const child = spawn(prometheusBin, [`--config.file=${config}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
    stdio: ['ignore', log, log],
  });
  prometheus = child;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited with ${child.exitCode}:\n${readFileSync(join(work, 'prometheus.log'), 'utf8')}`);
    const ready = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await sleep(250);
  }
  throw new Error(`Prometheus did not become ready within 60s:\n${readFileSync(join(work, 'prometheus.log'), 'utf8')}`);
}

async function stopPrometheus(): Promise<void> {
  const child = prometheus;
  prometheus = undefined;
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function recordedTypes(): string[] {
  const names = new Set(Object.values(sets).flatMap((set) => baseRecordings(set.groups).map((r) => r.record ?? '')));
  return [...names].map((name) => `# TYPE ${name} gauge`);
}

async function queryRange(expr: string, start: number, end: number): Promise<{ metric: Record<string, string>; values: [number, string][] }[]> {
  const params = new URLSearchParams({ query: expr, start: String(start), end: String(end), step: '60' });
  const body = (await (await fetch(`${base}/api/v1/query_range?${params}`)).json()) as {
    status: string;
    error?: string;
    data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
  };
  if (body.status !== 'success') throw new Error(`query_range failed: ${body.error} in ${expr}`);
  return body.data.result;
}

async function query(expr: string, time?: number, stats = false): Promise<{ result: { value: [number, string] }[]; samples: number }> {
  const params = new URLSearchParams({ query: expr, ...(time === undefined ? {} : { time: String(time) }), ...(stats ? { stats: 'all' } : {}) });
  const body = (await (await fetch(`${base}/api/v1/query?${params}`)).json()) as {
    status: string;
    error?: string;
    data: { result: { value: [number, string] }[]; stats?: { samples?: { totalQueryableSamples?: number } } };
  };
  if (body.status !== 'success') throw new Error(`query failed: ${body.error} in ${expr}`);
  return { result: body.data.result, samples: body.data.stats?.samples?.totalQueryableSamples ?? 0 };
}

interface GroupStatus {
  name: string;
  evaluationTime: number;
  lastEvaluation: string;
}

async function ruleGroups(): Promise<GroupStatus[]> {
  const body = (await (await fetch(`${base}/api/v1/rules`)).json()) as { data: { groups: GroupStatus[] } };
  return body.data.groups;
}

/** Per-round evaluation time: for each group the median of `rounds` evaluations, summed. */
async function measureEvaluation(groupCount: number): Promise<{ perRoundSeconds: number; roundsSeen: number; slowest: [string, number][] }> {
  const seen = new Map<string, Map<string, number>>();
  const deadline = Date.now() + (rounds + 3) * 15_000 + 30_000;
  const complete = () => seen.size === groupCount && [...seen.values()].every((m) => m.size >= rounds + 1);
  while (Date.now() < deadline && !complete()) {
    for (const group of await ruleGroups()) {
      if (group.lastEvaluation.startsWith('0001')) continue;
      const times = seen.get(group.name) ?? new Map<string, number>();
      times.set(group.lastEvaluation, group.evaluationTime);
      seen.set(group.name, times);
    }
    await sleep(2_000);
  }
  let total = 0;
  let roundsSeen = Infinity;
  const perGroup: [string, number][] = [];
  for (const [name, times] of seen.entries()) {
    // The first evaluation after a start warms caches: leave it out when there are more.
    const values = [...times.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
    const measured = values.length > 1 ? values.slice(1) : values;
    roundsSeen = Math.min(roundsSeen, measured.length);
    total += median(measured);
    perGroup.push([name, median(measured)]);
  }
  const slowest = perGroup.sort(([, a], [, b]) => b - a).slice(0, 4);
  return { perRoundSeconds: total, roundsSeen: roundsSeen === Infinity ? 0 : roundsSeen, slowest };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function samplesRead(groups: readonly PrometheusRuleGroup[], time: number): Promise<number> {
  const exprs = groups.flatMap((g) => g.rules.map((r) => r.expr));
  let total = 0;
  for (let i = 0; i < exprs.length; i += 8) {
    const batch = await Promise.all(exprs.slice(i, i + 8).map((e) => query(e, time, true)));
    total += batch.reduce((sum, r) => sum + r.samples, 0);
  }
  return total;
}

// ─── The run ─────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const startedAt = Math.floor(Date.now() / 60_000) * 60;
  const historyStart = startedAt - historyHours * 3600;

  target = createServer((_, response) => {
    const now = Date.now() / 1000;
    let body = `# TYPE ${metric} counter\n`;
    eachSeries((labels, s, c, r, status) => {
      body += `${metric}${labels} ${counterAt(now - historyStart, s, c, r, status)}\n`;
    });
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body);
  });
  await new Promise<void>((resolve) => target?.listen(targetPort, '127.0.0.1', resolve));

  console.log(`bench:slo: ${serviceCount} services × ${clusters.length} clusters, ${historyHours}h of history, in ${work}`);
  const openMetrics: string[] = [`# TYPE ${metric} unknown`];
  for (let t = historyStart; t < startedAt; t += 60) {
    eachSeries((labels, s, c, r, status) => openMetrics.push(`${metric}${labels} ${counterAt(t - historyStart, s, c, r, status)} ${t}`));
  }
  openMetrics.push('# EOF\n');
  writeFileSync(join(work, 'history.om'), openMetrics.join('\n'));
  run(promtoolBin, ['tsdb', 'create-blocks-from', 'openmetrics', join(work, 'history.om'), dataDir]);

  // Recording-rule history: each base recording evaluated by Prometheus with query_range
  // at a 1m step (what `promtool tsdb create-blocks-from rules` does, but that tool writes
  // one block per rule: 1,800 overlapping blocks), written as OpenMetrics and imported.
  await startPrometheus(undefined);
  const recorded: string[] = [];
  for (const name of ['strata', 'sloth'] as const) {
    const rules = baseRecordings(sets[name].groups);
    for (let i = 0; i < rules.length; i += 8) {
      await Promise.all(
        rules.slice(i, i + 8).map(async (rule) => {
          for (const series of await queryRange(rule.expr, historyStart + 60, startedAt - 60)) {
            const labels = { ...series.metric, ...rule.labels };
            const text = Object.entries(labels)
              .filter(([key]) => key !== '__name__')
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
              .join(',');
            for (const [t, v] of series.values) recorded.push(`${rule.record}{${text}} ${v} ${t}`);
          }
        }),
      );
    }
  }
  await stopPrometheus();
  recorded.sort((a, b) => Number(a.slice(a.lastIndexOf(' ') + 1)) - Number(b.slice(b.lastIndexOf(' ') + 1)));
  writeFileSync(join(work, 'recorded.om'), [...recordedTypes(), ...recorded, '# EOF\n'].join('\n'));
  run(promtoolBin, ['tsdb', 'create-blocks-from', 'openmetrics', join(work, 'recorded.om'), dataDir]);

  const results: Record<SetName, { series: number; groups: number; rules: number; perRoundSeconds: number; roundsSeen: number; samples: number; slowest: [string, number][] }> = {
    strata: { series: 0, groups: 0, rules: 0, perRoundSeconds: 0, roundsSeen: 0, samples: 0, slowest: [] },
    sloth: { series: 0, groups: 0, rules: 0, perRoundSeconds: 0, roundsSeen: 0, samples: 0, slowest: [] },
  };
  for (const name of ['strata', 'sloth'] as const) {
    const groups = withBenchInterval(sets[name].groups);
    const file = join(work, `${name}.yml`);
    writeFileSync(file, toYaml([{ groups }]));
    run(promtoolBin, ['check', 'rules', file]);
    await startPrometheus(file);
    const evaluation = await measureEvaluation(groups.length);
    const now = Date.now() / 1000;
    const series = await query(`count({__name__=~"${sets[name].names.join('|')}"})`, now);
    results[name] = {
      series: Number(series.result[0]?.value[1] ?? 0),
      groups: groups.length,
      rules: groups.reduce((n, g) => n + g.rules.length, 0),
      ...evaluation,
      samples: await samplesRead(groups, now),
    };
    await stopPrometheus();
    console.log(`  ${name}: done`);
  }

  const { strata, sloth } = results;
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));
  console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Prometheus ${spawnSync(prometheusBin, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}`);
  console.log('| rules | groups | rules | recorded series | evaluation time per round (ms) | samples read per round |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(results)) {
    console.log(`| ${name} | ${r.groups} | ${r.rules} | ${r.series} | ${(r.perRoundSeconds * 1000).toFixed(1)} (median of ${r.roundsSeen}) | ${r.samples} |`);
  }
  console.log(`| Strata ÷ Sloth | | | ${ratio(strata.series, sloth.series)} | ${ratio(strata.perRoundSeconds, sloth.perRoundSeconds)} | ${ratio(strata.samples, sloth.samples)} |`);
  const seriesOk = strata.series <= 0.3 * sloth.series;
  const timeOk = strata.perRoundSeconds <= 0.25 * sloth.perRoundSeconds;
  for (const name of ['strata', 'sloth'] as const) {
    const slowest = results[name].slowest.map(([group, seconds]) => `${group} ${(seconds * 1000).toFixed(1)} ms`).join(', ');
    console.log(`slowest groups, ${name}: ${slowest}`);
  }
  console.log(`\ngoal: series ≤ 0.3× ${seriesOk ? 'PASS' : 'FAIL'}; evaluation time ≤ 0.25× ${timeOk ? 'PASS' : 'FAIL'}`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await stopPrometheus();
  target?.close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
