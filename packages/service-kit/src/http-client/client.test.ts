/** The HTTP client against real local HTTP servers (node:http) on loopback. */
import { freePort } from '../testing/ports.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../errors.ts';
import { capturedLogger, observedTelemetry, sampleValue, silentLogger } from '../testing/observe.ts';
import { createHttpClient } from './client.ts';
import type { HttpClient, HttpClientOptions } from './types.ts';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Handler = (request: Received, response: ServerResponse, index: number) => void;

interface TestServer {
  readonly baseUrl: string;
  readonly port: number;
  readonly received: Received[];
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A real HTTP server on a free loopback port; `handler` answers the n-th request (0-based). */
async function serve(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() };
      received.push(entry);
      handler(entry, response, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { baseUrl: `http://127.0.0.1:${port}`, port, received };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function client(options: Partial<HttpClientOptions> & { baseUrl: string }, deps = { telemetry: observedTelemetry().telemetry, logger: silentLogger }): HttpClient {
  const created = createHttpClient({ name: 'inventory', backoffMs: 1, ...options }, deps);
  cleanups.push(() => created.close());
  return created;
}

describe('createHttpClient: requests and answers', () => {
  it('GIVEN a JSON answer WHEN a GET is sent THEN status, headers and the parsed body come back', async () => {
    const server = await serve((_req, res) => json(res, 200, { items: [{ sku: 'tea' }] }));
    const response = await client({ baseUrl: server.baseUrl }).request({ method: 'GET', path: '/products?limit=20' });
    expect(response).toMatchObject({ status: 200, body: { items: [{ sku: 'tea' }] }, headers: { 'content-type': 'application/json' } });
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/products?limit=20', headers: { accept: 'application/json' } });
  });

  it('GIVEN a body WHEN a POST is sent THEN it goes as JSON with its content type, and caller headers are kept', async () => {
    const server = await serve((_req, res) => json(res, 201, { id: 'o-1' }));
    const response = await client({ baseUrl: server.baseUrl }).request({
      method: 'POST',
      path: '/orders',
      headers: { 'X-Request-Id': 'r-1' },
      body: { sku: 'tea', quantity: 2 },
    });
    expect(response.status).toBe(201);
    expect(server.received[0]).toMatchObject({
      method: 'POST',
      body: '{"sku":"tea","quantity":2}',
      headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
    });
  });

  it('GIVEN a base URL with a path WHEN a request is sent THEN the path is appended to it', async () => {
    const server = await serve((_req, res) => res.writeHead(204).end());
    await client({ baseUrl: `${server.baseUrl}/api/` }).request({ method: 'DELETE', path: '/reservations/7' });
    expect(server.received[0]?.url).toBe('/api/reservations/7');
  });

  it.each([
    ['an empty body', 204, undefined, '', undefined],
    ['plain text', 200, 'text/plain', 'all good', 'all good'],
    ['a number as plain text', 200, 'text/plain', '42', '42'],
    ['broken JSON', 502, 'application/json', '<html>bad gateway</html>', '<html>bad gateway</html>'],
    ['JSON without a content type', 200, undefined, '{"ok":true}', { ok: true }],
  ])('GIVEN %s WHEN answered THEN the body is kept as it should be', async (_case, status, contentType, text, expected) => {
    const server = await serve((_req, res) => res.writeHead(status, contentType === undefined ? {} : { 'content-type': contentType }).end(text));
    const response = await client({ baseUrl: server.baseUrl, retries: 0 }).request({ method: 'GET', path: '/x' });
    expect(response.body).toEqual(expected);
  });

  it('GIVEN a 404 WHEN answered THEN it resolves (any HTTP status is an answer)', async () => {
    const server = await serve((_req, res) => json(res, 404, { error: 'not_found' }));
    await expect(client({ baseUrl: server.baseUrl }).request({ method: 'GET', path: '/products/nope' })).resolves.toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    expect(server.received).toHaveLength(1);
  });

  it('GIVEN invalid options WHEN the client is created THEN every problem is named at once', () => {
    expect(() =>
      createHttpClient({ name: 'inventory', baseUrl: 'inventory:8080', timeoutMs: 0, retries: -1 }, { telemetry: observedTelemetry().telemetry, logger: silentLogger }),
    ).toThrow(
      'http client "inventory": baseUrl "inventory:8080" must be an http(s) URL, e.g. http://inventory.shop.svc:8080; timeoutMs 0 must be a whole number above 0; retries -1 must be a whole number, 0 or more',
    );
  });
});

describe('createHttpClient: retries', () => {
  it('GIVEN 503 twice WHEN a GET is sent THEN it is retried and the third answer returned, each retry logged at warn', async () => {
    const server = await serve((_req, res, n) => (n < 2 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: true })));
    const { logger, lines } = capturedLogger();
    const response = await client({ baseUrl: server.baseUrl }, { telemetry: observedTelemetry().telemetry, logger }).request({ method: 'GET', path: '/products?page=2' });
    expect(response).toMatchObject({ status: 200, body: { ok: true } });
    expect(server.received).toHaveLength(3);
    const retries = lines.filter((l) => l.msg.startsWith('retrying'));
    expect(retries.map((l) => l.level)).toEqual(['warn', 'warn']);
    expect(retries[0]?.msg).toMatch(/^retrying GET \/products on inventory in \d+ ms \(retry 1 of 2\): HTTP 503$/);
    expect(retries[1]?.msg).toMatch(/^retrying GET \/products on inventory in \d+ ms \(retry 2 of 2\): HTTP 503$/);
  });

  it('GIVEN 503 every time WHEN a GET is sent THEN after the retries the last 503 is returned', async () => {
    const server = await serve((_req, res) => json(res, 503, { error: 'busy' }));
    const response = await client({ baseUrl: server.baseUrl, retries: 3 }).request({ method: 'GET', path: '/products' });
    expect(response.status).toBe(503);
    expect(server.received).toHaveLength(4);
  });

  it('GIVEN 503 WHEN a POST is sent THEN it is tried once and the 503 returned', async () => {
    const server = await serve((_req, res) => json(res, 503, { error: 'busy' }));
    const response = await client({ baseUrl: server.baseUrl }).request({ method: 'POST', path: '/orders', body: {} });
    expect(response.status).toBe(503);
    expect(server.received).toHaveLength(1);
  });

  it('GIVEN 503 WHEN a PATCH is sent THEN it is tried once', async () => {
    const server = await serve((_req, res) => json(res, 503, {}));
    await client({ baseUrl: server.baseUrl }).request({ method: 'PATCH', path: '/orders/1', body: {} });
    expect(server.received).toHaveLength(1);
  });

  it('GIVEN 503 once WHEN a POST with an Idempotency-Key is sent THEN it is retried with the same key and body', async () => {
    const server = await serve((_req, res, n) => (n === 0 ? json(res, 503, {}) : json(res, 201, { id: 'o-1' })));
    const response = await client({ baseUrl: server.baseUrl }).request({
      method: 'POST',
      path: '/orders',
      headers: { 'Idempotency-Key': 'k-42' },
      body: { sku: 'tea' },
    });
    expect(response.status).toBe(201);
    expect(server.received.map((r) => [r.headers['idempotency-key'], r.body])).toEqual([
      ['k-42', '{"sku":"tea"}'],
      ['k-42', '{"sku":"tea"}'],
    ]);
  });

  it('GIVEN a 500 WHEN a GET is sent THEN it is not retried (only 502, 503 and 504 are)', async () => {
    const server = await serve((_req, res) => json(res, 500, {}));
    expect((await client({ baseUrl: server.baseUrl }).request({ method: 'GET', path: '/x' })).status).toBe(500);
    expect(server.received).toHaveLength(1);
  });
});

