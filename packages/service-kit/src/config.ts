import { z } from 'zod';

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

const wholeNumber = (): z.ZodCoercedNumber => z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' });
// 0 asks the system for a free port (tests do).
const port = wholeNumber().min(0, { error: 'must be a port from 0 to 65535' }).max(65_535, { error: 'must be a port from 0 to 65535' });
const milliseconds = wholeNumber().min(0, { error: 'must be 0 or more milliseconds' });
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on');

/**
 * The variables every service reads. Each one's default is what a newcomer running the
 * service on a laptop wants; the platform's Deployment sets the production values.
 */
export const baseConfigShape = {
  /** @default 8080 (the port the platform's Service targets) */
  PORT: port.default(8080),
  /** @default 0.0.0.0 */
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  /** PostgreSQL connection string; PGlite (embedded) is used when unset. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  /** Where PGlite keeps its files; in memory when unset. */
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  /** @default 10 */
  DATABASE_POOL_MAX: wholeNumber().min(1, { error: 'must be from 1 to 1000' }).max(1000, { error: 'must be from 1 to 1000' }).default(10),
  /** OTLP/HTTP endpoint of the collector; spans are exported nowhere when unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://otel-collector:4318' }).optional(),
  /** OpenTelemetry's standard override of `service.name`. @default the service's name */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** OpenTelemetry's standard `key=value,…` resource attributes; the platform sets `deployment.environment.name` here. */
  OTEL_RESOURCE_ATTRIBUTES: z
    .string()
    .regex(/^[^=,\s]+=[^,]*(,[^=,\s]+=[^,]*)*$/, { error: 'must be key=value pairs separated by commas' })
    .optional(),
  /** `deployment.environment.name`, when OTEL_RESOURCE_ATTRIBUTES does not give it. @default local */
  DEPLOYMENT_ENVIRONMENT: z.string().min(1).optional(),
  /** Turns tracing and request metrics off: only the benchmark's baseline wants that. @default true */
  TELEMETRY_ENABLED: flag.default(true),
  /** A request not answered by then gets 503. @default 10000 */
  REQUEST_TIMEOUT_MS: wholeNumber().min(1, { error: 'must be 1 or more milliseconds' }).default(10_000),
  /** @default 1048576 (1 MiB) */
  BODY_LIMIT_BYTES: wholeNumber().min(1, { error: 'must be 1 or more bytes' }).default(1_048_576),
  /** Wait after readiness turns false before closing the listener, so load balancers catch up. @default 0 */
  SHUTDOWN_DELAY_MS: milliseconds.default(0),
  /** In-flight requests get this long to finish after SIGTERM. @default 20000 */
  SHUTDOWN_TIMEOUT_MS: milliseconds.default(20_000),
  /** Enables fault injection through the admin port. Never set in production. @default false */
  FAULTS_ENABLED: flag.default(false),
  /** The admin port (faults), only opened when FAULTS_ENABLED is true. @default 9090 */
  ADMIN_PORT: port.default(9090),
};

export type BaseConfig = z.infer<z.ZodObject<typeof baseConfigShape>>;

/** A variable with a bad value: the message is the one line the process prints before exit 1. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(service: string, problems: readonly string[]) {
    super(`${service}: bad configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads the base variables and the service's own (`shape`) from `env`; every problem at once. */
export function loadConfig<S extends z.ZodRawShape>(service: string, shape: S, env: Environment): BaseConfig & z.infer<z.ZodObject<S>> {
  const schema = z.object({ ...baseConfigShape, ...shape });
  // Empty variables count as unset, as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data as BaseConfig & z.infer<z.ZodObject<S>>;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = present[name];
    return value === undefined ? `${name} is not set: ${issue.message}` : `${name}=${JSON.stringify(value)}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}
