/**
 * Inventory's rules that need no database: line items, reservation states, totals and
 * the catalog cursor. Everything here is pure and unit-tested.
 */

/** A product id is a slug: lower-case letters, digits and dashes, up to 63 characters. */
export const productIdPattern = '^[a-z0-9][a-z0-9-]{0,62}$';
const productIdRegExp = new RegExp(productIdPattern);

/** One line of a reservation request. */
export interface ItemRequest {
  readonly productId: string;
  readonly quantity: number;
}

/** One line of a reservation, with the price it was reserved at. */
export interface ReservedItem extends ItemRequest {
  readonly unitPriceCents: number;
}

export type ReservationStatus = 'reserved' | 'released' | 'committed';

export interface Reservation {
  readonly reservationId: string;
  readonly status: ReservationStatus;
  readonly items: readonly ReservedItem[];
  readonly totalCents: number;
}

/**
 * The first product listed twice, as the path of its second occurrence
 * (`body/items/2/productId`), or undefined when every product is listed once.
 */
export function findDuplicateProduct(items: readonly ItemRequest[]): { readonly path: string; readonly productId: string } | undefined {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (seen.has(item.productId)) return { path: `body/items/${index}/productId`, productId: item.productId };
    seen.add(item.productId);
  }
  return undefined;
}

/**
 * The items sorted by product id: the order rows are locked in (so that two reservations
 * never wait on each other) and the order two requests are compared in.
 */
export function normalizeItems<T extends ItemRequest>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** Whether a replayed request asks for exactly what the stored reservation holds, in any order. */
export function sameItems(requested: readonly ItemRequest[], stored: readonly ItemRequest[]): boolean {
  if (requested.length !== stored.length) return false;
  const a = normalizeItems(requested);
  const b = normalizeItems(stored);
  return a.every((item, i) => item.productId === b[i]?.productId && item.quantity === b[i]?.quantity);
}

/**
 * What releasing or committing a reservation in `from` does: `apply` changes it, `already`
 * means it is in that state (an idempotent repeat), `invalid` is a 409.
 */
export function reservationTransition(from: ReservationStatus, to: 'released' | 'committed'): 'apply' | 'already' | 'invalid' {
  if (from === to) return 'already';
  return from === 'reserved' ? 'apply' : 'invalid';
}

/** The sum of quantity × unit price, in cents. */
export function totalCents(items: readonly ReservedItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}

/** The catalog cursor: the last product id of a page, opaque to clients. */
export function encodeProductCursor(lastProductId: string): string {
  return Buffer.from(lastProductId, 'utf8').toString('base64url');
}

/** The product id a cursor stands for, or undefined when this service did not issue it. */
export function decodeProductCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return productIdRegExp.test(id) && encodeProductCursor(id) === cursor ? id : undefined;
}
