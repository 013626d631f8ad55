/**
 * Inventory's SQL. Every statement is parameterised and runs on the kit's Database,
 * which is PostgreSQL (READ COMMITTED, a pool of connections) or PGlite (one connection,
 * transactions one at a time); the guarantees below hold on both.
 */
import type { Database, Queryable } from '@strata/service-kit';
import { normalizeItems, reservationTransition, totalCents, type ItemRequest, type Reservation, type ReservationStatus, type ReservedItem } from './domain.ts';

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly priceCents: number;
  readonly currency: 'EUR';
  readonly stock: number;
}

export interface ProductFields {
  readonly name: string;
  readonly description: string;
  readonly priceCents: number;
  readonly stock: number;
}

const productColumns = 'id, name, description, price_cents AS "priceCents", currency, stock';

/** Up to `limit` products after `afterId`, ordered by id. */
export async function listProducts(db: Queryable, afterId: string | undefined, limit: number): Promise<Product[]> {
  const { rows } = await db.query<Product>(
    `SELECT ${productColumns} FROM products WHERE $1::text IS NULL OR id > $1::text ORDER BY id LIMIT $2`,
    [afterId ?? null, limit],
  );
  return rows;
}

export async function getProduct(db: Queryable, id: string): Promise<Product | undefined> {
  const { rows } = await db.query<Product>(`SELECT ${productColumns} FROM products WHERE id = $1`, [id]);
  return rows[0];
}

/** Creates or replaces a product; `created` tells which. */
export async function putProduct(db: Queryable, id: string, fields: ProductFields): Promise<{ product: Product; created: boolean }> {
  // xmax is 0 only on a row version this statement inserted.
  const { rows } = await db.query<Product & { created: boolean }>(
    `INSERT INTO products (id, name, description, price_cents, stock) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
       price_cents = EXCLUDED.price_cents, stock = EXCLUDED.stock, updated_at = now()
     RETURNING ${productColumns}, (xmax = 0) AS created`,
    [id, fields.name, fields.description, fields.priceCents, fields.stock],
  );
  const { created, ...product } = one(rows, 'putProduct');
  return { product, created };
}

/**
 * Inserts the products when the catalog is empty, in one transaction; returns how many.
 * Two replicas starting together insert the catalog once (ON CONFLICT DO NOTHING).
 */
export async function seedCatalog(db: Database, products: readonly (ProductFields & { readonly id: string })[]): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query('SELECT 1 FROM products LIMIT 1');
    if (rows.length > 0) return 0;
    const inserted = await tx.query(
      `INSERT INTO products (id, name, description, price_cents, stock)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[])
       ON CONFLICT (id) DO NOTHING`,
      [products.map((p) => p.id), products.map((p) => p.name), products.map((p) => p.description), products.map((p) => p.priceCents), products.map((p) => p.stock)],
    );
    return inserted.rowCount;
  });
}

/** What a reservation request came to. */
export type ReserveOutcome =
  | { readonly kind: 'created'; readonly reservation: Reservation }
  | { readonly kind: 'existing'; readonly reservation: Reservation }
  | { readonly kind: 'insufficient_stock'; readonly productId: string; readonly requested: number; readonly available: number }
  | { readonly kind: 'product_not_found'; readonly productId: string };

type ReserveResult =
  | { readonly kind: 'created'; readonly items: ReservedItem[] }
  | { readonly kind: 'existing' }
  | { readonly kind: 'insufficient_stock'; readonly productId: string; readonly requested: number; readonly available: number }
  | { readonly kind: 'product_not_found'; readonly productId: string };

/**
 * Reserves every item or none, in one statement: the `reserve_stock` function
 * (migrations/0002) claims the id, takes stock per product in id order with a conditional
 * UPDATE … WHERE stock >= quantity, and rolls everything back, the claim included, when a
 * product is short or unknown. Under READ COMMITTED a blocked UPDATE re-checks its WHERE
 * against the row as the other transaction left it, so stock never goes negative; a
 * concurrent request with the same id waits on the claim's unique index, then replays.
 * One round trip keeps each product row locked for as short a time as possible.
 */
export async function reserve(db: Database, reservationId: string, items: readonly ItemRequest[]): Promise<ReserveOutcome> {
  const { rows } = await db.query<{ result: ReserveResult }>('SELECT reserve_stock($1::uuid, $2::text[], $3::int[]) AS result', [
    reservationId,
    items.map((i) => i.productId),
    items.map((i) => i.quantity),
  ]);
  const result = one(rows, 'reserve').result;
  switch (result.kind) {
    case 'created': {
      const reserved = normalizeItems(result.items);
      return { kind: 'created', reservation: { reservationId, status: 'reserved', items: reserved, totalCents: totalCents(reserved) } };
    }
    case 'existing': {
      const existing = await getReservation(db, reservationId);
      if (existing === undefined) throw new Error(`reservation ${reservationId} conflicted but cannot be read`);
      return { kind: 'existing', reservation: existing };
    }
    default:
      return result;
  }
}

export async function getReservation(db: Queryable, id: string): Promise<Reservation | undefined> {
  const { rows } = await db.query<{ id: string; status: ReservationStatus; items: ReservedItem[] }>(
    `SELECT r.id, r.status,
       (SELECT coalesce(json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity, 'unitPriceCents', i.unit_price_cents)
                                 ORDER BY i.product_id), '[]'::json)
          FROM reservation_items i WHERE i.reservation_id = r.id) AS items
     FROM reservations r WHERE r.id = $1`,
    [id],
  );
  const row = rows[0];
  return row === undefined ? undefined : { reservationId: row.id, status: row.status, items: row.items, totalCents: totalCents(row.items) };
}

/** What releasing or committing came to: `changed` is false when it already was in that state. */
export type TransitionOutcome =
  | { readonly kind: 'done'; readonly changed: boolean; readonly reservation: Reservation }
  | { readonly kind: 'invalid'; readonly reservation: Reservation }
  | { readonly kind: 'not_found' };

/**
 * Moves a reservation out of `reserved`. The conditional UPDATE decides: of two concurrent
 * releases only one sees `status = 'reserved'`, so stock is returned once; the stock goes
 * back row by row in product-id order, the order reservations lock rows in.
 */
export async function finishReservation(db: Database, id: string, to: 'released' | 'committed'): Promise<TransitionOutcome> {
  return db.transaction(async (tx): Promise<TransitionOutcome> => {
    const moved = await tx.query(`UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1 AND status = 'reserved' RETURNING id`, [id, to]);
    if (moved.rowCount === 1 && to === 'released') {
      const { rows } = await tx.query<{ productId: string; quantity: number }>(
        `SELECT product_id AS "productId", quantity FROM reservation_items WHERE reservation_id = $1 ORDER BY product_id`,
        [id],
      );
      for (const item of rows) {
        await tx.query(`UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1`, [item.productId, item.quantity]);
      }
    }
    const reservation = await getReservation(tx, id);
    if (reservation === undefined) return { kind: 'not_found' };
    if (moved.rowCount === 1) return { kind: 'done', changed: true, reservation };
    // Not moved: it had already left `reserved`, for `to` (a repeat) or the other way.
    return reservationTransition(reservation.status, to) === 'already' ? { kind: 'done', changed: false, reservation } : { kind: 'invalid', reservation };
  });
}

function one<Row>(rows: readonly Row[], what: string): Row {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what}: the statement returned no row`);
  return row;
}