describe('createHttpClient: failures', () => {
  it('GIVEN a server that never answers WHEN a GET is sent THEN it rejects with a timeout within the bound, once per attempt', async () => {
    const server = await serve(() => undefined);
    const started = performance.now();
    const error = await client({ baseUrl: server.baseUrl, timeoutMs: 150, retries: 1 })
      .request({ method: 'GET', path: '/products?limit=1' })
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstream: 'inventory', failure: 'timeout', message: 'inventory did not answer within 150 ms (GET /products)' });
    expect(server.received).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(1000);
  });

  it('GIVEN a server that sends headers then stalls WHEN a GET is sent THEN the body read times out too', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items": [');
    });
    await expect(client({ baseUrl: server.baseUrl, timeoutMs: 150, retries: 0 }).request({ method: 'GET', path: '/products' })).rejects.toMatchObject({
      failure: 'timeout',
      message: 'inventory did not answer within 150 ms (GET /products)',
    });
  });

  it('GIVEN nobody listening WHEN a GET is sent THEN it rejects as a network failure naming the refused address', async () => {
    const port = await freePort();
    const { logger, lines } = capturedLogger();
    const error = await client({ baseUrl: `http://127.0.0.1:${port}`, retries: 2 }, { telemetry: observedTelemetry().telemetry, logger })
      .request({ method: 'GET', path: '/products' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'UpstreamError',
      failure: 'network',
      message: `inventory is unreachable: connect ECONNREFUSED 127.0.0.1:${port} (GET /products)`,
    });
    expect(lines.filter((l) => l.msg.startsWith('retrying GET /products on inventory'))).toHaveLength(2);
  });

  it('GIVEN nobody listening WHEN a POST is sent THEN it is not retried', async () => {
    const port = await freePort();
    const { logger, lines } = capturedLogger();
    await expect(
      client({ baseUrl: `http://127.0.0.1:${port}` }, { telemetry: observedTelemetry().telemetry, logger }).request({ method: 'POST', path: '/orders', body: {} }),
    ).rejects.toMatchObject({ failure: 'network' });
    expect(lines).toEqual([]);
  });

  it('GIVEN a request undici refuses to send WHEN sent THEN undici’s error comes back as it is, not as an upstream failure', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const error = await client({ baseUrl: server.baseUrl }).request({ method: 'GET', path: '/x', headers: { 'x-bad': 'a\nb' } }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'UND_ERR_INVALID_ARG' });
    expect(server.received).toHaveLength(0);
  });
});

