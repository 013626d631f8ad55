export { migrate, migrationFileNamePattern, MigrationError } from './migrate.ts';
export { openDatabase, type DatabaseOptions } from './open.ts';
export type { Database, Queryable, QueryResult } from './types.ts';
