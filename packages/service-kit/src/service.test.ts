import { setTimeout as sleep } from 'node:timers/promises';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from './errors.ts';
import { startService, type RunningService, type ServiceDefinition } from './service.ts';
import { logSink } from './testing/log-sink.ts';

const demo: ServiceDefinition = {
  name: 'demo',
  version: '1.2.3',
  description: 'A service that exercises the kit.',
  routes(app, context) {
    app.get('/items/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } } }, async (request) => {
      const { id } = request.params as { id: number };
      if (id === 404) throw new HttpError(404, 'item_not_found', `item ${id} does not exist`);
      context.logger.info({ id }, 'item read');
      return { id };
    });
    app.post(
      '/items',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'quantity'],
            properties: { name: { type: 'string', minLength: 1 }, quantity: { type: 'integer', minimum: 1 } },
          },
        },
      },
      async (_request, reply) => reply.code(201).send({ ok: true }),
    );
    app.get('/slow', async () => {
      await sleep(300);
      return { slow: true };
    });
    app.get('/boom', async () => {
      throw new Error('database password is hunter2');
    });
    app.get('/hang', async () => {
      await sleep(5_000);
      return {};
    });
  },
};

const quietEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
const running: RunningService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.shutdown('test over')));
});

async function start(env: Record<string, string> = {}, exporter?: InMemorySpanExporter) {
  const logs = logSink();
  const service = await startService(demo, { env: { ...quietEnv, ...env }, logDestination: logs.stream, spanExporter: exporter });
  running.push(service);
  return { service, logs };
}

describe('configuration', () => {
  it('GIVEN a bad PORT and a bad flag WHEN the service starts THEN one error names both variables', async () => {
    await expect(startService(demo, { env: { PORT: 'eighty', FAULTS_ENABLED: 'maybe' } })).rejects.toThrow(
      'demo: bad configuration: PORT="eighty": must be a number; FAULTS_ENABLED="maybe": must be true or false',
    );
  });

  it('GIVEN a service variable WHEN it is missing THEN the error says it is not set', async () => {
    const needy: ServiceDefinition<{ INVENTORY_URL: z.ZodURL }> = { ...demo, config: { INVENTORY_URL: z.url() }, routes: () => {} };
    await expect(startService(needy, { env: {} })).rejects.toThrow('demo: bad configuration: INVENTORY_URL is not set');
  });
});

