import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { validatePlatform, type Slo } from '@strata/model';
import { renderAlertmanagerInhibitions, renderSloRules, sloAlertNames, sloSeries } from '@strata/render/slo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries, renderServiceDashboard, renderSloDashboard, renderSloOverviewDashboard, toPromQL } from '../packages/render/src/dashboards/index.ts';
import { datasourceUids } from '../packages/render/src/observability/endpoints.ts';
import { platformSlos } from '../packages/render/src/observability/rules.ts';
import { platform } from '../platform/index.ts';
import { missingPrometheus, startAlertmanager, startPrometheus } from './helpers/prometheus.ts';
import { putProduct, startShopInProcess, type InProcessShop } from './shop/helpers.ts';

/**
 * The shop's SLOs and dashboards, live. The three shop services run in this process (PGlite
 * databases) under a steady load through their APIs; a real Prometheus scrapes them and
 * evaluates the rules Strata renders for every SLO of the reference platform, and sends
 * its alerts to a real Alertmanager configured with the rendered inhibitions.
 *
 *   1. Healthy: every SLO's SLI and budget are recorded, every rule evaluates, nothing fires.
 *   2. Orders' fault injection on (every request answers 500): orders' page (SLOFastBurn) is
 *      active in Alertmanager and inhibits its ticket. Storefront pages too, as it should: it
 *      passes orders' 500s on to shoppers as 503s at checkout. Inventory and every latency
 *      SLO stay quiet.
 *   3. Every Prometheus query of the shop's dashboards returns data, but for a short,
 *      explicit list of queries that cannot here, each with its reason.
 *
 * What is shortened, and why: the evaluation interval of every rule group, to 1 s (rendered:
 * 1m for the recording and alert groups, 5m for the budget group), and the scrape interval, to
 * 1 s (30s in a cluster), so that minutes of a burn fit in seconds. The expressions are the
 * rendered ones, windows included (2m rates, 5m…3d alert windows, 30d SLO window): with under
 * a minute of history, each window holds all of it, so a total outage crosses the page's
 * 14.4× within seconds (about two minutes in a cluster, see packages/render/src/slo/rules.ts).
 *
 * The latency SLOs (99% within 100 ms for inventory, 250 ms for the others) hold here with
 * a wide margin when the machine is otherwise idle. When another job takes a core, the shop
 * (three services, two PGlite databases and the load, on one event loop) can miss them for
 * real, and a latency ticket fails the test: its message lists every SLO's burn rate.
 *
 * The tracing dashboard is left out: it reads the span metrics and service graph of the
 * OpenTelemetry Collector's connectors, and no collector runs here.
 */
const missing = missingPrometheus();

const shopServices = ['inventory', 'orders', 'storefront'] as const;
type ShopService = (typeof shopServices)[number];
const customerId = 'slo-live';
const productIds = ['slo-live-beans', 'slo-live-filters', 'slo-live-kettle'];
/** Grafana's `$__rate_interval` is at least 4 scrape intervals: 1m holds 60 scrapes at 1 s. */
const rateInterval = '1m';

/**
 * Dashboard queries that cannot return data here, and why. An entry that matches no query
 * fails the test: when a panel is renamed or removed, its entry goes too.
 */
