/**
 * The shop's contract tests, in the one order that makes them mean something: every
 * consumer writes its pact to build/pacts/, then each provider, started for real in this
 * process, is verified against the pacts just written. Vitest runs test files in parallel,
 * so the order lives here, in one file (tests within a file run in sequence).
 *
 * Last, a pact no provider can honour proves that a verification can fail.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyInventoryProvider } from '../services/inventory/contract/provider.ts';
import { describeOrdersInventoryContract, ordersInventoryPact } from '../services/orders/contract/inventory.consumer.ts';
import { verifyOrdersProvider } from '../services/orders/contract/provider.ts';
import { describeStorefrontInventoryContract, storefrontInventoryPact } from '../services/storefront/contract/inventory.consumer.ts';
import { describeStorefrontOrdersContract, storefrontOrdersPact } from '../services/storefront/contract/orders.consumer.ts';

// Pact's core reports anonymous usage over the network unless told not to: tests stay offline.
process.env.PACT_DO_NOT_TRACK = 'true';

/** The pacts each provider must honour. */
const inventoryPacts = [storefrontInventoryPact, ordersInventoryPact];
const ordersPacts = [storefrontOrdersPact];

interface PactJson {
  readonly consumer: { readonly name: string };
  readonly provider: { readonly name: string };
  readonly interactions: ReadonlyArray<{ readonly description: string; readonly providerStates?: ReadonlyArray<{ readonly name: string }> }>;
  readonly metadata: { readonly pactSpecification: { readonly version: string } };
}

async function readPact(path: string): Promise<PactJson> {
  return JSON.parse(await readFile(path, 'utf8')) as PactJson;
}

describe('consumer: storefront → inventory', describeStorefrontInventoryContract);
describe('consumer: storefront → orders', describeStorefrontOrdersContract);
describe('consumer: orders → inventory', describeOrdersInventoryContract);

describe('the pacts written', () => {
  it('GIVEN the consumer tests ran WHEN their pacts are read THEN each is a V4 pact holding exactly its interactions', async () => {
    const summary = await Promise.all(
      [...inventoryPacts, ...ordersPacts].map(async (path) => {
        const pact = await readPact(path);
        return { pact: `${pact.consumer.name}-${pact.provider.name}`, spec: pact.metadata.pactSpecification.version, interactions: pact.interactions.map((i) => i.description).sort() };
      }),
    );

    expect(summary).toEqual([
      {
        pact: 'storefront-inventory',
        spec: '4.0',
        interactions: ['a request for an unknown product', 'a request for one product', 'a request for the first page of products'],
      },
      {
        pact: 'orders-inventory',
        spec: '4.0',
        interactions: ['a reservation of more than is in stock', 'a reservation of products in stock', 'the commit of a reservation', 'the release of a reservation'],
      },
      {
        pact: 'storefront-orders',
        spec: '4.0',
        interactions: ['a new order for a product in stock', 'a request for an existing order', 'a request for an unknown order', 'an order for more than is in stock'],
      },
    ]);
  });
});

describe('provider: inventory', () => {
  it('GIVEN a real inventory on PGlite WHEN the storefront’s and orders’ pacts are verified THEN all 7 interactions pass', async () => {
    const result = await verifyInventoryProvider({ pactUrls: inventoryPacts });

    expect(result).toEqual({ interactions: 7, failures: 0 });
  }, 60_000);
});

describe('provider: orders', () => {
  it('GIVEN a real orders on PGlite, calling a real inventory WHEN the storefront’s pact is verified THEN all 4 interactions pass', async () => {
    const result = await verifyOrdersProvider({ pactUrls: ordersPacts });

    expect(result).toEqual({ interactions: 4, failures: 0 });
  }, 60_000);
});

describe('a verification that must fail', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'strata-pact-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  // A consumer that expects a field inventory does not have: its pact is honest about what
  // the consumer wants, and inventory cannot honour it.
  const greedy = new PactV4({ consumer: 'greedy-consumer', provider: 'inventory', dir: scratch, logLevel: 'error' });
  const greedyPact = join(scratch, 'greedy-consumer-inventory.json');

  it('GIVEN a consumer that expects weightGrams on a product WHEN its consumer test runs THEN it writes its pact', async () => {
    await greedy
      .addInteraction()
      .given('a product exists', { id: 'blue-mug', stock: 3 })
      .uponReceiving('a request for one product, with its weight')
      .withRequest('GET', '/products/blue-mug')
      .willRespondWith(200, (response) => response.jsonBody({ id: 'blue-mug', weightGrams: MatchersV3.integer(350) }))
      .executeTest(async (mock) => {
        const response = await fetch(`${mock.url}/products/blue-mug`);
        expect(((await response.json()) as { weightGrams: number }).weightGrams).toBe(350);
      });

    expect(existsSync(greedyPact)).toBe(true);
  });

  it('GIVEN that pact WHEN inventory is verified against it THEN the verification rejects, naming the missing field', async () => {
    const verification = verifyInventoryProvider({ pactUrls: [greedyPact], logLevel: 'error' });

    await expect(verification).rejects.toThrow(/weightGrams/);
  }, 60_000);

  it('GIVEN a pact whose provider state no handler knows WHEN inventory is verified THEN it rejects before replaying anything', async () => {
    const typo = new PactV4({ consumer: 'typo-consumer', provider: 'inventory', dir: scratch, logLevel: 'error' });
    await typo
      .addInteraction()
      .given('a prodcut exists', { id: 'blue-mug' })
      .uponReceiving('a request for one product')
      .withRequest('GET', '/products/blue-mug')
      .willRespondWith(200, (response) => response.jsonBody({ id: 'blue-mug' }))
      .executeTest(async (mock) => {
        await fetch(`${mock.url}/products/blue-mug`);
      });
    const typoPact = join(scratch, 'typo-consumer-inventory.json');

    await expect(verifyInventoryProvider({ pactUrls: [typoPact], logLevel: 'error' })).rejects.toThrow(
      `inventory has no state handler for "a prodcut exists" (a request for one product, ${typoPact})`,
    );
  }, 60_000);
});
