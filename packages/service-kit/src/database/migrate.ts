/**
 * Schema migrations: the `NNNN_description.sql` files of a folder, applied in order and
 * recorded in `schema_migrations`. Several replicas may start at once: they take turns on a
 * PostgreSQL advisory lock, and each reads what is applied only once it holds the lock.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Database } from './types.ts';

/** Four digits, an underscore, a description: `0001_create_products.sql`. */
export const migrationFileNamePattern = /^(\d{4})_([A-Za-z0-9][A-Za-z0-9_-]*)\.sql$/;
const expectedName = 'NNNN_description.sql (four digits, an underscore, then letters, digits, _ or -), e.g. 0001_create_products.sql';

/** Any fixed key does: it only has to be the same in every replica of every Strata service. */
const migrationLockKey = '7402914655029341184';

/** A migration that PostgreSQL rejected; `code` is PostgreSQL's SQLSTATE. */
export class MigrationError extends Error {
  readonly file: string;
  readonly code: string | undefined;

  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`migration ${file} failed: ${reason}`, { cause });
    this.name = 'MigrationError';
    this.file = file;
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

interface Migration {
  readonly version: string;
  readonly file: string;
}

/**
 * Applies the migrations of `dir` not applied yet, in one transaction: when one fails, none
 * of this run is recorded or kept. Files starting with `.` and `*.md` files are ignored;
 * any other file must be named NNNN_description.sql. A migration runs inside that
 * transaction, so it must not BEGIN/COMMIT itself nor use CREATE INDEX CONCURRENTLY.
 * @returns the file names applied by this call, in order (none when the schema is up to date)
 */
export async function migrate(db: Database, dir: string, logger: Logger): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(dir);
  const sqlByFile = new Map<string, string>();
  for (const migration of migrations) sqlByFile.set(migration.file, await readFile(join(dir, migration.file), 'utf8'));

  const applied = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      try {
        await tx.exec(sqlByFile.get(migration.file) ?? '');
      } catch (error) {
        throw new MigrationError(migration.file, error);
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.file]);
      appliedNow.push(migration.file);
    }
    return appliedNow;
  });

  for (const file of applied) logger.info({ migration: file }, `database: applied migration ${file}`);
  if (applied.length === 0) logger.info(`database: schema is up to date (${migrations.length} migrations)`);
  return { applied };
}

/** The migrations of `dir` in order; every problem with their names at once. */
async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const problems: string[] = [];
  const byVersion = new Map<string, Migration>();
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isFile() || entry.name.startsWith('.') || entry.name.endsWith('.md')) continue;
    const version = migrationFileNamePattern.exec(entry.name)?.[1];
    if (version === undefined) {
      problems.push(`${join(dir, entry.name)}: a migration's name must match ${expectedName}`);
      continue;
    }
    const other = byVersion.get(version);
    if (other !== undefined) {
      problems.push(`${join(dir, entry.name)}: version ${version} is also ${other.file}; give each migration its own number`);
      continue;
    }
    byVersion.set(version, { version, file: entry.name });
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return [...byVersion.values()];
}
