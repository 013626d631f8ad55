import { describe, expect, it } from 'vitest';
import {
  decodeProductCursor,
  encodeProductCursor,
  findDuplicateProduct,
  normalizeItems,
  reservationTransition,
  sameItems,
  totalCents,
  type ReservationStatus,
} from './domain.ts';

describe('findDuplicateProduct', () => {
  it('GIVEN distinct products WHEN checked THEN there is no duplicate', () => {
    expect(findDuplicateProduct([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 1 }])).toBeUndefined();
  });

  it('GIVEN a product listed twice WHEN checked THEN the path of its second line is named', () => {
    const items = [
      { productId: 'a', quantity: 1 },
      { productId: 'b', quantity: 2 },
      { productId: 'a', quantity: 3 },
    ];
    expect(findDuplicateProduct(items)).toEqual({ path: 'body/items/2/productId', productId: 'a' });
  });
});

describe('normalizeItems and sameItems', () => {
  it('GIVEN items in any order WHEN normalized THEN they are sorted by product id, the input untouched', () => {
    const items = [{ productId: 'chemex', quantity: 1 }, { productId: 'aeropress', quantity: 2 }, { productId: 'b-1', quantity: 3 }];
    expect(normalizeItems(items).map((i) => i.productId)).toEqual(['aeropress', 'b-1', 'chemex']);
    expect(items[0]?.productId).toBe('chemex');
  });

  it('GIVEN the same lines in another order WHEN compared THEN they are the same', () => {
    expect(sameItems([{ productId: 'b', quantity: 1 }, { productId: 'a', quantity: 2 }], [{ productId: 'a', quantity: 2 }, { productId: 'b', quantity: 1 }])).toBe(true);
  });

  it.each([
    ['another quantity', [{ productId: 'a', quantity: 3 }]],
    ['another product', [{ productId: 'c', quantity: 2 }]],
    ['one more line', [{ productId: 'a', quantity: 2 }, { productId: 'b', quantity: 1 }]],
  ])('GIVEN %s WHEN compared THEN they differ', (_name, requested) => {
    expect(sameItems(requested, [{ productId: 'a', quantity: 2 }])).toBe(false);
  });
});

describe('reservationTransition', () => {
  it.each<[ReservationStatus, 'released' | 'committed', 'apply' | 'already' | 'invalid']>([
    ['reserved', 'released', 'apply'],
    ['reserved', 'committed', 'apply'],
    ['released', 'released', 'already'],
    ['committed', 'committed', 'already'],
    ['released', 'committed', 'invalid'],
    ['committed', 'released', 'invalid'],
  ])('GIVEN %s WHEN moved to %s THEN %s', (from, to, expected) => {
    expect(reservationTransition(from, to)).toBe(expected);
  });
});

describe('totalCents', () => {
  it('GIVEN lines WHEN totalled THEN it is the sum of quantity times unit price', () => {
    expect(totalCents([{ productId: 'a', quantity: 3, unitPriceCents: 2450 }, { productId: 'b', quantity: 1, unitPriceCents: 690 }])).toBe(8040);
    expect(totalCents([])).toBe(0);
  });

  it('GIVEN the largest order the schemas allow WHEN totalled THEN the total is still an exact integer', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ productId: `p${i}`, quantity: 1000, unitPriceCents: 100_000_000 }));
    const total = totalCents(items);
    expect(total).toBe(5_000_000_000_000);
    expect(Number.isSafeInteger(total)).toBe(true);
  });
});

describe('product cursor', () => {
  it('GIVEN a product id WHEN encoded and decoded THEN it comes back', () => {
    const cursor = encodeProductCursor('hario-v60-dripper');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeProductCursor(cursor)).toBe('hario-v60-dripper');
  });

  it.each([
    ['not base64 of a slug', Buffer.from('Not A Slug!').toString('base64url')],
    ['garbage', '!!!'],
    ['a non-canonical encoding', `${encodeProductCursor('ab')}A`],
  ])('GIVEN %s WHEN decoded THEN it is refused', (_name, cursor) => {
    expect(decodeProductCursor(cursor)).toBeUndefined();
  });
});