describe('createHttpClient: circuit breaker', () => {
  it('GIVEN consecutive failures WHEN the threshold is reached THEN calls are rejected at once, then one trial closes the circuit', async () => {
    let healthy = false;
    const server = await serve((_req, res) => (healthy ? json(res, 200, { ok: true }) : json(res, 500, {})));
    const { logger, lines } = capturedLogger();
    const inventory = client({ baseUrl: server.baseUrl, retries: 0, breakerThreshold: 3, breakerResetMs: 300 }, { telemetry: observedTelemetry().telemetry, logger });
    for (let i = 0; i < 3; i += 1) expect((await inventory.request({ method: 'GET', path: '/products' })).status).toBe(500);

    const started = performance.now();
    const rejected = await inventory.request({ method: 'GET', path: '/products' }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(50);
    expect(rejected).toBeInstanceOf(UpstreamError);
    expect(rejected).toMatchObject({ failure: 'circuit_open' });
    expect((rejected as Error).message).toMatch(/^inventory circuit is open after 3 consecutive failures; retrying in (\d+) ms$/);
    expect(Number(/in (\d+) ms/.exec((rejected as Error).message)?.[1])).toBeLessThanOrEqual(300);
    expect(server.received).toHaveLength(3);

    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await inventory.request({ method: 'GET', path: '/products' })).status).toBe(200);
    expect((await inventory.request({ method: 'GET', path: '/products' })).status).toBe(200);
    expect(lines.filter((l) => l.msg.includes('circuit')).map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'inventory circuit opened after 3 consecutive failures; calls are rejected for 300 ms'],
      ['warn', 'inventory circuit is half-open: letting one trial call through'],
      ['warn', 'inventory circuit closed: the trial call succeeded'],
    ]);
  });

  it('GIVEN a half-open circuit WHEN the trial times out THEN the circuit opens again, and a call during the trial is rejected', async () => {
    let slow = false;
    const server = await serve((_req, res) => (slow ? setTimeout(() => json(res, 200, {}), 400) : json(res, 503, {})));
    const { logger, lines } = capturedLogger();
    const inventory = client(
      { baseUrl: server.baseUrl, retries: 0, timeoutMs: 100, breakerThreshold: 2, breakerResetMs: 100 },
      { telemetry: observedTelemetry().telemetry, logger },
    );
    await inventory.request({ method: 'GET', path: '/a' });
    await inventory.request({ method: 'GET', path: '/a' });
    slow = true;
    await new Promise((resolve) => setTimeout(resolve, 120));

    const trial = inventory.request({ method: 'GET', path: '/a' }).catch((e: unknown) => e);
    const during = await inventory.request({ method: 'GET', path: '/a' }).catch((e: unknown) => e);
    expect(during).toMatchObject({ failure: 'circuit_open', message: 'inventory circuit is open after 2 consecutive failures; a trial call is in flight' });
    expect(await trial).toMatchObject({ failure: 'timeout' });
    expect(lines.at(-1)).toMatchObject({ level: 'warn', msg: 'inventory circuit opened again: the trial call failed; calls are rejected for 100 ms' });
    await expect(inventory.request({ method: 'GET', path: '/a' })).rejects.toMatchObject({ failure: 'circuit_open' });
  });

  it('GIVEN a retried GET WHEN its failures open the circuit THEN the remaining retries are not sent', async () => {
    const server = await serve((_req, res) => json(res, 503, {}));
    const inventory = client({ baseUrl: server.baseUrl, retries: 5, breakerThreshold: 2, breakerResetMs: 10_000 });
    await expect(inventory.request({ method: 'GET', path: '/products' })).rejects.toMatchObject({
      failure: 'circuit_open',
      message: expect.stringMatching(/^inventory circuit is open after 2 consecutive failures; retrying in \d+ ms$/),
    });
    expect(server.received).toHaveLength(2);
  });
});

