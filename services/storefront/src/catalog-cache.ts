import type { Answer, InventoryClient, InventoryProduct, ListProductsQuery, ProductPage } from './clients.ts';

/** At most this many answers are kept; the oldest goes first. */
const maxEntries = 1_000;

interface Entry<T> {
  readonly expires: number;
  readonly answer: Promise<Answer<T>>;
}

/**
 * Inventory's catalog reads, kept for `ttlMs`: browsing is most of a shop's traffic and a
 * product page a second old is fine, while checkout always asks inventory for the truth.
 * Concurrent misses for the same page share one call. Only successful answers are kept:
 * a 404 or an unavailable inventory is asked again next time. `ttlMs` 0 turns it off.
 */
export function cacheCatalog(inventory: InventoryClient, ttlMs: number, now: () => number = () => performance.now()): InventoryClient {
  if (ttlMs <= 0) return inventory;
  const entries = new Map<string, Entry<unknown>>();

  function cached<T>(key: string, load: () => Promise<Answer<T>>): Promise<Answer<T>> {
    const at = now();
    const hit = entries.get(key) as Entry<T> | undefined;
    if (hit !== undefined && hit.expires > at) return hit.answer;
    const answer = load();
    entries.delete(key);
    entries.set(key, { expires: at + ttlMs, answer });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value ?? key);
    const forget = (): void => {
      if (entries.get(key)?.answer === answer) entries.delete(key);
    };
    answer.then((a) => (a.ok ? undefined : forget()), forget);
    return answer;
  }

  return {
    listProducts: (query: ListProductsQuery = {}) =>
      cached<ProductPage>(`list:${query.limit ?? ''}:${query.cursor ?? ''}`, () => inventory.listProducts(query)),
    getProduct: (id: string) => cached<InventoryProduct>(`product:${id}`, () => inventory.getProduct(id)),
  };
}
