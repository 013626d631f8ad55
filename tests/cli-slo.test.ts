/**
 * End-to-end tests of `strata slo export | import | status`: the installed bin, spawned
 * from the repository root. status runs against a real Prometheus (Debian's package) that
 * scrapes counters of known rates and evaluates the SLO rules Strata renders for the
 * reference platform, so the burn rates and budgets it prints can be checked by arithmetic.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { loadAll } from 'js-yaml';
import { expandSlo, validatePlatform, type ServiceSloSpec, type Slo } from '@strata/model';
import { normalizeSlos, renderSloRules, sloAlertNames, type SloSpec } from '@strata/render/slo';
import { freePort } from '@strata/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../platform/index.ts';
import { prometheusBinary, startPrometheus } from './helpers/prometheus.ts';
import { linesOf, makeDefinitionsDir, makeTempDir, repoRoot, runStrata, type StrataRun } from './helpers/strata.ts';

const binDir = join(repoRoot, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` };

/** Runs a shell pipeline of strata commands from the repository root, without blocking the test's event loop. */
function runShell(script: string): Promise<StrataRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `strata <args>` with `input` on stdin. */
function runStrataWithInput(args: readonly string[], input: string): StrataRun {
  const result = spawnSync(join(binDir, 'strata'), [...args], { cwd: repoRoot, env, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;
const strata = (...args: string[]) => `strata ${args.map(quote).join(' ')}`;

/** The reference platform's SLOs, normalized, as the CLI sees them. */
function platformSlos(): Slo[] {
  const result = validatePlatform(platform);
  if (!result.ok) throw new Error(`the reference platform does not validate: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.platform.services.flatMap((service) => service.slos);
}

const byId = (a: { service: string; name: string }, b: { service: string; name: string }) => `${a.service}/${a.name}`.localeCompare(`${b.service}/${b.name}`);
const sloUsageFirstLine = 'Usage: strata slo <export|import|status> [options]';

function expectSloUsageError(run: StrataRun, message: string): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const [first, second] = linesOf(run.stderr);
  expect(first).toBe(message);
  expect(second).toBe(sloUsageFirstLine);
}

let work: string;
beforeAll(() => {
  work = makeTempDir();
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('strata slo help and usage errors', () => {
  it('GIVEN --help WHEN strata runs THEN the usage lists the three slo subcommands and their flags', () => {
    const run = runStrata(['--help']);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  slo export   Write every SLO of the platform as OpenSLO v1 YAML\n');
    expect(run.stdout).toContain('  slo import   Convert OpenSLO v1 YAML into services[].slos, checked like the definition\n');
    expect(run.stdout).toContain('  slo status   Show each SLO\'s SLI, error budget left, burn rates and firing alerts\n');
    expect(run.stdout).toContain('             --prometheus URL  Prometheus to ask, e.g. http://localhost:9090 (required)\n');
  });

  it('GIVEN slo --help and slo status --help WHEN strata runs THEN both print the slo usage on stdout and exit 0', () => {
    for (const args of [['slo', '--help'], ['slo', 'status', '--help']]) {
      const run = runStrata(args);
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout.startsWith(`${sloUsageFirstLine}\n`)).toBe(true);
      expect(run.stdout).toContain('             FILE | -          the file to read, or - for stdin (required)\n');
    }
  });

  it.each([
    [['slo'], 'strata: "strata slo" needs a subcommand: export, import, status'],
    [['slo', 'report'], 'strata: unknown subcommand "slo report" (subcommands: export, import, status)'],
    [['slo', 'export', '--frobnicate'], "strata: Unknown option '--frobnicate'"],
    [['slo', 'export', '--json'], 'strata: option --json does not apply to "strata slo export"'],
    [['slo', 'import'], 'strata: "strata slo import" needs the file to read (FILE, or - for stdin)'],
    [['slo', 'import', 'a.yaml', 'b.yaml'], 'strata: unexpected argument "b.yaml" to "strata slo import"'],
    [['slo', 'import', 'nope.yaml'], 'strata: file nope.yaml does not exist'],
    [['slo', 'status'], 'strata: "strata slo status" needs --prometheus URL (e.g. http://localhost:9090)'],
    [['slo', 'status', '--prometheus', 'localhost:9090'], 'strata: --prometheus "localhost:9090" is not an http or https URL (e.g. http://localhost:9090)'],
    [['slo', 'status', '--prometheus', 'http://u:p@localhost:9090'], 'strata: --prometheus: credentials in the URL are not supported; reach Prometheus through a port-forward or a proxy'],
  ])('GIVEN strata %j THEN it says %j, prints the slo usage and exits 2', (args, message) => {
    expectSloUsageError(runStrata(args), message);
  });
});

describe('strata slo export', () => {
  it('GIVEN the reference platform WHEN exported THEN stdout is OpenSLO v1: a Service per service, then its SLOs as ratioMetric over Prometheus', () => {
    const run = runStrata(['slo', 'export']);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(linesOf(run.stdout)[0]).toBe('# OpenSLO v1: every SLO of platform/index.ts, written by `strata slo export` (read back by `strata slo import`)');
    const documents = loadAll(run.stdout) as { kind: string; metadata: { name: string }; spec: Record<string, unknown> }[];
    const slos = platformSlos();
    expect(documents.filter((d) => d.kind === 'SLO').map((d) => d.metadata.name).sort()).toEqual(slos.map((s) => `${s.service}-${s.name}`).sort());
    expect(documents.filter((d) => d.kind === 'Service').map((d) => d.metadata.name)).toEqual(['inventory', 'orders', 'storefront']);
    expect(documents.find((d) => d.metadata.name === 'storefront-latency')).toMatchObject({
      apiVersion: 'openslo/v1',
      metadata: { labels: { team: 'shop' } },
      spec: {
        service: 'storefront',
        budgetingMethod: 'Occurrences',
        timeWindow: [{ duration: '30d', isRolling: true }],
        objectives: [{ target: 0.99 }],
        indicator: {
          spec: {
            ratioMetric: {
              counter: true,
              good: { metricSource: { type: 'Prometheus', spec: { query: 'http_server_request_duration_seconds_bucket{service="storefront",le="0.25"}' } } },
              total: { metricSource: { type: 'Prometheus', spec: { query: 'http_server_request_duration_seconds_count{service="storefront"}' } } },
            },
          },
        },
      },
    });
  });

  it('GIVEN --out FILE WHEN exported THEN the YAML goes to the file and stdout says how many SLOs went there', () => {
    const out = join(work, 'slos.yaml');

    const run = runStrata(['slo', 'export', '--out', out]);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`slo export: 6 SLOs of 3 services → ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(runStrata(['slo', 'export']).stdout);
  });

  it('GIVEN a definition with errors WHEN exported THEN its diagnostics are printed, nothing is written, exit 1', () => {
    const dir = makeDefinitionsDir();
    const file = join(dir, 'broken.ts');
    writeFileSync(
      file,
      [
        "import { definePlatform } from '@strata/model';",
        "import { platform as base } from '../../../platform/index.ts';",
        'export const platform = definePlatform({ ...base, services: base.services?.map((s) => ({ ...s, slos: [{ availability: 100.5 }] })) });',
        '',
      ].join('\n'),
    );

    let run: StrataRun;
    try {
      run = runStrata(['slo', 'export', '--platform', file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toContain('error STR012 services.storefront.slos[0].availability: 100.5 is not a percentage below 100 (e.g. 99.9)');
  });
});

describe('strata slo import', () => {
  it('GIVEN export piped into import --json THEN the imported SLOs normalize to exactly the platform\'s SLOs', async () => {
    const run = await runShell(`${strata('slo', 'export')} | ${strata('slo', 'import', '-', '--json')}`);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; slos: SloSpec[]; skipped: string[]; diagnostics: unknown[] };
    expect(result).toMatchObject({ ok: true, skipped: [], diagnostics: [] });
    const imported = normalizeSlos(result.slos);
    expect(imported.diagnostics).toEqual([]);
    expect([...imported.slos].sort(byId)).toEqual([...platformSlos()].sort(byId));
  });

  it('GIVEN export piped into import THEN the TypeScript snippets are the shorthands of platform/services.ts, and they load and expand to the same SLOs', async () => {
    const run = await runShell(`${strata('slo', 'export')} | ${strata('slo', 'import', '-')}`);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe('slo import: 6 SLOs of 3 services from stdin\n');
    expect(run.stdout).toContain(
      [
        '// orders (team shop): the slos of its entry in services (platform/services.ts)',
        'slos: [',
        '  { availability: 99.9 },',
        '  { latency: { objective: 99, thresholdSeconds: 0.25 } },',
        '],',
      ].join('\n'),
    );
    // Each block pasted into an object literal of a module that Node loads.
    const blocks = run.stdout.trimEnd().split('\n\n');
    const dir = makeDefinitionsDir();
    const module = join(dir, 'snippet.ts');
    let services: { slos: ServiceSloSpec[] }[];
    try {
      writeFileSync(module, `export const services = [\n${blocks.map((block) => `{\n${block}\n},`).join('\n')}\n];\n`);
      ({ services } = (await import(pathToFileURL(module).href)) as { services: { slos: ServiceSloSpec[] }[] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const names = blocks.map((block) => /^\/\/ (\S+)/.exec(block)?.[1] ?? '');
    const expanded = services.flatMap(({ slos }, i) => slos.map((slo) => normalizeSlos([{ service: names[i] ?? '', team: 'shop', ...expandSlo(names[i] ?? '', slo).spec }]).slos[0]));
    expect([...expanded].sort((a, b) => byId(a as Slo, b as Slo))).toEqual([...platformSlos()].sort(byId));
  });

  it('GIVEN a file with unsupported SLOs WHEN imported THEN each problem is one line naming the document and field, the rest is imported, exit 1', () => {
    const file = join(work, 'mixed.yaml');
    const exported = runStrata(['slo', 'export']).stdout;
    const orders = (loadAll(exported) as { metadata: { name: string } }[]).find((d) => d.metadata.name === 'orders-availability');
    writeFileSync(
      file,
      [
        exported,
        `---\n${JSON.stringify({ ...orders, metadata: { name: 'orders-slices' }, spec: { ...(orders as unknown as { spec: object }).spec, budgetingMethod: 'Timeslices' } })}\n`,
        '---\napiVersion: openslo/v1\nkind: SLO\nmetadata: { name: cpu }\nspec:\n  service: orders\n  indicator: { metadata: { name: cpu }, spec: { thresholdMetric: { metricSource: { type: Prometheus, spec: { query: up } } } } }\n  timeWindow: [{ duration: 1M, calendar: { startTime: "2024-01-01 00:00:00", timeZone: UTC } }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.99 }]\n',
      ].join(''),
    );

    const run = runStrata(['slo', 'import', file]);

    expect(run.status).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      'error STR083 documents[9](orders-slices).spec.budgetingMethod: Timeslices is not supported: Strata counts events (Occurrences) (hint: budgetingMethod: Occurrences, if counting good and bad events is what you mean)',
      'error STR083 documents[10](cpu).spec.indicator.spec.thresholdMetric: is not supported: Strata SLOs are ratios of events (hint: use ratioMetric with counters of bad (or, for latency, good) events and of all events)',
      'error STR083 documents[10](cpu).spec.timeWindow[0]: a calendar-aligned window is not supported: Strata SLO windows roll (hint: isRolling: true, with a duration in days such as 30d)',
      `slo import: 6 SLOs of 3 services from ${file}; 2 SLO documents not imported: documents[9](orders-slices), documents[10](cpu)`,
    ]);
    expect(run.stdout).toContain('// storefront (team shop)');
  });

  it('GIVEN text that is not YAML on stdin WHEN imported THEN one line says where, with no stack trace, exit 1', () => {
    const run = runStrataWithInput(['slo', 'import', '-', '--json'], 'apiVersion: openslo/v1\nkind: "SLO\n');

    expect(run.status).toBe(1);
    expect(linesOf(run.stderr)).toEqual(['error STR080 stdin:3:1: is not valid YAML: unexpected end of the stream within a double quoted scalar']);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      slos: [],
      skipped: [],
      diagnostics: [{ severity: 'error', code: 'STR080', path: 'stdin:3:1', message: 'is not valid YAML: unexpected end of the stream within a double quoted scalar' }],
    });
  });
});

describe('strata slo status without a Prometheus', () => {
  it('GIVEN a port nothing listens on WHEN status runs THEN one line names the URL and the cause, exit 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;

    const run = runStrata(['slo', 'status', '--prometheus', url]);

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([`strata: cannot reach Prometheus at ${url}: connect ECONNREFUSED ${url.replace('http://', '')}`]);
  });
});

/**
 * The counters a fleet of two clusters exposes, growing at constant rates from the
 * server's start: requests per second, the share of 5xx, and the share of requests slower
 * than 0.25 s (errors are fast).
 */
const traffic = [
  { service: 'storefront', cluster: 'prod-eu', perSecond: 100, errorShare: 0.0005, slowShare: 0 },
  { service: 'orders', cluster: 'prod-eu', perSecond: 50, errorShare: 0.02, slowShare: 0.005 },
  // No 5xx series at all: the rules count that as zero errors, not as no data.
  { service: 'orders', cluster: 'prod-us', perSecond: 20, errorShare: 0, slowShare: 0 },
  // inventory sends nothing: its rows show no data.
];
const buckets = ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10', '+Inf'];

function exposition(elapsedSeconds: number): string {
  const lines = ['# TYPE http_server_request_duration_seconds histogram'];
  for (const t of traffic) {
    const total = t.perSecond * elapsedSeconds;
    for (const [code, count, slow] of [
      ['200', total * (1 - t.errorShare), total * t.slowShare],
      ['500', total * t.errorShare, 0],
    ] as const) {
      if (code === '500' && t.errorShare === 0) continue;
      const labels = `service="${t.service}",cluster="${t.cluster}",http_request_method="GET",http_route="/",http_response_status_code="${code}"`;
      // Fast requests take under 5 ms, slow ones between 0.25 and 0.5 s.
      for (const le of buckets) lines.push(`http_server_request_duration_seconds_bucket{${labels},le="${le}"} ${le === '+Inf' || Number(le) > 0.25 ? count : count - slow}`);
      lines.push(`http_server_request_duration_seconds_count{${labels}} ${count}`);
      lines.push(`http_server_request_duration_seconds_sum{${labels}} ${count * 0.01}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

interface StatusRow {
  service: string;
  slo: string;
  cluster: string | null;
  team: string | null;
  window: string;
  objectivePercent: number;
  sliPercent: number | null;
  errorBudgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  firingAlerts: { alertname: string; severity: string | null }[];
}

const missingPrometheus = spawnSync(prometheusBinary, ['--version'], { stdio: 'ignore' }).status === 0 ? undefined : `${prometheusBinary} is missing: apt-get install prometheus`;

describe.skipIf(missingPrometheus !== undefined)('strata slo status against a live Prometheus', () => {
  let metrics: Server;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let table: StrataRun;
  let json: StrataRun;
  const alertWindows = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

  beforeAll(async () => {
    const started = Date.now();
    metrics = createServer((_request, response) => {
      response.setHeader('content-type', 'text/plain; version=0.0.4');
      response.end(exposition((Date.now() - started) / 1000));
    });
    await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
    const { port } = metrics.address() as AddressInfo;
    // The rules Strata renders, per cluster as a global view has them; only the groups'
    // evaluation interval is shortened (1m and 5m → 1s), so that minutes fit in seconds.
    const groups = renderSloRules(platformSlos(), { groupingLabels: ['cluster'] }).map((group) => ({ ...group, interval: '1s' }));
    prometheus = await startPrometheus({ targets: [{ address: `127.0.0.1:${port}`, labels: { job: 'shop' } }], rules: { groups } });
    // Wait until every rule has produced what status reads: a budget per SLO and cluster with traffic, and the page alert.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const budgets = await prometheus.query('slo:error_budget_remaining:ratio');
      const alerts = await prometheus.query('ALERTS{alertstate="firing"}');
      if (budgets.length === 6 && alerts.length === 2) break;
      if (Date.now() > deadline) throw new Error(`rules did not produce their series within 60 s: ${budgets.length} budgets, ${alerts.length} alerts`);
      await sleep(500);
    }
    table = await runShell(strata('slo', 'status', '--prometheus', prometheus.url));
    json = await runShell(strata('slo', 'status', '--prometheus', `${prometheus.url}/`, '--json'));
    console.log(`strata slo status against a live Prometheus:\n${table.stdout}`);
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await new Promise((resolve) => metrics?.close(resolve));
  });

  function row(service: string, slo: string, cluster: string | null): StatusRow {
    const rows = JSON.parse(json.stdout) as StatusRow[];
    const found = rows.find((r) => r.service === service && r.slo === slo && r.cluster === cluster);
    if (found === undefined) throw new Error(`no row for ${service}/${slo} in ${cluster}: ${json.stdout}`);
    return found;
  }

  function expectBurnRates(r: StatusRow, expected: number): void {
    expect(Object.keys(r.burnRates)).toEqual(alertWindows);
    for (const window of alertWindows) expect(r.burnRates[window], `${r.service}/${r.slo} ${r.cluster} over ${window}`).toBeCloseTo(expected, 3);
  }

  it('GIVEN --json THEN stdout is an array with one object per SLO and cluster that has data, and one per SLO without any', () => {
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const rows = JSON.parse(json.stdout) as StatusRow[];
    expect(rows.map((r) => `${r.service}/${r.slo}/${r.cluster}`)).toEqual([
      'inventory/availability/null',
      'inventory/latency/null',
      'orders/availability/prod-eu',
      'orders/availability/prod-us',
      'orders/latency/prod-eu',
      'orders/latency/prod-us',
      'storefront/availability/prod-eu',
      'storefront/latency/prod-eu',
    ]);
  });

  it('GIVEN 0.05% of requests failing against a 99.9% objective THEN the burn rate is 0.5 over every window, the SLI 99.95% and half the budget is left', () => {
    const r = row('storefront', 'availability', 'prod-eu');
    expect(r).toMatchObject({ team: 'shop', window: '30d', objectivePercent: 99.9, firingAlerts: [] });
    expectBurnRates(r, 0.5);
    expect(r.sliPercent).toBeCloseTo(99.95, 4);
    expect(r.errorBudgetRemaining).toBeCloseTo(0.5, 3);
  });

  it('GIVEN no slow request THEN the latency SLO burns at 0 and its whole budget is left', () => {
    const r = row('storefront', 'latency', 'prod-eu');
    expectBurnRates(r, 0);
    expect(r.sliPercent).toBeCloseTo(100, 4);
    expect(r.errorBudgetRemaining).toBeCloseTo(1, 6);
  });

  it('GIVEN 2% of requests failing THEN the burn rate is 20, the budget is overspent 19 times, and the page and ticket alerts are firing', () => {
    const r = row('orders', 'availability', 'prod-eu');
    expectBurnRates(r, 20);
    expect(r.sliPercent).toBeCloseTo(98, 3);
    expect(r.errorBudgetRemaining).toBeCloseTo(-19, 2);
    expect(r.firingAlerts).toEqual([
      { alertname: sloAlertNames.page, severity: 'page' },
      { alertname: sloAlertNames.ticket, severity: 'ticket' },
    ]);
  });

  it('GIVEN 0.5% of requests slower than 0.25 s against a 99% objective THEN the latency burn rate is 0.5 and nothing fires', () => {
    const r = row('orders', 'latency', 'prod-eu');
    expectBurnRates(r, 0.5);
    expect(r.sliPercent).toBeCloseTo(99.5, 3);
    expect(r.errorBudgetRemaining).toBeCloseTo(0.5, 3);
    expect(r.firingAlerts).toEqual([]);
  });

  it('GIVEN a cluster where orders never failed (no 5xx series at all) THEN its burn rate is 0, not missing', () => {
    const r = row('orders', 'availability', 'prod-us');
    expectBurnRates(r, 0);
    expect(r.errorBudgetRemaining).toBeCloseTo(1, 6);
  });

  it('GIVEN a service without any series THEN every number is null, not 0', () => {
    expect(row('inventory', 'latency', null)).toEqual({
      service: 'inventory',
      slo: 'latency',
      cluster: null,
      team: 'shop',
      window: '30d',
      objectivePercent: 99,
      sliPercent: null,
      errorBudgetRemaining: null,
      burnRates: Object.fromEntries(alertWindows.map((w) => [w, null])),
      firingAlerts: [],
    });
  });

  it('GIVEN no --json THEN the table has a row per SLO and cluster, - where there is no data, and the firing alerts', () => {
    expect(table.stderr).toBe('');
    expect(table.status).toBe(0);
    // Rates are constant, so the rounded figures are exact whatever the scrape timing.
    expect(linesOf(table.stdout)).toEqual([
      'SERVICE     SLO           CLUSTER  WINDOW  OBJECTIVE       SLI  BUDGET LEFT     5m    30m     1h     2h     6h     1d     3d  FIRING',
      'inventory   availability  -        30d         99.9%         -            -      -      -      -      -      -      -      -  -',
      'inventory   latency       -        30d           99%         -            -      -      -      -      -      -      -      -  -',
      'orders      availability  prod-eu  30d         99.9%   98.000%     -1900.0%  20.00  20.00  20.00  20.00  20.00  20.00  20.00  SLOFastBurn,SLOSlowBurn',
      'orders      availability  prod-us  30d         99.9%  100.000%       100.0%   0.00   0.00   0.00   0.00   0.00   0.00   0.00  -',
      'orders      latency       prod-eu  30d           99%   99.500%        50.0%   0.50   0.50   0.50   0.50   0.50   0.50   0.50  -',
      'orders      latency       prod-us  30d           99%  100.000%       100.0%   0.00   0.00   0.00   0.00   0.00   0.00   0.00  -',
      'storefront  availability  prod-eu  30d         99.9%   99.950%        50.0%   0.50   0.50   0.50   0.50   0.50   0.50   0.50  -',
      'storefront  latency       prod-eu  30d           99%  100.000%       100.0%   0.00   0.00   0.00   0.00   0.00   0.00   0.00  -',
      '',
      '5m 30m 1h 2h 6h 1d 3d: burn rate over that window (errors ÷ error budget; 1 spends the budget exactly in the SLO window). -: no data',
    ]);
  });

  it('GIVEN a URL that is not the base URL of a Prometheus WHEN status runs THEN one line names the URL and the HTTP status, exit 1', async () => {
    const run = await runShell(strata('slo', 'status', '--prometheus', `${prometheus.url}/nope`));

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      `strata: Prometheus at ${prometheus.url}/nope answered HTTP 404 Not Found to ${prometheus.url}/nope/api/v1/query (is ${prometheus.url}/nope the base URL of a Prometheus?)`,
    ]);
  });
});

if (missingPrometheus !== undefined) {
  describe('strata slo status against a live Prometheus', () => {
    it.skip(`skipped: ${missingPrometheus}`, () => {});
  });
}
