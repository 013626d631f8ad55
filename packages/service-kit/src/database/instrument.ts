/**
 * One CLIENT span and one `db_client_operation_duration_seconds` observation per database
 * operation, named after OpenTelemetry's database semantic conventions.
 */
import { context, SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { Telemetry } from '../telemetry/types.ts';

/** Runs one database operation (`execute`) for the SQL text `sql`, observed. */
export type Instrument = <T>(sql: string, execute: () => Promise<T>) => Promise<T>;

/** Where the operations go, for span attributes: `server.address`, `server.port`, `db.namespace`. */
export interface DatabaseTarget {
  readonly address?: string;
  readonly port?: number;
  readonly namespace?: string;
}

export interface QuerySummary {
  /** `db.operation.name`: the first keyword, upper-cased, e.g. `SELECT`. */
  readonly operation: string;
  /** `db.collection.name` when the statement names one table plainly, e.g. `products`. */
  readonly collection: string | undefined;
  /** The span name: `SELECT products`, or the operation alone. */
  readonly spanName: string;
}

const dbSystem = 'postgresql';
const leadingComments = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const identifier = String.raw`("[^"]+"|[A-Za-z_][\w$]*)(?:\s*\.\s*("[^"]+"|[A-Za-z_][\w$]*))?`;
const collectionPatterns: Readonly<Record<string, RegExp>> = {
  SELECT: new RegExp(String.raw`\bFROM\s+(?:ONLY\s+)?${identifier}`, 'i'),
  INSERT: new RegExp(String.raw`^INSERT\s+INTO\s+${identifier}`, 'i'),
  UPDATE: new RegExp(String.raw`^UPDATE\s+(?:ONLY\s+)?${identifier}`, 'i'),
  DELETE: new RegExp(String.raw`^DELETE\s+FROM\s+(?:ONLY\s+)?${identifier}`, 'i'),
};

/** Services run a small set of constant SQL texts; summaries are cached per text, up to a bound. */
const summaries = new Map<string, QuerySummary>();
const maxCachedSummaries = 500;

/** Derives the operation and, cheaply and only when plain, the table of a statement. */
export function summarizeQuery(sql: string): QuerySummary {
  const cached = summaries.get(sql);
  if (cached !== undefined) return cached;
  const text = sql.replace(leadingComments, '');
  const operation = /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase() ?? 'UNKNOWN';
  const match = collectionPatterns[operation]?.exec(text);
  const name = match?.[2] ?? match?.[1];
  const collection = name?.replaceAll('"', '');
  const summary: QuerySummary = { operation, collection, spanName: collection === undefined ? operation : `${operation} ${collection}` };
  if (summaries.size < maxCachedSummaries) summaries.set(sql, summary);
  return summary;
}

/** The `error_type` label: PostgreSQL's SQLSTATE (or Node's code, e.g. ECONNREFUSED), else the error's name. */
export function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'Error';
}

/** An error PostgreSQL answered (it has a severity and a SQLSTATE), not a client-side failure. */
function isServerError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { severity?: unknown }).severity === 'string';
}

/** Runs operations unobserved when telemetry is disabled (the benchmark baseline). */
export function createInstrument(telemetry: Telemetry, target: DatabaseTarget): Instrument {
  if (!telemetry.enabled) return (_sql, execute) => execute();
  const { tracer } = telemetry;
  const duration = telemetry.metrics.dbClientDuration;
  const targetAttributes: Attributes = {};
  if (target.address !== undefined) targetAttributes['server.address'] = target.address;
  if (target.port !== undefined) targetAttributes['server.port'] = target.port;
  if (target.namespace !== undefined) targetAttributes['db.namespace'] = target.namespace;

  return async (sql, execute) => {
    const summary = summarizeQuery(sql);
    const attributes: Attributes = {
      ...targetAttributes,
      'db.system.name': dbSystem,
      'db.operation.name': summary.operation,
      'db.query.text': sql,
    };
    if (summary.collection !== undefined) attributes['db.collection.name'] = summary.collection;
    const span = tracer.startSpan(summary.spanName, { kind: SpanKind.CLIENT, attributes }, context.active());
    const started = performance.now();
    try {
      const result = await execute();
      duration.observe({ db_system_name: dbSystem, db_operation_name: summary.operation, error_type: '' }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      const type = errorType(error);
      duration.observe({ db_system_name: dbSystem, db_operation_name: summary.operation, error_type: type }, (performance.now() - started) / 1000);
      span.setAttribute('error.type', type);
      if (isServerError(error)) span.setAttribute('db.response.status_code', type);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  };
}
