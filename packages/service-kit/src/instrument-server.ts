import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, defaultTextMapGetter, trace } from '@opentelemetry/api';
import type { Telemetry } from './telemetry/types.ts';

/** Set by the router (an onRequest hook) on the raw request: the matched route template. */
export const routeTemplate = Symbol('strata.routeTemplate');

type RoutedRequest = IncomingMessage & { [routeTemplate]?: string };

/** Probes and scrapes are not user traffic: no span, no request metric, no fault. */
export function isOperationalPath(url: string | undefined): boolean {
  const path = url === undefined ? '' : url.split('?', 1)[0];
  return path === '/healthz' || path === '/readyz' || path === '/metrics';
}

/**
 * The HTTP server under Fastify. Wrapping the raw listener (rather than hooking into
 * Fastify) makes the request span the active context for everything the request does,
 * database queries and outgoing calls included, and times the request from its first byte
 * handled to the last byte written.
 */
export function createInstrumentedServer(telemetry: Telemetry, handler: RequestListener): Server {
  if (!telemetry.enabled) return createServer(handler);
  const { tracer, propagator, metrics } = telemetry;
  return createServer((req: RoutedRequest, res: ServerResponse) => {
    if (isOperationalPath(req.url)) return handler(req, res);
    const started = performance.now();
    const method = req.method ?? 'GET';
    const parent = req.headers.traceparent === undefined ? ROOT_CONTEXT : propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': method, 'url.path': req.url?.split('?', 1)[0] ?? '/', 'url.scheme': 'http' },
      },
      parent,
    );
    res.once('close', () => {
      const route = req[routeTemplate] ?? '';
      const status = res.writableFinished ? res.statusCode : 0;
      metrics.httpServerDuration.observe(
        { http_request_method: method, http_route: route, http_response_status_code: status === 0 ? '' : String(status) },
        (performance.now() - started) / 1000,
      );
      if (route !== '') {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
      }
      if (status !== 0) span.setAttribute('http.response.status_code', status);
      if (status >= 500 || status === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: status === 0 ? 'client went away' : undefined });
      span.end();
    });
    context.with(trace.setSpan(parent, span), () => handler(req, res));
  });
}
