/**
 * The client a service calls another service with: keep-alive connections (undici), a
 * timeout per attempt, retries of idempotent requests, a circuit breaker, W3C trace context,
 * a CLIENT span and a duration observation per attempt.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { context, defaultTextMapSetter, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import { UpstreamError } from '../errors.ts';
import type { Telemetry } from '../telemetry/types.ts';
import { CircuitBreaker, type Admission, type CircuitState } from './circuit-breaker.ts';
import type { HttpClient, HttpClientOptions, HttpMethod, HttpRequest, HttpResponse } from './types.ts';

export interface HttpClientDeps {
  readonly telemetry: Telemetry;
  readonly logger: Logger;
}

const defaults = { timeoutMs: 2000, retries: 2, backoffMs: 50, breakerThreshold: 5, breakerResetMs: 5000 } as const;

const idempotentMethods: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const retriedStatuses: ReadonlySet<number> = new Set([502, 503, 504]);
/** undici's errors that are about our request or our own closed client, not about the called service. */
const ownErrorCodes: ReadonlySet<string> = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_NOT_SUPPORTED']);
const timeoutErrorCodes: ReadonlySet<string> = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** The abort reason of a timed-out attempt; never seen outside this module. */
const attemptTimedOut = new Error('attempt timed out');

type AttemptResult = { readonly response: HttpResponse<unknown>; readonly failure?: undefined } | { readonly failure: UpstreamError };

export function createHttpClient(options: HttpClientOptions, deps: HttpClientDeps): HttpClient {
  const settings = resolveOptions(options);
  const { name, timeoutMs, retries, backoffMs } = settings;
  const { telemetry, logger } = deps;
  const base = new URL(options.baseUrl);
  const pathPrefix = base.pathname.replace(/\/+$/, '');
  const spanTarget: Attributes = {
    'server.address': base.hostname,
    'server.port': base.port === '' ? (base.protocol === 'https:' ? 443 : 80) : Number(base.port),
  };
  const urlBase = base.origin + pathPrefix;
  const pool = new Pool(base.origin);
  const breaker = new CircuitBreaker({
    threshold: settings.breakerThreshold,
    resetMs: settings.breakerResetMs,
    onTransition: (from, to, failures) => logger.warn({ upstream: name, circuit: to, failures }, transitionMessage(name, from, to, failures, settings.breakerResetMs)),
  });

  /** One try: resolves with the answer or the upstream failure; rejects only for a mistake of ours. */
  async function attempt(method: HttpMethod, path: string, headers: Record<string, string>, body: string | undefined, resendCount: number): Promise<AttemptResult> {
    let span: Span | undefined;
    if (telemetry.enabled) {
      const attributes: Attributes = { ...spanTarget, 'http.request.method': method, 'url.full': urlBase + path };
      if (resendCount > 0) attributes['http.request.resend_count'] = resendCount;
      span = telemetry.tracer.startSpan(method, { kind: SpanKind.CLIENT, attributes }, context.active());
      telemetry.propagator.inject(trace.setSpan(context.active(), span), headers, defaultTextMapSetter);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(attemptTimedOut), timeoutMs);
    const started = performance.now();
    let status: number | undefined;
    let failure: UpstreamError | undefined;
    try {
      const answer = await pool.request({ method, path: pathPrefix + path, headers, body, signal: controller.signal });
      status = answer.statusCode;
      const text = await answer.body.text();
      return { response: { status, headers: answer.headers, body: parseBody(text, answer.headers['content-type']) } };
    } catch (error) {
      failure = upstreamFailure(error, controller.signal.aborted, method, path);
      if (failure === undefined) throw error;
      return { failure };
    } finally {
      clearTimeout(timer);
      if (telemetry.enabled) {
        const errorType = failure?.failure ?? '';
        telemetry.metrics.httpClientDuration.observe(
          {
            http_request_method: method,
            server_address: name,
            http_response_status_code: status === undefined ? '' : String(status),
            error_type: errorType,
          },
          (performance.now() - started) / 1000,
        );
        if (span !== undefined) endSpan(span, status, failure);
      }
    }
  }

  /** Maps what undici threw to an UpstreamError, or undefined when the fault is ours. */
  function upstreamFailure(error: unknown, timedOut: boolean, method: HttpMethod, path: string): UpstreamError | undefined {
    const code = (error as { code?: unknown } | null)?.code;
    const call = `(${method} ${pathOnly(path)})`;
    if (timedOut || (typeof code === 'string' && timeoutErrorCodes.has(code))) {
      return new UpstreamError(name, 'timeout', `${name} did not answer within ${timeoutMs} ms ${call}`, { cause: error });
    }
    if (typeof code === 'string' && ownErrorCodes.has(code)) return undefined;
    return new UpstreamError(name, 'network', `${name} is unreachable: ${describeNetworkError(error)} ${call}`, { cause: error });
  }

  function circuitOpenError(): UpstreamError {
    const wait = breaker.retryInMs;
    const when = wait > 0 ? `retrying in ${Math.ceil(wait)} ms` : 'a trial call is in flight';
    return new UpstreamError(name, 'circuit_open', `${name} circuit is open after ${breaker.failures} consecutive failures; ${when}`);
  }

  return {
    async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
      const { method, path } = request;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (request.headers !== undefined) {
        for (const [key, value] of Object.entries(request.headers)) headers[key.toLowerCase()] = value;
      }
      let body: string | undefined;
      if (request.body !== undefined) {
        body = JSON.stringify(request.body);
        headers['content-type'] ??= 'application/json';
      }
      const maxRetries = idempotentMethods.has(method) || headers['idempotency-key'] !== undefined ? retries : 0;

      for (let retry = 0; ; retry += 1) {
        const admission: Admission = breaker.admit();
        if (admission === 'rejected') throw circuitOpenError();
        let result: AttemptResult;
        try {
          result = await attempt(method, path, headers, body, retry);
        } catch (error) {
          breaker.abandoned(admission);
          throw error;
        }
        const status = result.failure === undefined ? result.response.status : undefined;
        if (result.failure !== undefined || (status !== undefined && status >= 500)) breaker.failed(admission);
        else breaker.succeeded(admission);

        const retryable = result.failure !== undefined || (status !== undefined && retriedStatuses.has(status));
        if (!retryable || retry >= maxRetries) {
          if (result.failure !== undefined) throw result.failure;
          return result.response as HttpResponse<T>;
        }
        // Full jitter: a random wait up to the doubled backoff, so that retrying callers spread out.
        const delayMs = Math.round(Math.random() * backoffMs * 2 ** retry);
        const reason = result.failure?.message ?? `HTTP ${status ?? ''}`;
        logger.warn(
          { upstream: name, method, path: pathOnly(path), retry: retry + 1, retries: maxRetries, delayMs },
          `retrying ${method} ${pathOnly(path)} on ${name} in ${delayMs} ms (retry ${retry + 1} of ${maxRetries}): ${reason}`,
        );
        await sleep(delayMs);
      }
    },
    close: () => pool.close(),
  };
}

