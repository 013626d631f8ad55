import { describe, expect, it } from 'vitest';
import {
  canTransition,
  decodeOrderCursor,
  duplicateAction,
  encodeOrderCursor,
  findDuplicateProduct,
  invalidTransitionMessage,
  orderStatuses,
  orderTotalCents,
  requestFingerprint,
  type OrderStatus,
} from './domain.ts';

describe('canTransition (the order state machine)', () => {
  const allowed = new Set(['pending→confirmed', 'pending→rejected', 'pending→cancelled', 'confirmed→cancelled', 'confirmed→fulfilled']);
  const pairs = orderStatuses.flatMap((from) => orderStatuses.map((to) => [from, to] as [OrderStatus, OrderStatus]));

  it.each(pairs)('GIVEN %s WHEN moved to %s THEN it is allowed only if the spec lists it', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}→${to}`));
  });

  it('GIVEN every pair WHEN counted THEN exactly the five transitions of the spec are allowed', () => {
    expect(pairs.filter(([from, to]) => canTransition(from, to))).toHaveLength(5);
  });

  it('GIVEN a fulfilled order WHEN cancelled THEN the message says which statuses can be cancelled', () => {
    expect(invalidTransitionMessage('o-1', 'fulfilled', 'cancelled')).toBe('order o-1 is fulfilled; only an order that is pending or confirmed can become cancelled');
  });
});

describe('requestFingerprint', () => {
  const body = { customerId: 'ada', items: [{ productId: 'chemex-six-cup', quantity: 1 }, { productId: 'aeropress-original', quantity: 2 }] };

  it('GIVEN the same lines in another order WHEN fingerprinted THEN the fingerprint is the same', () => {
    const reordered = { customerId: 'ada', items: [body.items[1]!, body.items[0]!] };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(body));
    expect(requestFingerprint(body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['another customer', { ...body, customerId: 'grace' }],
    ['another quantity', { ...body, items: [{ productId: 'chemex-six-cup', quantity: 2 }, { productId: 'aeropress-original', quantity: 2 }] }],
    ['one line fewer', { ...body, items: [{ productId: 'chemex-six-cup', quantity: 1 }] }],
  ])('GIVEN %s WHEN fingerprinted THEN the fingerprint differs', (_name, other) => {
    expect(requestFingerprint(other)).not.toBe(requestFingerprint(body));
  });
});

describe('orderTotalCents', () => {
  it('GIVEN priced lines WHEN totalled THEN it is the sum of quantity times unit price', () => {
    expect(orderTotalCents([{ productId: 'a', quantity: 2, unitPriceCents: 2450 }, { productId: 'b', quantity: 1, unitPriceCents: 690 }])).toBe(5590);
  });

  it('GIVEN a line without a price WHEN totalled THEN the total is null', () => {
    expect(orderTotalCents([{ productId: 'a', quantity: 2, unitPriceCents: 2450 }, { productId: 'b', quantity: 1, unitPriceCents: null }])).toBeNull();
  });
});

describe('findDuplicateProduct', () => {
  it('GIVEN a product listed twice WHEN checked THEN the second line is named', () => {
    expect(findDuplicateProduct([{ productId: 'a', quantity: 1 }, { productId: 'a', quantity: 2 }])).toEqual({ path: 'body/items/1/productId', productId: 'a' });
    expect(findDuplicateProduct([{ productId: 'a', quantity: 1 }])).toBeUndefined();
  });
});

describe('duplicateAction (a request whose Idempotency-Key names an existing order)', () => {
  it.each<[string, { fingerprint: string; status: OrderStatus; leaseActive: boolean }, string]>([
    ['another body', { fingerprint: 'other', status: 'confirmed', leaseActive: false }, 'conflict'],
    ['another body, even while pending', { fingerprint: 'other', status: 'pending', leaseActive: true }, 'conflict'],
    ['a confirmed order', { fingerprint: 'same', status: 'confirmed', leaseActive: false }, 'replay'],
    ['a rejected order', { fingerprint: 'same', status: 'rejected', leaseActive: false }, 'replay'],
    ['a cancelled order', { fingerprint: 'same', status: 'cancelled', leaseActive: false }, 'replay'],
    ['a pending order being placed', { fingerprint: 'same', status: 'pending', leaseActive: true }, 'wait'],
    ['a pending order nobody is placing', { fingerprint: 'same', status: 'pending', leaseActive: false }, 'drive'],
  ])('GIVEN %s WHEN the same key arrives THEN it is %s', (_name, stored, expected) => {
    expect(duplicateAction(stored, 'same')).toBe(expected);
  });
});

describe('order cursor', () => {
  const position = { createdAt: '2025-03-01T10:20:30.456Z', id: '0b6f3c1e-7f51-4d3c-9a52-5b1f2f0f6e11' };

  it('GIVEN a position WHEN encoded and decoded THEN it comes back', () => {
    const cursor = encodeOrderCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeOrderCursor(cursor)).toEqual(position);
  });

  it.each([
    ['garbage', 'bm90IGpzb24'],
    ['a wrong shape', Buffer.from(JSON.stringify({ createdAt: position.createdAt })).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify([position.createdAt, 'x'])).toString('base64url')],
    ['a bad time', Buffer.from(JSON.stringify(['yesterday', position.id])).toString('base64url')],
  ])('GIVEN %s WHEN decoded THEN it is refused', (_name, cursor) => {
    expect(decodeOrderCursor(cursor)).toBeUndefined();
  });
});
