/**
 * What the shop's provider verifications share: a quiet in-process service, a check that
 * every provider state in the pacts has a handler (Pact itself only logs a warning for a
 * missing one and verifies anyway, so a typo would pass unseen), and a summary of the
 * verifier's result.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VerifierOptions } from '@pact-foundation/pact';

/** A provider state's parameters, as the consumer wrote them with `given(name, params)`. */
export type StateParams = Readonly<Record<string, unknown>>;

/**
 * Sets up one provider state. What it resolves with is injected into the request where the
 * consumer used `fromProviderState` (e.g. `{ orderId }` for `/orders/${orderId}`).
 */
export type StateSetup = (params: StateParams) => Promise<Readonly<Record<string, string | number | boolean>> | void>;

export type ProviderStateHandlers = Readonly<Record<string, StateSetup>>;

/** The handlers in the shape Pact's Verifier takes. */
export function verifierStateHandlers(handlers: ProviderStateHandlers): NonNullable<VerifierOptions['stateHandlers']> {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, setup]) => [
      name,
      async (parameters?: unknown) => {
        const params = typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters) ? (parameters as StateParams) : {};
        const injected = await setup(params);
        return injected === undefined ? undefined : { ...injected };
      },
    ]),
  );
}

/** A provider in this process: any free port, loopback, no logs, no spans. */
export const quietEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TELEMETRY_ENABLED: 'false' } as const;

/** A number parameter of a provider state, or its default when absent. */
export function numberParam(params: StateParams, name: string, fallback: number): number {
  const value = params[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`provider state parameter ${name} is not a number: ${JSON.stringify(value)}`);
  return value;
}

/** A required string parameter of a provider state; throws (failing the interaction) when absent. */
export function stringParam(params: StateParams, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new Error(`provider state parameter ${name} is missing`);
  return value;
}

interface PactFile {
  readonly interactions?: ReadonlyArray<{ readonly description?: string; readonly providerStates?: ReadonlyArray<{ readonly name: string }> }>;
}

/** Throws, naming each one, when an interaction needs a provider state that has no handler. */
export async function assertEveryStateHandled(provider: string, pactUrls: readonly string[], handlers: ProviderStateHandlers): Promise<void> {
  const missing: string[] = [];
  for (const url of pactUrls) {
    const pact = JSON.parse(await readFile(url, 'utf8')) as PactFile;
    for (const interaction of pact.interactions ?? []) {
      for (const state of interaction.providerStates ?? []) {
        if (!(state.name in handlers)) missing.push(`"${state.name}" (${interaction.description ?? '?'}, ${url})`);
      }
    }
  }
  if (missing.length > 0) throw new Error(`${provider} has no state handler for ${missing.join('; ')}`);
}

export interface VerificationSummary {
  /** Interactions replayed against the provider. */
  readonly interactions: number;
  /** Interactions that did not match, and errors outside any interaction. */
  readonly failures: number;
}

interface VerifierResult {
  readonly errors?: readonly unknown[];
  readonly interactionResults?: ReadonlyArray<{ readonly result?: string }>;
}

/** Reads the verifier's JSON result (pact core's `pactffi_verifier_json`). */
export function summarize(output: string): VerificationSummary {
  const result = JSON.parse(output) as VerifierResult;
  const interactions = result.interactionResults ?? [];
  return {
    interactions: interactions.length,
    failures: interactions.filter((i) => i.result !== 'OK').length + (result.errors?.length ?? 0),
  };
}

/**
 * Pact's verifier reaches the provider through a proxy of pact-js, which re-sends a POST
 * that has no body as `Transfer-Encoding: chunked` with no Content-Type; Fastify answers
 * that 415. The shop's real client (undici) sends such a POST with `Content-Length: 0`, so
 * the filter restores that, and the provider sees what production sees.
 */
export function bodilessRequestFilter(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
  const { headers } = request;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined && headers['content-type'] === undefined) {
    headers['content-length'] = '0';
  }
  next();
}