describe('createHttpClient: telemetry', () => {
  it('GIVEN an active span WHEN a request is sent THEN traceparent carries its trace id and the CLIENT span is its child', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const { telemetry, spans } = observedTelemetry();
    const inventory = client({ baseUrl: server.baseUrl }, { telemetry, logger: silentLogger });
    const parent = telemetry.tracer.startSpan('GET /checkout');
    await context.with(trace.setSpan(context.active(), parent), () => inventory.request({ method: 'GET', path: '/products?limit=1' }));
    parent.end();

    const traceparent = String(server.received[0]?.headers.traceparent);
    const [, traceId, spanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(traceparent) ?? [];
    expect(traceId).toBe(parent.spanContext().traceId);
    const clientSpan = spans.getFinishedSpans().find((s) => s.kind === SpanKind.CLIENT);
    expect(clientSpan?.spanContext().spanId).toBe(spanId);
    expect(clientSpan?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(clientSpan?.name).toBe('GET');
    expect(clientSpan?.attributes).toEqual({
      'http.request.method': 'GET',
      'server.address': '127.0.0.1',
      'server.port': server.port,
      'url.full': `${server.baseUrl}/products?limit=1`,
      'http.response.status_code': 200,
    });
    expect(clientSpan?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('GIVEN a retried request WHEN it ends THEN each attempt is a span, failed ones marked as errors', async () => {
    const server = await serve((_req, res, n) => (n === 0 ? json(res, 503, {}) : json(res, 200, {})));
    const { telemetry, spans } = observedTelemetry();
    await client({ baseUrl: server.baseUrl }, { telemetry, logger: silentLogger }).request({ method: 'GET', path: '/p' });
    const attempts = spans.getFinishedSpans();
    expect(attempts.map((s) => [s.attributes['http.response.status_code'], s.attributes['http.request.resend_count'], s.status.code])).toEqual([
      [503, undefined, SpanStatusCode.ERROR],
      [200, 1, SpanStatusCode.UNSET],
    ]);
    expect(attempts[0]?.attributes['error.type']).toBe('503');
  });

  it('GIVEN answers and failures WHEN scraped THEN each attempt is observed with method, server, status and error type', async () => {
    const server = await serve((req, res) => (req.url === '/slow' ? undefined : json(res, 200, {})));
    const port = await freePort();
    const { telemetry } = observedTelemetry();
    const deps = { telemetry, logger: silentLogger };
    await client({ baseUrl: server.baseUrl }, deps).request({ method: 'GET', path: '/ok' });
    await client({ baseUrl: server.baseUrl, timeoutMs: 50, retries: 0 }, deps).request({ method: 'GET', path: '/slow' }).catch(() => undefined);
    await client({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 }, deps).request({ method: 'POST', path: '/x' }).catch(() => undefined);

    const text = await telemetry.registry.metrics();
    const count = (labels: Record<string, string>): number | undefined => sampleValue(text, 'http_client_request_duration_seconds_count', labels);
    expect(count({ http_request_method: 'GET', server_address: 'inventory', http_response_status_code: '200', error_type: '' })).toBe(1);
    expect(count({ http_request_method: 'GET', server_address: 'inventory', http_response_status_code: '', error_type: 'timeout' })).toBe(1);
    expect(count({ http_request_method: 'POST', server_address: 'inventory', http_response_status_code: '', error_type: 'network' })).toBe(1);
  });

  it('GIVEN telemetry disabled WHEN a request is sent THEN no trace context is sent, no span made and nothing observed', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const { telemetry, spans } = observedTelemetry({ enabled: false });
    await client({ baseUrl: server.baseUrl }, { telemetry, logger: silentLogger }).request({ method: 'GET', path: '/p' });
    expect(server.received[0]?.headers.traceparent).toBeUndefined();
    expect(spans.getFinishedSpans()).toEqual([]);
    expect(await telemetry.registry.metrics()).not.toContain('http_client_request_duration_seconds_count{');
  });
});