const allowedEmpty: ReadonlyArray<{ dashboards: readonly string[]; panels: readonly string[]; refId?: string; reason: string }> = [
  {
    dashboards: ['Service: inventory'],
    panels: ['Outgoing requests by peer', 'Outgoing failures by peer', 'Outgoing latency p95 by peer'],
    reason: 'inventory calls no other service',
  },
  {
    dashboards: ['Service: storefront'],
    panels: ['Database operations by operation', 'Database latency p95 by operation', 'Database errors by error type', 'Database connection pool'],
    reason: 'storefront has no database',
  },
  {
    dashboards: ['Service: inventory', 'Service: orders'],
    panels: ['Database errors by error type'],
    reason: 'no database operation fails: PGlite runs in process and no database fault is injected',
  },
  { dashboards: ['Service: orders'], panels: ['Outgoing failures by peer'], reason: 'inventory, the only service orders calls, never fails here' },
  {
    dashboards: ['Service: storefront'],
    panels: ['Outgoing failures by peer'],
    refId: 'B',
    reason: "orders answers its injected 500s at once (refId A counts them): no timeout or network error, and calls refused by the open circuit are not measured",
  },
  {
    dashboards: ['SLO: inventory / availability', 'SLO: inventory / latency', 'SLO: orders / latency', 'SLO: storefront / latency'],
    panels: ['Burn-rate alerts'],
    reason: 'ALERTS has series only while an alert is pending or firing, and these SLOs stay healthy',
  },
];

