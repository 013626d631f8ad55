export { startPostgres, type PostgresOptions, type PostgresServer } from './postgres.ts';
