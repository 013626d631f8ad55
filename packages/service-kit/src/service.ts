import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fastifySwagger } from '@fastify/swagger';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { LogController, fastify, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import type { z } from 'zod';
import { loadConfig, type BaseConfig, type Environment } from './config.ts';
import type { Database } from './database/types.ts';
import { answerError } from './error-handler.ts';
import { decideFault, noFaults, openFaultSwitch, type FaultSettings, type FaultSwitch } from './faults.ts';
import { createHttpClient } from './http-client/index.ts';
import type { HttpClient, HttpClientOptions } from './http-client/types.ts';
import { createInstrumentedServer, isOperationalPath, routeTemplate } from './instrument-server.ts';
import { createLogger } from './logger.ts';
import { createTelemetry, parseResourceAttributes } from './telemetry/create.ts';
import type { Telemetry } from './telemetry/types.ts';

/** What a service is: the kit does the rest. */
export interface ServiceDefinition<S extends z.ZodRawShape = z.ZodRawShape> {
  /** The service's name, as in platform/ (`orders`): logs, spans, errors. */
  readonly name: string;
  readonly version: string;
  /** One sentence for the OpenAPI document. */
  readonly description: string;
  /** The service's own environment variables, beside the kit's (see config.ts). */
  readonly config?: S;
  /** A folder of `NNNN_name.sql` migrations: the service gets a database when this is set. */
  readonly migrations?: string;
  /** Registers the routes; runs once at start, after the database is migrated. */
  readonly routes: (app: FastifyInstance, context: ServiceContext<BaseConfig & z.infer<z.ZodObject<S>>>) => void | Promise<void>;
}

export interface ServiceContext<C = BaseConfig> {
  readonly name: string;
  readonly config: C;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  /** The migrated database; throws for a service that declares no migrations. */
  readonly db: Database;
  /** A client for another service, closed when this one shuts down. */
  client(options: HttpClientOptions): HttpClient;
}

export interface StartOptions {
  /** @default process.env */
  readonly env?: Environment;
  /** Receives every span too (tests pass an InMemorySpanExporter). */
  readonly spanExporter?: SpanExporter;
  /** @default stdout */
  readonly logDestination?: DestinationStream;
}

export interface RunningService {
  /** e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The fault switch's admin address, when FAULTS_ENABLED is true. */
  readonly adminUrl: string | undefined;
  readonly app: FastifyInstance;
  readonly context: ServiceContext;
  /**
   * Readiness turns false, then after SHUTDOWN_DELAY_MS the listener closes and in-flight
   * requests finish (up to SHUTDOWN_TIMEOUT_MS, after which connections are cut: `forced`).
   * Then clients, the database and telemetry close. Safe to call more than once.
   */
  shutdown(reason?: string): Promise<{ readonly forced: boolean }>;
}

/** Starts a service: config, telemetry, logs, database, HTTP with health, metrics and OpenAPI. */
export async function startService<S extends z.ZodRawShape>(definition: ServiceDefinition<S>, options: StartOptions = {}): Promise<RunningService> {
  const config = loadConfig(definition.name, definition.config ?? ({} as S), options.env ?? process.env);
  const logger = createLogger({ service: definition.name, version: definition.version, level: config.LOG_LEVEL, destination: options.logDestination });
  const resourceAttributes = parseResourceAttributes(config.OTEL_RESOURCE_ATTRIBUTES);
  const telemetry = createTelemetry({
    serviceName: config.OTEL_SERVICE_NAME ?? definition.name,
    serviceVersion: definition.version,
    environment: config.DEPLOYMENT_ENVIRONMENT ?? resourceAttributes['deployment.environment.name'] ?? 'local',
    resourceAttributes,
    enabled: config.TELEMETRY_ENABLED,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    spanExporter: options.spanExporter,
  });
  const closers: Array<() => Promise<void>> = [];
  try {
    let db: Database | undefined;
    if (definition.migrations !== undefined) {
      // Loaded only by services that have a database: pg and PGlite are heavy imports.
      const { openDatabase, migrate } = await import('./database/index.ts');
      const opened = await openDatabase({
        url: config.DATABASE_URL,
        pgliteDataDir: config.PGLITE_DATA_DIR,
        poolMax: config.DATABASE_POOL_MAX,
        telemetry,
        logger,
      });
      db = opened;
      closers.push(() => opened.close());
      const { applied } = await migrate(opened, definition.migrations, logger);
      logger.info({ database: opened.kind, applied }, `database ready (${opened.kind}), ${applied.length} migration(s) applied`);
    }

    let faults: FaultSettings = noFaults;
    let faultSwitch: FaultSwitch | undefined;
    if (config.FAULTS_ENABLED) {
      faultSwitch = await openFaultSwitch(config.HOST, config.ADMIN_PORT, (settings) => {
        faults = settings;
        logger.warn({ faults: settings }, 'fault injection changed');
      });
      const opened = faultSwitch;
      closers.push(() => opened.close());
      logger.warn(`fault injection is enabled: admin port ${faultSwitch.url}/faults`);
    }

    const clients: HttpClient[] = [];
    closers.push(async () => {
      await Promise.all(clients.map((c) => c.close()));
    });
    const context: ServiceContext<BaseConfig & z.infer<z.ZodObject<S>>> = {
      name: definition.name,
      config,
      logger,
      telemetry,
      get db(): Database {
        if (db === undefined) throw new Error(`${definition.name} declares no migrations, so it has no database`);
        return db;
      },
      client(clientOptions) {
        const client = createHttpClient(clientOptions, { telemetry, logger });
        clients.push(client);
        return client;
      },
    };

    let draining = false;
    const app = fastify({
      loggerInstance: logger as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: config.BODY_LIMIT_BYTES,
      handlerTimeout: config.REQUEST_TIMEOUT_MS,
      requestTimeout: config.REQUEST_TIMEOUT_MS * 2,
      forceCloseConnections: 'idle',
      // A field the schema does not declare is a 400 naming it, not silently dropped.
      ajv: { customOptions: { removeAdditional: false } },
      return503OnClosing: true,
      serverFactory: (handler) => createInstrumentedServer(telemetry, handler as RequestListener),
    });
    app.setErrorHandler(answerError);
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ error: 'not_found', message: `no route for ${request.method} ${request.url.split('?', 1)[0]}` }),
    );
    app.addHook('onRequest', async (request, reply) => {
      (request.raw as { [routeTemplate]?: string })[routeTemplate] = request.routeOptions.url;
      if (faults === noFaults || isOperationalPath(request.url) || request.url === '/openapi.json') return;
      const decision = decideFault(faults);
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      if (decision.fail) return reply.code(500).send({ error: 'injected_fault', message: 'fault injected by the admin port' });
    });
    app.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode >= 500) request.log.error({ status: reply.statusCode, method: request.method, url: request.url }, 'request failed');
      else request.log.debug({ status: reply.statusCode, method: request.method, url: request.url, ms: reply.elapsedTime }, 'request');
    });

    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: definition.name, version: definition.version, description: definition.description },
        components: {},
      },
      hideUntagged: false,
    });
    const probe = { schema: { hide: true } } as const;
    app.get('/healthz', probe, async () => ({ status: 'ok' }));
    app.get('/readyz', probe, async (_request, reply) => {
      if (draining) return reply.code(503).send({ status: 'draining', message: 'shutting down' });
      if (db !== undefined) {
        try {
          await db.ping(1000);
        } catch (error) {
          return reply.code(503).send({ status: 'not_ready', message: (error as Error).message });
        }
      }
      return { status: 'ready' };
    });
    app.get('/metrics', probe, async (_request, reply) => {
      reply.type(telemetry.registry.contentType);
      return telemetry.registry.metrics();
    });
    app.get('/openapi.json', probe, async () => app.swagger());
    await app.register(async (scoped) => {
      await definition.routes(scoped, context);
    });

    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    logger.info({ url }, `${definition.name} ${definition.version} listening on ${url}`);

    let stopping: Promise<{ forced: boolean }> | undefined;
    const shutdown = (reason = 'shutdown'): Promise<{ forced: boolean }> => {
      stopping ??= (async () => {
        draining = true;
        logger.info({ reason }, `${definition.name} is shutting down (${reason})`);
        if (config.SHUTDOWN_DELAY_MS > 0) await sleep(config.SHUTDOWN_DELAY_MS);
        let forced = false;
        const deadline = setTimeout(() => {
          forced = true;
          logger.error(`in-flight requests did not finish within ${config.SHUTDOWN_TIMEOUT_MS} ms; closing their connections`);
          app.server.closeAllConnections();
        }, config.SHUTDOWN_TIMEOUT_MS);
        // A keep-alive connection whose request ends after close() began would otherwise hold
        // the listener open until the client's idle timeout.
        const reaper = setInterval(() => app.server.closeIdleConnections(), 50);
        await app.close();
        clearTimeout(deadline);
        clearInterval(reaper);
        for (const close of closers.reverse()) {
          await close().catch((error: unknown) => logger.error({ err: error }, 'error while closing'));
        }
        await telemetry.shutdown().catch((error: unknown) => logger.error({ err: error }, 'span export failed at shutdown'));
        logger.info(`${definition.name} stopped`);
        logger.flush();
        return { forced };
      })();
      return stopping;
    };
    return { url, adminUrl: faultSwitch?.url, app, context: context as ServiceContext, shutdown };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await telemetry.shutdown().catch(() => undefined);
    logger.flush();
    throw error;
  }
}
