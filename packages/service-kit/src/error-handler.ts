import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, UpstreamError } from './errors.ts';

/** The body of every error answer. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly details?: unknown;
}

/**
 * The JSON schema of {@link ErrorBody}, for routes' `response` schemas and the OpenAPI
 * document: `errorBodySchema('`order_not_found`: no such order')`.
 */
export function errorBodySchema(description?: string) {
  return {
    ...(description === undefined ? {} : { description }),
    type: 'object',
    required: ['error', 'message'],
    properties: {
      error: { type: 'string', description: 'A stable code, e.g. `product_not_found`.' },
      message: { type: 'string' },
      details: { description: 'Machine-readable facts about the error, when there are any.' },
    },
  } as const;
}

/** SQLSTATE classes and socket errors that mean "the database is not there right now". */
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended/i.test(error.message);
}

/** Turns anything a route throws into a JSON answer; only unexpected errors are 500 and logged as such. */
export function answerError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const send = (status: number, body: ErrorBody): FastifyReply => reply.code(status).type('application/json').send(body);
  if ('validation' in error && error.validation !== undefined) {
    // Ajv says "must NOT have additional properties" without saying which: name it.
    const unknown = error.validation.find((v) => v.keyword === 'additionalProperties')?.params.additionalProperty;
    const message = typeof unknown === 'string' ? `${error.message}: ${JSON.stringify(unknown)} is not a known field` : error.message;
    return send(400, { error: 'bad_request', message });
  }
  if (error instanceof HttpError) {
    return send(error.status, { error: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) });
  }
  if (error instanceof UpstreamError) {
    request.log.warn({ upstream: error.upstream, failure: error.failure }, error.message);
    return send(503, { error: 'upstream_unavailable', message: error.message });
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', '1');
    return send(503, { error: 'database_unavailable', message: 'the database is unavailable; retry shortly' });
  }
  const status = (error as FastifyError).statusCode;
  if (status === 503 && (error as FastifyError).code === 'FST_ERR_HANDLER_TIMEOUT') {
    request.log.error({ err: error }, 'request timed out');
    return send(503, { error: 'timeout', message: error.message });
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return send(status, { error: status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request', message: error.message });
  }
  request.log.error({ err: error }, 'unexpected error');
  return send(500, { error: 'internal_error', message: 'unexpected error; see the service log for this trace id' });
}