function endSpan(span: Span, status: number | undefined, failure: UpstreamError | undefined): void {
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  if (failure !== undefined) {
    span.setAttribute('error.type', failure.failure);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
  } else if (status !== undefined && status >= 500) {
    span.setAttribute('error.type', String(status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** JSON when the answer says so (or says nothing); the text otherwise, or when it is not JSON after all. */
function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (text === '') return undefined;
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  if (type !== undefined && !type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function pathOnly(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/** Node's failed connect to several addresses is an AggregateError with no message of its own. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message !== '') return error.message;
  const inner = (error as Partial<AggregateError>).errors?.find((e: unknown): e is Error => e instanceof Error && e.message !== '');
  if (inner !== undefined) return inner.message;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}

function transitionMessage(name: string, from: CircuitState, to: CircuitState, failures: number, resetMs: number): string {
  if (to === 'open') {
    return from === 'half-open'
      ? `${name} circuit opened again: the trial call failed; calls are rejected for ${resetMs} ms`
      : `${name} circuit opened after ${failures} consecutive failures; calls are rejected for ${resetMs} ms`;
  }
  if (to === 'half-open') return `${name} circuit is half-open: letting one trial call through`;
  return `${name} circuit closed: the trial call succeeded`;
}

interface ResolvedOptions {
  readonly name: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly breakerThreshold: number;
  readonly breakerResetMs: number;
}

/** Defaults applied once; every problem with the options reported at once. */
function resolveOptions(options: HttpClientOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    name: options.name,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    retries: options.retries ?? defaults.retries,
    backoffMs: options.backoffMs ?? defaults.backoffMs,
    breakerThreshold: options.breakerThreshold ?? defaults.breakerThreshold,
    breakerResetMs: options.breakerResetMs ?? defaults.breakerResetMs,
  };
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(options.name)) problems.push(`name ${JSON.stringify(options.name)} must be a service name, e.g. inventory`);
  let protocol: string | undefined;
  try {
    protocol = new URL(options.baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    problems.push(`baseUrl ${JSON.stringify(options.baseUrl)} must be an http(s) URL, e.g. http://inventory.shop.svc:8080`);
  }
  const positive = { timeoutMs: resolved.timeoutMs, breakerThreshold: resolved.breakerThreshold, breakerResetMs: resolved.breakerResetMs };
  for (const [key, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value <= 0) problems.push(`${key} ${value} must be a whole number above 0`);
  }
  for (const [key, value] of Object.entries({ retries: resolved.retries, backoffMs: resolved.backoffMs })) {
    if (!Number.isInteger(value) || value < 0) problems.push(`${key} ${value} must be a whole number, 0 or more`);
  }
  if (problems.length > 0) throw new Error(`http client ${JSON.stringify(options.name)}: ${problems.join('; ')}`);
  return resolved;
}