describe.skipIf(missing !== undefined)('the shop against a live Prometheus and Alertmanager: SLO alerts and dashboards', () => {
  let slos: Slo[];
  let shop: InProcessShop | undefined;
  let load: Load | undefined;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
  let alertmanager: Awaited<ReturnType<typeof startAlertmanager>> | undefined;
  let faultsOnAt: number | undefined;

  beforeAll(async () => {
    const validated = validatePlatform(platform);
    if (!validated.ok) throw new Error(`the reference platform is invalid: ${JSON.stringify(validated.diagnostics)}`);
    expect(validated.platform.services.map((s) => s.name).sort()).toEqual([...shopServices]);
    slos = platformSlos(validated.platform);

    shop = await startShopInProcess({ perService: { orders: { FAULTS_ENABLED: 'true', ADMIN_PORT: '0' } } });
    for (const id of productIds) await putProduct(shop.inventory.url, id, 1_000_000);
    load = startLoad(shop);
    // Warm up before the first scrape: the first requests of a process (compilation, first
    // queries) are slow, and would count against the latency SLOs of a minute-old history.
    await sleep(3_000);

    alertmanager = await startAlertmanager({
      route: { receiver: 'null', group_wait: '1s' },
      receivers: [{ name: 'null' }],
      inhibit_rules: renderAlertmanagerInhibitions(slos),
    });
    const running = shop;
    prometheus = await startPrometheus({
      // The target labels of Strata's ServiceMonitors (the operator adds `pod`; the dashboards group by it).
      targets: shopServices.map((service) => ({
        address: running[service].url.replace('http://', ''),
        labels: { service, namespace: 'shop', job: service, pod: `${service}-in-process` },
      })),
      rules: { groups: renderSloRules(slos).map((group) => ({ ...group, interval: '1s' })) },
      alertmanagerUrl: alertmanager.url,
      scrapeInterval: '1s',
      evaluationInterval: '1s',
    });
  }, 60_000);

  afterAll(async () => {
    await load?.stop();
    if (load !== undefined) console.log(`load: ${[...load.answers].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    // Every process is stopped even when one of them fails to stop.
    const stopped = await Promise.allSettled([prometheus?.stop(), alertmanager?.stop(), shop?.stop()]);
    const failure = stopped.find((s) => s.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }, 30_000);

  /**
   * The burn rate of every SLO over the last hour (all of the test), worst first: what to
   * read when an alert fires unexpectedly. A latency SLO burns when this machine is too
   * busy for the shop, in one process, to answer within its thresholds.
   */
  async function burnRates(): Promise<string> {
    const rates = await prometheus!.query(
      `sort_desc(sum by (service, slo) (sum_over_time(${sloSeries.errorsPerBudget}[1h])) / sum by (service, slo) (sum_over_time(${sloSeries.events}[1h])))`,
    );
    const listed = rates.map((r) => `${sloId({ service: r.metric.service, name: r.metric.slo })} ${Number(r.value[1]).toFixed(2)}×`).join(', ');
    return `burn rates since the start (a ticket needs 1×, a page 14.4×): ${listed}`;
  }

  async function activeAlerts(): Promise<Array<Record<string, string>>> {
    return (await alertmanager!.alerts()).filter((a) => a.status.state === 'active').map((a) => a.labels);
  }

  it('GIVEN steady load on a healthy shop WHEN the rules have evaluated for a while THEN every SLI and budget is recorded and nothing fires', async () => {
    const expected = slos.map(sloId).sort();
    const recorded = async (expr: string) => (await prometheus!.query(`group by (service, slo) (${expr})`)).map((s) => sloId({ service: s.metric.service, name: s.metric.slo })).sort();
    // Each group evaluates at its own offset: the budget trails the rates it is computed from.
    const series = { 'a positive events rate': `${sloSeries.events} > 0`, 'its errors recorded': sloSeries.errorsPerBudget, 'its budget remaining recorded': sloSeries.budgetRemaining };
    const deadline = Date.now() + 60_000;
    let found: Array<[string, string[]]> = [];
    while (Date.now() < deadline) {
      found = await Promise.all(Object.entries(series).map(async ([what, expr]): Promise<[string, string[]]> => [what, await recorded(expr)]));
      if (found.every(([, ids]) => ids.length === expected.length)) break;
      await sleep(500);
    }
    for (const [what, ids] of found) expect(ids, `every SLO has ${what}`).toEqual(expected);

    // Ten evaluations of every rule in a row: none raises an alert, none fails.
    for (let i = 0; i < 10; i++) {
      const alerts = (await prometheus!.query('ALERTS')).map((s) => describeAlert(s.metric));
      expect(alerts, alerts.length === 0 ? 'no alert in Prometheus' : `no alert in Prometheus; ${await burnRates()}`).toEqual([]);
      expect((await activeAlerts()).map(describeAlert), 'no alert in Alertmanager').toEqual([]);
      await sleep(1_000);
    }
    expect(await unhealthyRules(prometheus!.url), 'every rule evaluates without error').toEqual([]);
    console.log(`healthy: ${await burnRates()}`);
  }, 90_000);

  it("GIVEN orders' fault injection on WHEN every orders request fails THEN orders pages, storefront pages for the 503s it passes on, nothing else fires", async () => {
    const set = await fetch(`${shop!.orders.adminUrl}/faults`, { method: 'PUT', body: JSON.stringify({ errorRate: 1 }) });
    expect(set.status).toBe(200);
    faultsOnAt = Date.now();
    const isPage = (labels: Record<string, string>, service: string) => labels.alertname === sloAlertNames.page && labels.service === service && labels.slo === 'availability';

    let ordersPage: Record<string, string> | undefined;
    while (Date.now() - faultsOnAt < 90_000 && ordersPage === undefined) {
      ordersPage = (await activeAlerts()).find((labels) => isPage(labels, 'orders'));
      if (ordersPage === undefined) await sleep(250);
    }
    const ordersPageMs = Date.now() - faultsOnAt;
    expect(ordersPage).toMatchObject({ alertname: sloAlertNames.page, service: 'orders', slo: 'availability', severity: 'page', team: 'shop' });

    // Then the settled picture: the two pages active, orders' ticket inhibited by its page.
    const expectedActive = ['SLOFastBurn orders/availability page', 'SLOFastBurn storefront/availability page'];
    let active: string[] = [];
    let ordersTicket: { state: string; inhibitedBy: readonly string[] } | undefined;
    while (Date.now() - faultsOnAt < 120_000) {
      const alerts = await alertmanager!.alerts();
      active = alerts.filter((a) => a.status.state === 'active').map((a) => describeAlert(a.labels)).sort();
      const ticket = alerts.find((a) => a.labels.alertname === sloAlertNames.ticket && a.labels.service === 'orders' && a.labels.slo === 'availability');
      ordersTicket = ticket === undefined ? undefined : { state: ticket.status.state, inhibitedBy: ticket.status.inhibitedBy ?? [] };
      if (JSON.stringify(active) === JSON.stringify(expectedActive) && ordersTicket?.state === 'suppressed') break;
      await sleep(250);
    }
    console.log(`orders' page active in Alertmanager ${ordersPageMs} ms after its faults were turned on; pages and inhibition settled after ${Date.now() - faultsOnAt} ms`);
    expect(active, `the active alerts in Alertmanager; ${await burnRates()}`).toEqual(expectedActive);
    expect(ordersTicket, "orders' ticket, inhibited by its page").toMatchObject({ state: 'suppressed', inhibitedBy: [expect.any(String)] });
    expect((await prometheus!.query('ALERTS{service="inventory"}')).map((s) => s.metric), 'inventory raises nothing').toEqual([]);
    expect((await prometheus!.query('ALERTS{slo="latency"}')).map((s) => s.metric), 'no latency SLO burns').toEqual([]);
  }, 150_000);

  it('GIVEN the shop has run healthy, then with orders failing WHEN every Prometheus query of its dashboards runs THEN each returns data, but for the allowed few', async () => {
    expect(faultsOnAt, 'the fault phase ran').toBeDefined();
    // Let the fault run a while: the series it creates (500s, open circuits) get samples in every 1m range.
    await sleep(Math.max(0, (faultsOnAt ?? 0) + 10_000 - Date.now()));
    const dashboards = [
      ...shopServices.map((service) => renderServiceDashboard(service, slos)),
      ...slos.map((slo) => renderSloDashboard(slo)),
      renderSloOverviewDashboard(slos),
    ];
    const queries = dashboards.flatMap((dashboard) =>
      dashboardQueries(dashboard).map((query) => ({ ...query, dashboard: dashboard.title ?? '', key: `${dashboard.title ?? ''} › ${query.panel} › ${query.refId}` })),
    );
    expect(queries.filter((q) => q.datasource !== datasourceUids.prometheus).map((q) => q.key), 'every query of these dashboards is PromQL').toEqual([]);

    const isAllowed = (q: (typeof queries)[number]) =>
      allowedEmpty.some((a) => a.dashboards.includes(q.dashboard) && a.panels.includes(q.panel) && (a.refId === undefined || a.refId === q.refId));
    const stale = allowedEmpty.flatMap((a) =>
      a.dashboards.flatMap((dashboard) =>
        a.panels
          .filter((panel) => !queries.some((q) => q.dashboard === dashboard && q.panel === panel && (a.refId === undefined || q.refId === a.refId)))
          .map((panel) => `${dashboard} › ${panel}${a.refId === undefined ? '' : ` › ${a.refId}`}`),
      ),
    );
    expect(stale, 'allowed-empty entries that match no query').toEqual([]);

    const failed: string[] = [];
    const empty: string[] = [];
    let withData = 0;
    let allowedAndEmpty = 0;
    let allowedWithData = 0;
    for (const query of queries) {
      const answer = await instantQuery(prometheus!.url, toPromQL(query.expr.replaceAll('$__rate_interval', rateInterval)));
      if ('error' in answer) failed.push(`${query.key}: ${answer.error}`);
      else if (answer.series > 0) {
        withData++;
        if (isAllowed(query)) allowedWithData++;
      } else if (isAllowed(query)) allowedAndEmpty++;
      else empty.push(`${query.key}: ${query.expr}`);
    }
    console.log(
      `dashboards: ${queries.length} Prometheus queries on ${dashboards.length} dashboards, ${withData} returned data, ${allowedAndEmpty} allowed-empty` +
        (allowedWithData > 0 ? ` (${allowedWithData} allowed-empty returned data all the same)` : ''),
    );
    expect(failed, 'queries Prometheus rejects').toEqual([]);
    expect(empty, 'queries without data').toEqual([]);
  }, 60_000);
});

if (missing !== undefined) {
  describe('the shop against a live Prometheus and Alertmanager: SLO alerts and dashboards', () => {
    it.skip(`skipped: ${missing}`, () => {});
  });
}

function sloId(slo: { readonly service?: string; readonly name?: string }): string {
  return `${slo.service ?? '?'}/${slo.name ?? '?'}`;
}

function describeAlert(labels: Record<string, string>): string {
  return `${labels.alertname} ${sloId({ service: labels.service, name: labels.slo })} ${labels.severity}`;
}

/**
 * How many series of an instant query have a value, or Prometheus' error. NaN is no value
 * (Grafana draws nothing): `histogram_quantile` of a histogram without observations gives it.
 */
async function instantQuery(url: string, expr: string): Promise<{ series: number } | { error: string }> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  type Sample = [number, string];
  const body = (await response.json()) as { status: string; error?: string; data?: { resultType: string; result: Sample | Array<{ value: Sample }> } };
  if (body.status !== 'success' || body.data === undefined) return { error: body.error ?? `HTTP ${response.status}` };
  const { resultType, result } = body.data;
  const values = resultType === 'scalar' ? [(result as Sample)[1]] : (result as Array<{ value: Sample }>).map((s) => s.value[1]);
  return { series: values.filter((v) => v !== 'NaN').length };
}

