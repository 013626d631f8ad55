/**
 * Orders' SQL. Every statement is parameterised and runs on the kit's Database:
 * PostgreSQL (READ COMMITTED, a pool) or PGlite (one connection, one transaction at a time).
 * Every change of status is a conditional UPDATE … WHERE status = <expected>, so that of
 * two concurrent changes exactly one wins and the loser sees it changed nothing.
 * Lease times use the database's clock, the one clock every replica shares.
 */
import type { Database, Queryable } from '@strata/service-kit';
import { orderTotalCents, type ItemRequest, type Order, type OrderCursor, type OrderItem, type OrderStatus, type Rejection } from './domain.ts';

/** An order with what only the service needs: the request's fingerprint, the rejection, the lease. */
export interface OrderRecord {
  readonly order: Order;
  readonly fingerprint: string;
  readonly rejection: Rejection | null;
  /** Pending, and the request placing it holds a lease that has not run out. */
  readonly leaseActive: boolean;
}

interface OrderRow {
  id: string;
  customerId: string;
  status: OrderStatus;
  fingerprint: string;
  rejection: Rejection | null;
  leaseActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  items: OrderItem[];
}

const selectOrder = `
  SELECT o.id, o.customer_id AS "customerId", o.status, o.request_fingerprint AS fingerprint, o.rejection,
         coalesce(o.drive_lease_until > now(), false) AS "leaseActive",
         o.created_at AS "createdAt", o.updated_at AS "updatedAt",
         (SELECT coalesce(json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity, 'unitPriceCents', i.unit_price_cents)
                                   ORDER BY i.position), '[]'::json)
            FROM order_items i WHERE i.order_id = o.id) AS items
    FROM orders o`;

const now = `date_trunc('milliseconds', now())`;

