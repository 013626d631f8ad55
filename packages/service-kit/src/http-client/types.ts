export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  /** The called service, used in errors, spans and the `server_address` label, e.g. `inventory`. */
  readonly name: string;
  /** e.g. `http://inventory.shop.svc:8080`. */
  readonly baseUrl: string;
  /** Per attempt. @default 2000 */
  readonly timeoutMs?: number;
  /** Extra attempts for idempotent requests after a network error, a timeout, or 502/503/504. @default 2 */
  readonly retries?: number;
  /** First backoff; doubles each retry, with full jitter. @default 50 */
  readonly backoffMs?: number;
  /** Consecutive failures that open the circuit. @default 5 */
  readonly breakerThreshold?: number;
  /** How long an open circuit rejects calls before one trial call. @default 5000 */
  readonly breakerResetMs?: number;
}

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path and query, e.g. `/products?limit=20`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON; undefined for an empty body. */
  readonly body: T;
}

export interface HttpClient {
  /**
   * Resolves with any HTTP status. Rejects with an UpstreamError on timeout, network error
   * or an open circuit. GET, HEAD, OPTIONS, PUT and DELETE, and any request with an
   * Idempotency-Key header, are retried; other requests are tried once.
   */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  close(): Promise<void>;
}
