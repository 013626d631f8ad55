/**
 * `npm run shop:smoke`: places one order end to end through the storefront that
 * `npm run shop` started (SHOP_URL, default http://127.0.0.1:8080) and reads it back.
 * Exit 0 when the order is confirmed and readable; 1 with the failing step otherwise.
 */
import { randomUUID } from 'node:crypto';

const shop = (process.env.SHOP_URL ?? `http://127.0.0.1:${process.env.SHOP_PORT_BASE ?? '8080'}`).replace(/\/+$/, '');

interface Product {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
  readonly inStock: boolean;
}
interface Order {
  readonly id: string;
  readonly status: string;
  readonly totalCents: number | null;
}

async function call<T>(step: string, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(`${shop}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(`${step}: ${shop} did not answer (${(error as Error).message}); is \`npm run shop\` running?`);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text for the message
  }
  if (response.status >= 300) throw new Error(`${step}: ${response.status} ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  return { status: response.status, body: body as T };
}

try {
  const products = await call<{ items: Product[] }>('browse', '/products');
  const product = products.body.items.find((p) => p.inStock);
  if (product === undefined) throw new Error(`browse: none of the ${products.body.items.length} products is in stock`);
  console.log(`smoke: browse    ${products.body.items.length} products; buying 1 × ${product.name} (${product.id})`);

  const key = randomUUID();
  const placed = await call<Order>('checkout', '/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ customerId: 'smoke-test', items: [{ productId: product.id, quantity: 1 }] }),
  });
  console.log(`smoke: checkout  ${placed.status} order ${placed.body.id} is ${placed.body.status}, total ${placed.body.totalCents} cents`);
  if (placed.body.status !== 'confirmed') throw new Error(`checkout: the order is ${placed.body.status}, not confirmed`);

  const replay = await call<Order>('retry', '/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ customerId: 'smoke-test', items: [{ productId: product.id, quantity: 1 }] }),
  });
  if (replay.body.id !== placed.body.id) throw new Error(`retry: the same Idempotency-Key created a second order ${replay.body.id}`);
  console.log(`smoke: retry     ${replay.status} the same key returns the same order`);

  const read = await call<Order>('status', `/orders/${placed.body.id}`);
  if (read.body.status !== 'confirmed') throw new Error(`status: the order reads as ${read.body.status}`);
  console.log(`smoke: status    order ${read.body.id} is ${read.body.status}`);
  console.log('smoke: ok');
} catch (error) {
  console.error(`smoke: failed at ${(error as Error).message}`);
  process.exitCode = 1;
}