/** Rules whose last evaluation failed, with the error. */
async function unhealthyRules(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/api/v1/rules`)).json()) as {
    data: { groups: Array<{ name: string; rules: Array<{ name: string; health: string; lastError?: string }> }> };
  };
  return body.data.groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name} ${r.name}: ${r.health} ${r.lastError ?? ''}`.trim()));
}

interface Load {
  /** Answers by call and status, e.g. `checkout 201` → 140; `error` when no answer came. */
  readonly answers: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * A steady mix through the shop's APIs, until stopped: two shoppers browsing the catalog
 * (a page of products, then one), one checking out and reading the order back, through
 * the storefront; and one reader of the order history on orders' own API, as the back
 * office does. The reader's calls do not pass the storefront's circuit breaker, which lets
 * one trial call through every 5 s once orders fails: without them orders would hardly see
 * traffic, nor burn its own budget, during its outage.
 */
function startLoad(shop: InProcessShop): Load {
  const answers = new Map<string, number>();
  let running = true;
  let sequence = 0;
  const call = async (name: string, service: ShopService, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown } | undefined> => {
    try {
      const response = await fetch(`${shop[service].url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
      const body: unknown = await response.json();
      answers.set(`${name} ${response.status}`, (answers.get(`${name} ${response.status}`) ?? 0) + 1);
      return { status: response.status, body };
    } catch {
      answers.set(`${name} error`, (answers.get(`${name} error`) ?? 0) + 1);
      return undefined;
    }
  };
  const browse = async () => {
    const page = await call('browse', 'storefront', '/products?limit=20');
    const items = page?.status === 200 ? (page.body as { items: Array<{ id: string }> }).items : [];
    const product = items[Math.floor(Math.random() * items.length)];
    if (product !== undefined) await call('product', 'storefront', `/products/${encodeURIComponent(product.id)}`);
  };
  const checkout = async () => {
    const productId = productIds[sequence++ % productIds.length] ?? '';
    const placed = await call('checkout', 'storefront', '/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ customerId, items: [{ productId, quantity: 1 }] }),
    });
    if (placed?.status === 201) await call('order', 'storefront', `/orders/${(placed.body as { id: string }).id}`);
  };
  const history = async () => {
    await call('history', 'orders', `/orders?customerId=${customerId}&limit=10`);
  };
  const loop = async (pauseMs: number, step: () => Promise<void>) => {
    while (running) {
      await step();
      await sleep(pauseMs);
    }
  };
  const loops = [loop(50, browse), loop(50, browse), loop(100, checkout), loop(100, history)];
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
