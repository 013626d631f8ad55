/** What a query returns: the rows and how many rows the statement touched. */
export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

/** Anything that runs SQL with `$1`-style parameters: the database or one transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs one or more `;`-separated statements without parameters, e.g. a migration file. */
  exec(sql: string): Promise<void>;
}

/**
 * The service's database: a `pg` pool on PostgreSQL when DATABASE_URL is set, otherwise
 * PGlite embedded in the process. Errors keep PostgreSQL's SQLSTATE in `code` on both
 * (e.g. `23505` unique violation, `23514` check violation).
 */
export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in BEGIN … COMMIT on one connection; ROLLBACK when it throws, then rethrows. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers `SELECT 1` within `timeoutMs`, else rejects. */
  ping(timeoutMs?: number): Promise<void>;
  /** Connections in use and idle, for /readyz and the pool metrics. */
  stats(): { readonly total: number; readonly idle: number; readonly waiting: number };
  close(): Promise<void>;
}
