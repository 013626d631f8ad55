import { describe, expect, it } from 'vitest';
import { errorType, summarizeQuery } from './instrument.ts';

describe('summarizeQuery', () => {
  it.each([
    ['SELECT sku, stock FROM products WHERE sku = $1', 'SELECT', 'products', 'SELECT products'],
    ['select count(*) from public.orders', 'SELECT', 'orders', 'SELECT orders'],
    ['  -- latest first\n  SELECT * FROM "order_lines" ORDER BY id DESC', 'SELECT', 'order_lines', 'SELECT order_lines'],
    ['/* reserve */ UPDATE products SET stock = stock - $1', 'UPDATE', 'products', 'UPDATE products'],
    ['INSERT INTO orders (id) VALUES ($1) RETURNING id', 'INSERT', 'orders', 'INSERT orders'],
    ['DELETE FROM reservations WHERE expires_at < now()', 'DELETE', 'reservations', 'DELETE reservations'],
    ['SELECT 1', 'SELECT', undefined, 'SELECT'],
    ['BEGIN', 'BEGIN', undefined, 'BEGIN'],
    ['WITH recent AS (SELECT 1) SELECT * FROM recent', 'WITH', undefined, 'WITH'],
    ['CREATE TABLE products (sku text)', 'CREATE', undefined, 'CREATE'],
    ['', 'UNKNOWN', undefined, 'UNKNOWN'],
  ])('GIVEN %j WHEN summarized THEN the operation is %s and the table %s', (sql, operation, collection, spanName) => {
    expect(summarizeQuery(sql)).toEqual({ operation, collection, spanName });
  });
});

describe('errorType', () => {
  it('GIVEN a PostgreSQL error, a socket error and a plain error WHEN labelled THEN the SQLSTATE, the code and the name are used', () => {
    expect(errorType(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe('23505');
    expect(errorType(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorType(new TypeError('bad'))).toBe('TypeError');
    expect(errorType('a string')).toBe('Error');
  });
});
