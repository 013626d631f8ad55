import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSink, type LogSink } from '@strata/service-kit/testing';
import { placeOrder, putProduct, startShopInProcess, type InProcessShop } from './helpers.ts';

/**
 * The telemetry contract, end to end: one order placed through the storefront is one trace
 * from the storefront's request to inventory's database queries; every service exposes the
 * contract's metric names and labels; log lines carry the trace's ids.
 */
describe('telemetry across the shop', () => {
  const exporters = { storefront: new InMemorySpanExporter(), orders: new InMemorySpanExporter(), inventory: new InMemorySpanExporter() };
  const logs: Record<'storefront' | 'orders' | 'inventory', LogSink> = { storefront: logSink(), orders: logSink(), inventory: logSink() };
  let shop: InProcessShop;
  let orderId: string;

  beforeAll(async () => {
    shop = await startShopInProcess({ exporters, logs, env: { LOG_LEVEL: 'debug' } });
    await putProduct(shop.inventory.url, 'traced-mug', 5);
    for (const exporter of Object.values(exporters)) exporter.reset();
    const placed = await placeOrder(shop.storefront.url, randomUUID(), [{ productId: 'traced-mug', quantity: 1 }]);
    expect(placed.status).toBe(201);
    orderId = String(placed.body.id);
    await sleep(50);
  }, 60_000);
  afterAll(async () => shop?.stop());

  const all = (): ReadableSpan[] => Object.values(exporters).flatMap((e) => e.getFinishedSpans());
  const parentOf = (span: ReadableSpan): ReadableSpan | undefined => all().find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId);
  const serviceOf = (span: ReadableSpan): unknown => span.resource.attributes['service.name'];

  it('makes one trace of storefront → orders → inventory → database', () => {
    const root = exporters.storefront.getFinishedSpans().find((s) => s.name === 'POST /orders' && s.kind === SpanKind.SERVER);
    expect(root, 'the storefront server span').toBeDefined();
    expect(root?.parentSpanContext).toBeUndefined();
    const traceId = root?.spanContext().traceId;
    const spans = all().filter((s) => s.spanContext().traceId === traceId);

    // Walk up from one of inventory's queries to the storefront's request.
    const query = spans.find((s) => serviceOf(s) === 'inventory' && s.kind === SpanKind.CLIENT && s.attributes['db.system.name'] === 'postgresql');
    expect(query, 'an inventory database span in the same trace').toBeDefined();
    const chain: string[] = [];
    for (let span = query; span !== undefined; span = parentOf(span)) chain.push(`${String(serviceOf(span))}:${SpanKind[span.kind]}:${span.name}`);
    expect(chain[0]).toMatch(/^inventory:CLIENT:/);
    expect(chain.slice(1)).toEqual([
      'inventory:SERVER:POST /reservations',
      expect.stringMatching(/^orders:CLIENT:/),
      'orders:SERVER:POST /orders',
      expect.stringMatching(/^storefront:CLIENT:/),
      'storefront:SERVER:POST /orders',
    ]);
    // orders' own queries belong to the same trace.
    expect(spans.some((s) => serviceOf(s) === 'orders' && s.attributes['db.system.name'] === 'postgresql')).toBe(true);
  });

  it('exposes the contract metric names and labels on every service', async () => {
    const text = async (url: string): Promise<string> => (await fetch(`${url}/metrics`)).text();
    const storefront = await text(shop.storefront.url);
    const orders = await text(shop.orders.url);
    const inventory = await text(shop.inventory.url);
    expect(storefront).toMatch(/http_server_request_duration_seconds_count\{http_request_method="POST",http_route="\/orders",http_response_status_code="201"\} 1/);
    expect(storefront).toMatch(/http_client_request_duration_seconds_count\{http_request_method="POST",server_address="orders",http_response_status_code="201",error_type=""\} 1/);
    expect(orders).toMatch(/http_client_request_duration_seconds_count\{http_request_method="POST",server_address="inventory",http_response_status_code="201",error_type=""\} 1/);
    expect(inventory).toMatch(/http_server_request_duration_seconds_bucket\{le="0\.25",http_request_method="POST",http_route="\/reservations",http_response_status_code="201"\} 1/);
    for (const body of [orders, inventory]) {
      expect(body).toMatch(/db_client_operation_duration_seconds_count\{db_system_name="postgresql",db_operation_name="[A-Z]+",error_type=""\} \d+/);
      expect(body).toContain('db_client_connection_count{');
    }
    for (const body of [storefront, orders, inventory]) expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('puts the trace id and span id on log lines written while serving the order', () => {
    const traceId = exporters.storefront.getFinishedSpans().find((s) => s.name === 'POST /orders')?.spanContext().traceId;
    for (const service of ['storefront', 'orders', 'inventory'] as const) {
      const traced = logs[service].lines.filter((l) => l.trace_id === traceId);
      expect(traced.length, `${service} log lines of the trace`).toBeGreaterThan(0);
      for (const line of traced) expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
