export { startPostgres, type PostgresOptions, type PostgresServer } from './postgres.ts';
export { logSink, type LogSink } from './log-sink.ts';
export { freePort } from './ports.ts';
