/**
 * Consumer contract: what orders needs from inventory's reservation API. Runs orders' real
 * inventory client (src/inventory-client.ts) over the kit's HTTP client against Pact's mock
 * server, and writes build/pacts/orders-inventory.json.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { startService, type HttpClient, type RunningService } from '@strata/service-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInventoryClient } from '../src/inventory-client.ts';

const { eachLike, integer, regex, string, uuid } = MatchersV3;

/** build/pacts/ at the repository root. */
export const pactDir = fileURLToPath(new URL('../../../build/pacts/', import.meta.url));
export const ordersInventoryPact = join(pactDir, 'orders-inventory.json');

const orderId = '7d0c6b8a-2f4e-4b1a-9c3d-5e6f7a8b9c0d';
const rejectedId = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const releasedId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const committedId = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';

/**
 * A service with no routes of its own, named `orders`: it lends the contract the kit's
 * HTTP client (the one orders uses in production) with the same headers and JSON handling.
 */
function useKitClients(): (baseUrl: string) => HttpClient {
  let host: RunningService | undefined;
  beforeAll(async () => {
    await rm(ordersInventoryPact, { force: true });
    host = await startService(
      { name: 'orders', version: '0.0.0-contract', description: 'Hosts the kit client of the orders → inventory contract.', routes: () => undefined },
      { env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TELEMETRY_ENABLED: 'false' } },
    );
  });
  afterAll(async () => {
    await host?.shutdown('contract tests done');
  });
  return (baseUrl) => {
    if (host === undefined) throw new Error('the client host is not started: call the factory inside a test');
    return host.context.client({ name: 'inventory', baseUrl, retries: 0 });
  };
}

/** Registers the interactions as tests in the calling describe. */
export function describeOrdersInventoryContract(): void {
  const pact = new PactV4({ consumer: 'orders', provider: 'inventory', dir: pactDir, logLevel: 'warn' });
  const kitClient = useKitClients();

  it('GIVEN the product is in stock WHEN orders reserves it THEN inventory answers 201 with the priced reservation', async () => {
    await pact
      .addInteraction()
      .given('a product exists', { id: 'blue-mug', stock: 10, priceCents: 1250 })
      .uponReceiving('a reservation of products in stock')
      .withRequest('POST', '/reservations', (request) =>
        request
          .headers({ 'Idempotency-Key': uuid(orderId), 'Content-Type': 'application/json' })
          .jsonBody({ reservationId: uuid(orderId), items: [{ productId: 'blue-mug', quantity: 2 }] }),
      )
      .willRespondWith(201, (response) =>
        response.jsonBody({
          reservationId: uuid(orderId),
          status: 'reserved',
          items: eachLike({ productId: 'blue-mug', quantity: 2, unitPriceCents: integer(1250) }),
          totalCents: integer(2500),
        }),
      )
      .executeTest(async (mock) => {
        const outcome = await createInventoryClient(kitClient(mock.url)).reserve(orderId, [{ productId: 'blue-mug', quantity: 2 }]);

        expect(outcome).toEqual({ kind: 'reserved', status: 'reserved', items: [{ productId: 'blue-mug', quantity: 2, unitPriceCents: 1250 }] });
      });
  });

  it('GIVEN too little stock WHEN orders reserves THEN inventory answers 409 insufficient_stock with what is available', async () => {
    await pact
      .addInteraction()
      .given('a product exists', { id: 'last-lamp', stock: 1, priceCents: 4900 })
      .uponReceiving('a reservation of more than is in stock')
      .withRequest('POST', '/reservations', (request) =>
        request
          .headers({ 'Idempotency-Key': uuid(rejectedId), 'Content-Type': 'application/json' })
          .jsonBody({ reservationId: uuid(rejectedId), items: [{ productId: 'last-lamp', quantity: 3 }] }),
      )
      .willRespondWith(409, (response) =>
        response.jsonBody({
          error: 'insufficient_stock',
          message: string('only 1 of last-lamp in stock, 3 requested'),
          details: { productId: 'last-lamp', requested: 3, available: 1 },
        }),
      )
      .executeTest(async (mock) => {
        const outcome = await createInventoryClient(kitClient(mock.url)).reserve(rejectedId, [{ productId: 'last-lamp', quantity: 3 }]);

        expect(outcome).toEqual({
          kind: 'insufficient_stock',
          message: 'only 1 of last-lamp in stock, 3 requested',
          productId: 'last-lamp',
          requested: 3,
          available: 1,
        });
      });
  });

  it('GIVEN a reservation WHEN orders releases it (order cancelled) THEN inventory answers 200 released', async () => {
    await pact
      .addInteraction()
      .given('a reservation exists', { reservationId: releasedId, productId: 'blue-mug', quantity: 1 })
      .uponReceiving('the release of a reservation')
      .withRequest('POST', `/reservations/${releasedId}/release`, (request) =>
        request.headers({ 'Idempotency-Key': regex('^release-[0-9a-f-]{36}$', `release-${releasedId}`) }),
      )
      .willRespondWith(200, (response) => response.jsonBody({ reservationId: releasedId, status: 'released' }))
      .executeTest(async (mock) => {
        expect(await createInventoryClient(kitClient(mock.url)).release(releasedId)).toEqual({ kind: 'done' });
      });
  });

  it('GIVEN a reservation WHEN orders commits it (order fulfilled) THEN inventory answers 200 committed', async () => {
    await pact
      .addInteraction()
      .given('a reservation exists', { reservationId: committedId, productId: 'blue-mug', quantity: 1 })
      .uponReceiving('the commit of a reservation')
      .withRequest('POST', `/reservations/${committedId}/commit`, (request) =>
        request.headers({ 'Idempotency-Key': regex('^commit-[0-9a-f-]{36}$', `commit-${committedId}`) }),
      )
      .willRespondWith(200, (response) => response.jsonBody({ reservationId: committedId, status: 'committed' }))
      .executeTest(async (mock) => {
        expect(await createInventoryClient(kitClient(mock.url)).commit(committedId)).toEqual({ kind: 'done' });
      });
  });
}
