/**
 * Consumer contract: what the storefront needs from the orders API. Runs the storefront's
 * real OrdersClient against Pact's mock server and writes build/pacts/storefront-orders.json.
 */
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { expect, it } from 'vitest';
import { createOrdersClient } from '../src/clients.ts';
import { pactDir, useKitClients } from './harness.ts';

const { eachLike, fromProviderState, integer, regex, string, uuid } = MatchersV3;

export const storefrontOrdersPact = join(pactDir, 'storefront-orders.json');

/** ISO 8601 with or without fractional seconds, `Z` or an offset. */
const isoDateTime = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
/** What the storefront forwards as Idempotency-Key: 1–200 printable characters. */
const printableKey = '^[\\x21-\\x7e]{1,200}$';

const exampleOrderId = '4f1c2b9e-8d3a-4c5e-9f10-2a3b4c5d6e7f';

/** A confirmed order, as far as the storefront reads it. */
function confirmedOrderLike(productId: string, quantity: number) {
  return {
    id: uuid(exampleOrderId),
    status: 'confirmed',
    items: eachLike({ productId, quantity, unitPriceCents: integer(1250) }),
    totalCents: integer(1250 * quantity),
    createdAt: regex(isoDateTime, '2026-05-04T10:00:00.000Z'),
    updatedAt: regex(isoDateTime, '2026-05-04T10:00:00.000Z'),
  };
}

/** Registers the interactions as tests in the calling describe. */
export function describeStorefrontOrdersContract(): void {
  const pact = new PactV4({ consumer: 'storefront', provider: 'orders', dir: pactDir, logLevel: 'warn' });
  const kitClient = useKitClients(storefrontOrdersPact);

  it('GIVEN the product is in stock WHEN the storefront places an order THEN orders answers 201 with the confirmed order', async () => {
    const order = { customerId: 'customer-42', items: [{ productId: 'blue-mug', quantity: 2 }] };
    await pact
      .addInteraction()
      .given('inventory has a product', { productId: 'blue-mug', stock: 10, priceCents: 1250 })
      .uponReceiving('a new order for a product in stock')
      .withRequest('POST', '/orders', (request) =>
        request.headers({ 'Idempotency-Key': regex(printableKey, 'checkout-0001'), 'Content-Type': 'application/json' }).jsonBody(order),
      )
      // POST /orders is passed through to the customer, customerId included.
      .willRespondWith(201, (response) => response.jsonBody({ ...confirmedOrderLike('blue-mug', 2), customerId: 'customer-42' }))
      .executeTest(async (mock) => {
        const answer = await createOrdersClient(kitClient('orders', mock.url)).placeOrder('checkout-0001', order);

        expect(answer.ok).toBe(true);
        expect(answer.status).toBe(201);
        expect(answer.body).toMatchObject({ id: exampleOrderId, status: 'confirmed', customerId: 'customer-42', totalCents: 2500 });
      });
  });

  it('GIVEN too little stock WHEN the storefront places an order THEN orders answers 409 insufficient_stock', async () => {
    const order = { customerId: 'customer-42', items: [{ productId: 'last-lamp', quantity: 3 }] };
    await pact
      .addInteraction()
      .given('inventory has a product', { productId: 'last-lamp', stock: 1, priceCents: 4900 })
      .uponReceiving('an order for more than is in stock')
      .withRequest('POST', '/orders', (request) =>
        request.headers({ 'Idempotency-Key': regex(printableKey, 'checkout-0002'), 'Content-Type': 'application/json' }).jsonBody(order),
      )
      .willRespondWith(409, (response) =>
        response.jsonBody({
          error: 'insufficient_stock',
          message: string('only 1 of last-lamp in stock, 3 requested'),
          details: { orderId: uuid(exampleOrderId), productId: 'last-lamp', requested: 3, available: 1 },
        }),
      )
      .executeTest(async (mock) => {
        const answer = await createOrdersClient(kitClient('orders', mock.url)).placeOrder('checkout-0002', order);

        expect(answer).toMatchObject({
          ok: false,
          status: 409,
          body: { error: 'insufficient_stock', details: { productId: 'last-lamp', requested: 3, available: 1 } },
        });
      });
  });

  it('GIVEN an order exists WHEN the storefront asks for it THEN orders answers the order', async () => {
    await pact
      .addInteraction()
      .given('an order exists', { customerId: 'customer-42', productId: 'blue-mug', quantity: 1 })
      .uponReceiving('a request for an existing order')
      // The order's id is made by orders: the state handler returns it as `orderId`.
      .withRequest('GET', fromProviderState('/orders/${orderId}', `/orders/${exampleOrderId}`))
      // GET /orders/:id is shown without the customer's id: the contract does not ask for it.
      .willRespondWith(200, (response) => response.jsonBody(confirmedOrderLike('blue-mug', 1)))
      .executeTest(async (mock) => {
        const answer = await createOrdersClient(kitClient('orders', mock.url)).getOrder(exampleOrderId);

        expect(answer.ok).toBe(true);
        expect(answer.body).toMatchObject({ id: exampleOrderId, status: 'confirmed', items: [{ productId: 'blue-mug', quantity: 1 }] });
      });
  });

  it('GIVEN no such order WHEN the storefront asks for it THEN orders answers 404 order_not_found', async () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    await pact
      .addInteraction()
      .given('an order does not exist', { id: unknownId })
      .uponReceiving('a request for an unknown order')
      .withRequest('GET', `/orders/${unknownId}`)
      .willRespondWith(404, (response) => response.jsonBody({ error: 'order_not_found', message: string(`no order ${unknownId}`) }))
      .executeTest(async (mock) => {
        const answer = await createOrdersClient(kitClient('orders', mock.url)).getOrder(unknownId);

        expect(answer).toEqual({ ok: false, status: 404, body: { error: 'order_not_found', message: `no order ${unknownId}` } });
      });
  });
}
