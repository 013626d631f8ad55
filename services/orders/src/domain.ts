/**
 * Orders' rules that need no database or network: the state machine, the request
 * fingerprint behind Idempotency-Key, totals, what a duplicate request does, and the
 * list cursor. Everything here is pure and unit-tested.
 */
import { createHash } from 'node:crypto';

export const orderStatuses = ['pending', 'confirmed', 'rejected', 'cancelled', 'fulfilled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The lines an order was placed with. */
export interface ItemRequest {
  readonly productId: string;
  readonly quantity: number;
}

export interface OrderItem extends ItemRequest {
  /** Known once inventory has reserved the line; null while pending and when rejected. */
  readonly unitPriceCents: number | null;
}

/** An order as the API answers it. */
export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderItem[];
  readonly totalCents: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The body of a POST /orders. */
export interface PlaceOrderRequest {
  readonly customerId: string;
  readonly items: readonly ItemRequest[];
}

/** The answer given to a rejected order, stored with it and replayed as is. */
export interface Rejection {
  readonly status: 404 | 409;
  readonly error: 'product_not_found' | 'insufficient_stock';
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

const transitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'rejected', 'cancelled'],
  confirmed: ['cancelled', 'fulfilled'],
  rejected: [],
  cancelled: [],
  fulfilled: [],
};

/** The state machine: pending → confirmed | rejected | cancelled; confirmed → cancelled | fulfilled; nothing else. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

/** The message of a 409 invalid_transition. */
export function invalidTransitionMessage(orderId: string, from: OrderStatus, to: OrderStatus): string {
  const allowed = orderStatuses.filter((status) => canTransition(status, to));
  return `order ${orderId} is ${from}; only an order that is ${allowed.join(' or ')} can become ${to}`;
}

/** The first product listed twice, as the path of its second occurrence, or undefined. */
export function findDuplicateProduct(items: readonly ItemRequest[]): { readonly path: string; readonly productId: string } | undefined {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (seen.has(item.productId)) return { path: `body/items/${index}/productId`, productId: item.productId };
    seen.add(item.productId);
  }
  return undefined;
}

/**
 * A stable hash of what the request asks for: the customer and the lines sorted by
 * product, so that a retry that lists the same lines in another order is the same request.
 */
export function requestFingerprint(request: PlaceOrderRequest): string {
  const lines = [...request.items]
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .map((item) => [item.productId, item.quantity]);
  return createHash('sha256').update(JSON.stringify({ customerId: request.customerId, items: lines })).digest('hex');
}

/** The sum of quantity × unit price, or null while any line's price is unknown. */
export function orderTotalCents(items: readonly OrderItem[]): number | null {
  let total = 0;
  for (const item of items) {
    if (item.unitPriceCents === null) return null;
    total += item.quantity * item.unitPriceCents;
  }
  return total;
}

/**
 * What a request does with an order that its Idempotency-Key already names:
 * - `conflict`: the key was used with another body (422);
 * - `replay`: the order is settled (anything but pending): answer as the first request did;
 * - `wait`: pending, and another request is placing it right now (its lease is live);
 * - `drive`: pending and nobody is placing it (the placer gave up on an unreachable
 *   inventory, or died): this request takes it over.
 */
export function duplicateAction(stored: { readonly fingerprint: string; readonly status: OrderStatus; readonly leaseActive: boolean }, fingerprint: string): 'conflict' | 'replay' | 'wait' | 'drive' {
  if (stored.fingerprint !== fingerprint) return 'conflict';
  if (stored.status !== 'pending') return 'replay';
  return stored.leaseActive ? 'wait' : 'drive';
}

/** A position in the newest-first list: the last order of a page. */
export interface OrderCursor {
  readonly createdAt: string;
  readonly id: string;
}

const isoMillis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

/** The position a cursor stands for, or undefined when this service did not issue it. */
export function decodeOrderCursor(cursor: string): OrderCursor | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !isoMillis.test(createdAt) || !uuid.test(id)) return undefined;
  if (Number.isNaN(Date.parse(createdAt))) return undefined;
  return { createdAt, id };
}
