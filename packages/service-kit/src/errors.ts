/**
 * Errors a handler may throw; the service's error handler turns each into a JSON answer
 * `{ error, message }` with the status below. Anything else is a 500 that is logged.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type UpstreamFailure = 'timeout' | 'network' | 'circuit_open';

/** A called service did not answer usefully; answered as 503 `upstream_unavailable`. */
export class UpstreamError extends Error {
  readonly upstream: string;
  readonly failure: UpstreamFailure;

  constructor(upstream: string, failure: UpstreamFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamError';
    this.upstream = upstream;
    this.failure = failure;
  }
}
