/**
 * What the storefront's consumer contracts share: where pacts go, and a real storefront
 * whose kit HTTP client (timeouts, headers, JSON) carries the requests to Pact's mock
 * server, so that the pacts describe what the shipped client code sends.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startService, type HttpClient, type RunningService } from '@strata/service-kit';
import { afterAll, beforeAll } from 'vitest';
import { storefrontService } from '../src/service.ts';

/** build/pacts/ at the repository root: consumers write here, providers verify from here. */
export const pactDir = fileURLToPath(new URL('../../../build/pacts/', import.meta.url));

const quietEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TELEMETRY_ENABLED: 'false' } as const;

/**
 * Registers, in the calling describe, the start and stop of a storefront, and the removal
 * of the pact file before the first interaction (Pact merges into an existing file, so a
 * stale interaction would otherwise survive). Returns a factory of kit clients.
 */
export function useKitClients(pactFile: string): (name: string, baseUrl: string) => HttpClient {
  let storefront: RunningService | undefined;
  beforeAll(async () => {
    await rm(pactFile, { force: true });
    storefront = await startService(storefrontService, { env: quietEnv });
  });
  afterAll(async () => {
    await storefront?.shutdown('contract tests done');
  });
  return (name, baseUrl) => {
    if (storefront === undefined) throw new Error('the storefront is not started: call the client factory inside a test');
    // No retries: a contract test must see every request the client sends exactly once.
    return storefront.context.client({ name, baseUrl, retries: 0 });
  };
}
