/**
 * Placing an order: exactly one order per Idempotency-Key, however many copies of the
 * request arrive and however they interleave.
 *
 * 1. The order row is inserted first, pending, with a lease for this request
 *    (`claimOrder`: the unique key makes every concurrent copy find the same row).
 * 2. The request holding the lease reserves stock in inventory under the order's id,
 *    then confirms or rejects the order with a conditional UPDATE … WHERE status = 'pending'.
 * 3. A copy waits (polling the row, up to IDEMPOTENCY_WAIT_MS) until the order leaves
 *    pending, then answers as a replay. If nobody holds the lease (the placer found
 *    inventory unreachable and let go, or died and the lease ran out), the copy takes the
 *    order over and places it itself: inventory's idempotency by reservation id makes a
 *    second reservation under the same id harmless.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpError, type Database, type ServiceContext } from '@strata/service-kit';
import { duplicateAction, requestFingerprint, type Order, type PlaceOrderRequest, type Rejection } from './domain.ts';
import type { InventoryClient, ReserveOutcome } from './inventory-client.ts';
import { claimOrder, confirmOrder, getOrder, moveOrder, rejectOrder, releaseOrder, takeOverOrder, type OrderRecord } from './store.ts';

export interface OrdersDeps {
  readonly db: Database;
  readonly inventory: InventoryClient;
  readonly logger: ServiceContext['logger'];
  readonly leaseMs: number;
  readonly waitMs: number;
}

/** How often a waiting copy reads the order again. */
const pollMs = 25;

/** The answer to a POST /orders that succeeded: 201 when this request placed it, 200 for a replay. */
export interface Placed {
  readonly status: 200 | 201;
  readonly order: Order;
}

/** Places the order or replays it; throws an HttpError for every answer that is not an order. */
export async function placeOrder(deps: OrdersDeps, idempotencyKey: string, request: PlaceOrderRequest): Promise<Placed> {
  const fingerprint = requestFingerprint(request);
  const { claimed, record } = await claimOrder(deps.db, {
    id: randomUUID(),
    idempotencyKey,
    fingerprint,
    customerId: request.customerId,
    items: request.items,
    leaseMs: deps.leaseMs,
  });
  if (claimed) return drive(deps, record.order);

  const { id } = record.order;
  const deadline = performance.now() + deps.waitMs;
  let current = record;
  for (;;) {
    const action = duplicateAction({ fingerprint: current.fingerprint, status: current.order.status, leaseActive: current.leaseActive }, fingerprint);
    if (action === 'conflict') {
      throw new HttpError(
        422,
        'idempotency_key_reused',
        `Idempotency-Key ${JSON.stringify(idempotencyKey)} was already used for another request (order ${id}); send a new key for a new order`,
      );
    }
    if (action === 'replay') return replay(current);
    if (action === 'drive' && (await takeOverOrder(deps.db, id, deps.leaseMs))) {
      deps.logger.info({ orderId: id }, `order ${id}: taking over placing it`);
      return drive(deps, current.order);
    }
    if (performance.now() >= deadline) {
      throw new HttpError(503, 'upstream_unavailable', `order ${id} is still being placed (inventory is slow); retry with the same Idempotency-Key`, { orderId: id });
    }
    await sleep(pollMs);
    current = await mustGetOrder(deps.db, id);
  }
}

/** Reserves stock for a pending order this request holds the lease of, and settles it. */
async function drive(deps: OrdersDeps, order: Order): Promise<Placed> {
  let outcome: ReserveOutcome;
  try {
    outcome = await deps.inventory.reserve(order.id, order.items);
  } catch (error) {
    // Let go at once, so that the client's retry re-drives the order instead of waiting.
    await releaseOrder(deps.db, order.id).catch((releaseError: unknown) => deps.logger.warn({ err: releaseError, orderId: order.id }, 'could not release the order lease'));
    throw error;
  }

  if (outcome.kind === 'reserved' && outcome.status === 'released') {
    // A cancel released this order's reservation, then failed before recording it: finish that cancel.
    await moveOrder(deps.db, order.id, 'pending', 'cancelled');
    return { status: 201, order: replay(await mustGetOrder(deps.db, order.id)).order };
  }
  if (outcome.kind === 'reserved') {
    const confirmed = await confirmOrder(deps.db, order.id, outcome.items);
    if (confirmed !== undefined) return { status: 201, order: confirmed.order };
    // Settled while we reserved: cancelled, or settled by a request that took it over.
    // Either way this request created the order: 201 with the order as it is now.
    const current = await mustGetOrder(deps.db, order.id);
    if (current.order.status === 'cancelled' || current.order.status === 'rejected') await giveBack(deps, order.id);
    return { status: 201, order: replay(current).order };
  }

  const rejection: Rejection =
    outcome.kind === 'insufficient_stock'
      ? {
          status: 409,
          error: 'insufficient_stock',
          message: `${outcome.productId}: ${outcome.requested} requested, ${outcome.available} in stock; order ${order.id} was rejected`,
          details: { orderId: order.id, productId: outcome.productId, requested: outcome.requested, available: outcome.available },
        }
      : {
          status: 404,
          error: 'product_not_found',
          message: `no product has the id ${JSON.stringify(outcome.productId)}; order ${order.id} was rejected`,
          details: { orderId: order.id, productId: outcome.productId },
        };
  if (await rejectOrder(deps.db, order.id, rejection)) throw rejectionError(rejection);
  return replay(await mustGetOrder(deps.db, order.id));
}

/** A settled order answered again: the order, or the same error as the first time. */
function replay(record: OrderRecord): Placed {
  if (record.rejection !== null) throw rejectionError(record.rejection);
  return { status: 200, order: record.order };
}

function rejectionError(rejection: Rejection): HttpError {
  return new HttpError(rejection.status, rejection.error, rejection.message, rejection.details);
}

/**
 * Returns stock reserved for an order that will not use it. A failure is only logged: the
 * order is settled either way, and repeating POST /orders/:id/cancel releases it again.
 */
export async function giveBack(deps: OrdersDeps, orderId: string): Promise<void> {
  try {
    await deps.inventory.release(orderId);
  } catch (error) {
    deps.logger.warn({ err: error, orderId }, `order ${orderId}: could not release its reservation`);
  }
}

export async function mustGetOrder(db: Database, id: string): Promise<OrderRecord> {
  const record = await getOrder(db, id);
  if (record === undefined) throw new Error(`order ${id} vanished`);
  return record;
}
