/**
 * Consumer contract: what the storefront needs from inventory's catalog API. Runs the
 * storefront's real InventoryClient against Pact's mock server and writes
 * build/pacts/storefront-inventory.json.
 */
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { expect, it } from 'vitest';
import { createInventoryClient } from '../src/clients.ts';
import { pactDir, useKitClients } from './harness.ts';

const { eachLike, integer, regex, string } = MatchersV3;

export const storefrontInventoryPact = join(pactDir, 'storefront-inventory.json');

const slug = '^[a-z0-9][a-z0-9-]{0,62}$';

/** A product as the storefront reads it: every field it shows or derives `inStock` from. */
function productLike(id: string, stock: number) {
  return {
    id: regex(slug, id),
    name: string('Blue mug'),
    description: string('Stoneware, 350 ml'),
    priceCents: integer(1250),
    currency: regex('^EUR$', 'EUR'),
    stock: integer(stock),
  };
}

/** Registers the interactions as tests in the calling describe. */
export function describeStorefrontInventoryContract(): void {
  const pact = new PactV4({ consumer: 'storefront', provider: 'inventory', dir: pactDir, logLevel: 'warn' });
  const kitClient = useKitClients(storefrontInventoryPact);

  it('GIVEN products exist WHEN the storefront lists the first page THEN inventory answers items and a cursor', async () => {
    await pact
      .addInteraction()
      .given('products exist', { ids: ['blue-mug', 'green-mug', 'red-mug'] })
      .uponReceiving('a request for the first page of products')
      .withRequest('GET', '/products', (request) => request.query({ limit: '2' }))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          items: eachLike(productLike('blue-mug', 12)),
          nextCursor: string('Z3JlZW4tbXVn'),
        }),
      )
      .executeTest(async (mock) => {
        const answer = await createInventoryClient(kitClient('inventory', mock.url)).listProducts({ limit: 2 });

        expect(answer.ok).toBe(true);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ items: [{ id: 'blue-mug', currency: 'EUR', stock: 12 }], nextCursor: 'Z3JlZW4tbXVn' });
      });
  });

  it('GIVEN a product exists WHEN the storefront asks for it THEN inventory answers the product', async () => {
    await pact
      .addInteraction()
      .given('a product exists', { id: 'blue-mug', stock: 12 })
      .uponReceiving('a request for one product')
      .withRequest('GET', '/products/blue-mug')
      .willRespondWith(200, (response) => response.jsonBody({ ...productLike('blue-mug', 12), id: 'blue-mug' }))
      .executeTest(async (mock) => {
        const answer = await createInventoryClient(kitClient('inventory', mock.url)).getProduct('blue-mug');

        expect(answer).toEqual({
          ok: true,
          status: 200,
          body: { id: 'blue-mug', name: 'Blue mug', description: 'Stoneware, 350 ml', priceCents: 1250, currency: 'EUR', stock: 12 },
        });
      });
  });

  it('GIVEN no such product WHEN the storefront asks for it THEN inventory answers 404 product_not_found', async () => {
    await pact
      .addInteraction()
      .given('a product does not exist', { id: 'no-such-product' })
      .uponReceiving('a request for an unknown product')
      .withRequest('GET', '/products/no-such-product')
      .willRespondWith(404, (response) => response.jsonBody({ error: 'product_not_found', message: string('no product no-such-product') }))
      .executeTest(async (mock) => {
        const answer = await createInventoryClient(kitClient('inventory', mock.url)).getProduct('no-such-product');

        expect(answer).toEqual({ ok: false, status: 404, body: { error: 'product_not_found', message: 'no product no-such-product' } });
      });
  });
}
