import { describe, expect, it } from 'vitest';
import { cacheCatalog } from './catalog-cache.ts';
import type { Answer, InventoryClient, InventoryProduct, ProductPage } from './clients.ts';

const mug: InventoryProduct = { id: 'mug', name: 'Mug', description: '', priceCents: 900, currency: 'EUR', stock: 3 };

/** A real InventoryClient shape that counts calls and answers what the test says. */
function countingInventory(answers: { product: () => Promise<Answer<InventoryProduct>> }) {
  const calls = { list: 0, product: 0 };
  const client: InventoryClient = {
    listProducts: async (): Promise<Answer<ProductPage>> => {
      calls.list++;
      return { ok: true, status: 200, body: { items: [mug], nextCursor: null } };
    },
    getProduct: () => {
      calls.product++;
      return answers.product();
    },
  };
  return { client, calls };
}

describe('the storefront catalog cache', () => {
  it('GIVEN a product read WHEN it is read again within the TTL THEN inventory is asked once, and again after', async () => {
    let clock = 0;
    const { client, calls } = countingInventory({ product: async () => ({ ok: true, status: 200, body: mug }) });
    const cache = cacheCatalog(client, 1000, () => clock);
    await cache.getProduct('mug');
    clock = 999;
    expect((await cache.getProduct('mug')).body).toEqual(mug);
    expect(calls.product).toBe(1);
    clock = 1000;
    await cache.getProduct('mug');
    expect(calls.product).toBe(2);
  });

  it('GIVEN 50 concurrent misses WHEN they arrive together THEN they share one call', async () => {
    const { client, calls } = countingInventory({ product: async () => ({ ok: true, status: 200, body: mug }) });
    const cache = cacheCatalog(client, 1000, () => 0);
    await Promise.all(Array.from({ length: 50 }, () => cache.getProduct('mug')));
    await Promise.all(Array.from({ length: 50 }, () => cache.listProducts({ limit: 20 })));
    expect(calls).toEqual({ list: 1, product: 1 });
  });

  it('GIVEN a 404 or a failure WHEN read again THEN inventory is asked again: only successes are kept', async () => {
    let next: () => Promise<Answer<InventoryProduct>> = async () => ({ ok: false, status: 404, body: { error: 'product_not_found', message: 'no' } });
    const { client, calls } = countingInventory({ product: () => next() });
    const cache = cacheCatalog(client, 1000, () => 0);
    await cache.getProduct('mug');
    next = () => Promise.reject(new Error('inventory is unreachable'));
    await expect(cache.getProduct('mug')).rejects.toThrow('inventory is unreachable');
    next = async () => ({ ok: true, status: 200, body: mug });
    expect((await cache.getProduct('mug')).ok).toBe(true);
    expect(calls.product).toBe(3);
  });

  it('GIVEN a TTL of 0 THEN every read goes to inventory', async () => {
    const { client, calls } = countingInventory({ product: async () => ({ ok: true, status: 200, body: mug }) });
    const cache = cacheCatalog(client, 0);
    await cache.getProduct('mug');
    await cache.getProduct('mug');
    expect(calls.product).toBe(2);
  });
});