function toRecord(row: OrderRow): OrderRecord {
  return {
    order: {
      id: row.id,
      customerId: row.customerId,
      status: row.status,
      items: row.items,
      totalCents: orderTotalCents(row.items),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    fingerprint: row.fingerprint,
    rejection: row.rejection,
    leaseActive: row.leaseActive,
  };
}

export async function getOrder(db: Queryable, id: string): Promise<OrderRecord | undefined> {
  const { rows } = await db.query<OrderRow>(`${selectOrder} WHERE o.id = $1`, [id]);
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

export interface NewOrder {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly fingerprint: string;
  readonly customerId: string;
  readonly items: readonly ItemRequest[];
  /** How long the placing request may take before a duplicate takes over. */
  readonly leaseMs: number;
}

/**
 * Inserts the order as pending, with its lines and a lease for the caller, unless its
 * Idempotency-Key is taken: `INSERT … ON CONFLICT (idempotency_key) DO NOTHING` makes a
 * concurrent duplicate wait on the unique index until the first commits, then insert
 * nothing. Either way the stored order comes back; `claimed` says whether it is the caller's.
 * The order and its lines go in one statement (data-modifying CTEs), one round trip.
 */
export async function claimOrder(db: Database, order: NewOrder): Promise<{ claimed: boolean; record: OrderRecord }> {
  const { rows } = await db.query<{ createdAt: Date; updatedAt: Date }>(
    `WITH inserted AS (
       INSERT INTO orders (id, idempotency_key, request_fingerprint, customer_id, status, drive_lease_until)
       VALUES ($1, $2, $3, $4, 'pending', now() + $5::int * interval '1 millisecond')
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, created_at, updated_at
     ), lines AS (
       INSERT INTO order_items (order_id, product_id, position, quantity)
       SELECT inserted.id, t.product_id, t.n - 1, t.quantity
         FROM inserted, unnest($6::text[], $7::int[]) WITH ORDINALITY AS t(product_id, quantity, n)
     )
     SELECT created_at AS "createdAt", updated_at AS "updatedAt" FROM inserted`,
    [order.id, order.idempotencyKey, order.fingerprint, order.customerId, order.leaseMs, order.items.map((i) => i.productId), order.items.map((i) => i.quantity)],
  );
  const row = rows[0];
  if (row !== undefined) {
    const items = order.items.map((i) => ({ productId: i.productId, quantity: i.quantity, unitPriceCents: null }));
    return {
      claimed: true,
      record: {
        order: {
          id: order.id,
          customerId: order.customerId,
          status: 'pending',
          items,
          totalCents: orderTotalCents(items),
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
        },
        fingerprint: order.fingerprint,
        rejection: null,
        leaseActive: true,
      },
    };
  }
  const existing = await db.query<OrderRow>(`${selectOrder} WHERE o.idempotency_key = $1`, [order.idempotencyKey]);
  if (existing.rows[0] === undefined) throw new Error(`the order of Idempotency-Key ${JSON.stringify(order.idempotencyKey)} conflicted but cannot be read`);
  return { claimed: false, record: toRecord(existing.rows[0]) };
}

/** Takes over a pending order nobody is placing; false when another request got there first. */
export async function takeOverOrder(db: Queryable, id: string, leaseMs: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE orders SET drive_lease_until = now() + $2::int * interval '1 millisecond'
      WHERE id = $1 AND status = 'pending' AND (drive_lease_until IS NULL OR drive_lease_until <= now())`,
    [id, leaseMs],
  );
  return rowCount === 1;
}

/** Gives up placing a pending order, so that the next retry takes it over at once. */
export async function releaseOrder(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE orders SET drive_lease_until = NULL WHERE id = $1 AND status = 'pending'`, [id]);
}

/**
 * pending → confirmed with the reserved prices, in one statement; undefined when the order
 * was no longer pending (then nothing changed).
 */
export async function confirmOrder(db: Database, id: string, prices: readonly { productId: string; unitPriceCents: number }[]): Promise<OrderRecord | undefined> {
  const { rows } = await db.query<OrderRow>(
    `WITH moved AS (
       UPDATE orders SET status = 'confirmed', drive_lease_until = NULL, updated_at = ${now}
        WHERE id = $1 AND status = 'pending'
        RETURNING id, customer_id, request_fingerprint, created_at, updated_at
     ), priced AS (
       UPDATE order_items i SET unit_price_cents = p.price
         FROM moved, unnest($2::text[], $3::int[]) AS p(product_id, price)
        WHERE i.order_id = moved.id AND i.product_id = p.product_id
        RETURNING i.product_id, i.quantity, i.position, i.unit_price_cents
     )
     SELECT m.id, m.customer_id AS "customerId", 'confirmed' AS status, m.request_fingerprint AS fingerprint,
            NULL::jsonb AS rejection, false AS "leaseActive", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
            (SELECT coalesce(json_agg(json_build_object('productId', product_id, 'quantity', quantity, 'unitPriceCents', unit_price_cents)
                                      ORDER BY position), '[]'::json) FROM priced) AS items
       FROM moved m`,
    [id, prices.map((p) => p.productId), prices.map((p) => p.unitPriceCents)],
  );
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/** pending → rejected, keeping the answer to replay; false when the order was no longer pending. */
export async function rejectOrder(db: Queryable, id: string, rejection: Rejection): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE orders SET status = 'rejected', rejection = $2::jsonb, drive_lease_until = NULL, updated_at = ${now} WHERE id = $1 AND status = 'pending'`,
    [id, JSON.stringify(rejection)],
  );
  return rowCount === 1;
}

/** from → to, only if the order is still in `from`; undefined when it was not. */
export async function moveOrder(db: Queryable, id: string, from: OrderStatus, to: OrderStatus): Promise<OrderRecord | undefined> {
  const { rowCount } = await db.query(
    `UPDATE orders SET status = $3, drive_lease_until = NULL, updated_at = ${now} WHERE id = $1 AND status = $2`,
    [id, from, to],
  );
  return rowCount === 1 ? getOrder(db, id) : undefined;
}

/** Up to `limit` orders, newest first, after `after`, of one customer or of all. */
export async function listOrders(db: Queryable, filter: { customerId?: string; after?: OrderCursor; limit: number }): Promise<Order[]> {
  const { rows } = await db.query<OrderRow>(
    `${selectOrder}
      WHERE ($1::text IS NULL OR o.customer_id = $1::text)
        AND ($2::timestamptz IS NULL OR (o.created_at, o.id) < ($2::timestamptz, $3::uuid))
      ORDER BY o.created_at DESC, o.id DESC
      LIMIT $4`,
    [filter.customerId ?? null, filter.after?.createdAt ?? null, filter.after?.id ?? null, filter.limit],
  );
  return rows.map((row) => toRecord(row).order);
}