describe('HTTP', () => {
  it('answers bad input with 400 naming the field, never 500', async () => {
    const { service } = await start();
    const response = await fetch(`${service.url}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cup', quantity: 'two' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'bad_request', message: 'body/quantity must be integer' });

    const extra = await fetch(`${service.url}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cup', quantity: 1, colour: 'red' }),
    });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toEqual({ error: 'bad_request', message: 'body must NOT have additional properties: "colour" is not a known field' });

    const badJson = await fetch(`${service.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: string }).error).toBe('bad_request');

    const badParam = await fetch(`${service.url}/items/abc`);
    expect(await badParam.json()).toEqual({ error: 'bad_request', message: 'params/id must be integer' });
  });

  it('answers unknown routes with a JSON 404 and domain errors with their code', async () => {
    const { service } = await start();
    const unknown = await fetch(`${service.url}/nope?x=1`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found', message: 'no route for GET /nope' });
    const missing = await fetch(`${service.url}/items/404`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'item_not_found', message: 'item 404 does not exist' });
  });

  it('limits body size and request time', async () => {
    const { service } = await start({ BODY_LIMIT_BYTES: '100', REQUEST_TIMEOUT_MS: '200' });
    const big = await fetch(`${service.url}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(200), quantity: 1 }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toBe('payload_too_large');
    const started = Date.now();
    const hang = await fetch(`${service.url}/hang`);
    expect(hang.status).toBe(503);
    expect(((await hang.json()) as { error: string }).error).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('hides the cause of an unexpected error from the caller and logs it', async () => {
    const { service, logs } = await start();
    const response = await fetch(`${service.url}/boom`);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('internal_error');
    expect(body.message).not.toContain('hunter2');
    expect(logs.lines.some((l) => l.msg === 'unexpected error' && l.level === 'error')).toBe(true);
  });

  it('serves an OpenAPI document of its routes', async () => {
    const { service } = await start();
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('demo');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/items/{id}', '/items']));
    expect(Object.keys(doc.paths)).not.toContain('/healthz');
  });
});

describe('telemetry', () => {
  it('records the contract histogram with the route template, method and status', async () => {
    const { service } = await start();
    await fetch(`${service.url}/items/7`);
    await fetch(`${service.url}/items/404`);
    await fetch(`${service.url}/healthz`);
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toContain('http_server_request_duration_seconds_count{http_request_method="GET",http_route="/items/:id",http_response_status_code="200"} 1');
    expect(text).toContain('http_server_request_duration_seconds_count{http_request_method="GET",http_route="/items/:id",http_response_status_code="404"} 1');
    expect(text).toContain('http_server_request_duration_seconds_bucket{le="0.25",');
    expect(text).not.toContain('http_route="/healthz"');
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('continues the caller trace, names the span after the route, and puts trace ids on log lines', async () => {
    const exporter = new InMemorySpanExporter();
    const { service, logs } = await start({}, exporter);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await fetch(`${service.url}/items/7`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    await sleep(20);
    const span = exporter.getFinishedSpans().find((s) => s.name === 'GET /items/:id');
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span?.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.route': '/items/:id', 'http.response.status_code': 200 });
    expect(span?.resource.attributes).toMatchObject({ 'service.name': 'demo', 'service.version': '1.2.3', 'deployment.environment.name': 'local' });
    const line = logs.lines.find((l) => l.msg === 'item read');
    expect(line).toMatchObject({ trace_id: traceId, span_id: span?.spanContext().spanId, service: 'demo', level: 'info' });
  });

  it('takes the environment and extra resource attributes from OTEL_RESOURCE_ATTRIBUTES, as the platform sets them', async () => {
    const exporter = new InMemorySpanExporter();
    const { service } = await start({ OTEL_RESOURCE_ATTRIBUTES: 'service.version=0.0.1,deployment.environment.name=prod,k8s.cluster.name=prod-eu' }, exporter);
    await fetch(`${service.url}/items/7`);
    await sleep(20);
    expect(exporter.getFinishedSpans()[0]?.resource.attributes).toMatchObject({
      'service.name': 'demo',
      'service.version': '1.2.3',
      'deployment.environment.name': 'prod',
      'k8s.cluster.name': 'prod-eu',
    });
  });

  it('rejects a malformed OTEL_RESOURCE_ATTRIBUTES at start', async () => {
    await expect(startService(demo, { env: { OTEL_RESOURCE_ATTRIBUTES: 'prod' } })).rejects.toThrow(
      'demo: bad configuration: OTEL_RESOURCE_ATTRIBUTES="prod": must be key=value pairs separated by commas',
    );
  });

  it('records nothing when telemetry is turned off', async () => {
    const exporter = new InMemorySpanExporter();
    const { service } = await start({ TELEMETRY_ENABLED: 'false' }, exporter);
    await fetch(`${service.url}/items/7`);
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).not.toContain('http_route="/items/:id"');
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('faults', () => {
  it('has no admin port unless FAULTS_ENABLED is true', async () => {
    const { service } = await start();
    expect(service.adminUrl).toBeUndefined();
  });

  it('fails requests as told through the admin port, but never the probes', async () => {
    const { service } = await start({ FAULTS_ENABLED: 'true', ADMIN_PORT: '0' });
    const admin = `${service.adminUrl}/faults`;
    const set = await fetch(admin, { method: 'PUT', body: JSON.stringify({ errorRate: 1 }) });
    expect(await set.json()).toEqual({ errorRate: 1, delayRate: 0, delayMs: 0 });
    const failed = await fetch(`${service.url}/items/7`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'injected_fault', message: 'fault injected by the admin port' });
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    const bad = await fetch(admin, { method: 'PUT', body: JSON.stringify({ errorRate: 2 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('errorRate: Too big: expected number to be <=1');
    await fetch(admin, { method: 'DELETE' });
    expect((await fetch(`${service.url}/items/7`)).status).toBe(200);
  });

  it('slows requests down', async () => {
    const { service } = await start({ FAULTS_ENABLED: 'true', ADMIN_PORT: '0' });
    await fetch(`${service.adminUrl}/faults`, { method: 'PUT', body: JSON.stringify({ delayRate: 1, delayMs: 250 }) });
    const started = Date.now();
    expect((await fetch(`${service.url}/items/7`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });
});

describe('health and shutdown', () => {
  it('is live and ready, then not ready while draining, and finishes in-flight requests', async () => {
    const { service } = await start({ SHUTDOWN_DELAY_MS: '200' });
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${service.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const inFlight = fetch(`${service.url}/slow`);
    await sleep(20);
    const stopping = service.shutdown('SIGTERM');
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining', message: 'shutting down' });
    const slow = await inFlight;
    expect(slow.status).toBe(200);
    expect(await slow.json()).toEqual({ slow: true });
    expect(await stopping).toEqual({ forced: false });
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  });

  it('cuts connections that outlive SHUTDOWN_TIMEOUT_MS and says so', async () => {
    const { service } = await start({ SHUTDOWN_TIMEOUT_MS: '100', REQUEST_TIMEOUT_MS: '10000' });
    const hanging = fetch(`${service.url}/hang`).catch((error: unknown) => error);
    await sleep(20);
    expect(await service.shutdown('SIGTERM')).toEqual({ forced: true });
    expect(await hanging).toBeInstanceOf(Error);
  });
});
