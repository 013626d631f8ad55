/**
 * Cancelling and fulfilling an order. Inventory is told first, the order's status changes
 * second, with a conditional UPDATE on the status the decision was made from:
 * - a failure talking to inventory changes nothing, so the client can simply retry;
 * - inventory settles a race between cancel and fulfil (a reservation is released or
 *   committed, never both), and the loser answers 409;
 * - if the order moved meanwhile (a pending order got confirmed while being cancelled),
 *   the UPDATE changes nothing and the decision is made again from the new status.
 */
import { HttpError } from '@strata/service-kit';
import { canTransition, invalidTransitionMessage, type Order, type OrderStatus } from './domain.ts';
import { giveBack, type OrdersDeps } from './placement.ts';
import { getOrder, moveOrder, type OrderRecord } from './store.ts';

/** An order changes status at most twice, so a third look always sees it settled. */
const maxAttempts = 3;

/** confirmed | pending → cancelled, releasing the reservation; a repeat answers the cancelled order. */
export async function cancelOrder(deps: OrdersDeps, id: string): Promise<Order> {
  for (let attempt = 1; ; attempt++) {
    const { order } = await findOrder(deps, id);
    if (order.status === 'cancelled') {
      await giveBack(deps, id);
      return order;
    }
    if (!canTransition(order.status, 'cancelled')) throw invalidTransition(id, order.status, 'cancelled');
    const released = await deps.inventory.release(id);
    if (released.kind === 'invalid') {
      // Committed: the order is being (or has been) fulfilled.
      const now = await findOrder(deps, id);
      throw invalidTransition(id, now.order.status === 'confirmed' ? 'fulfilled' : now.order.status, 'cancelled');
    }
    // A pending order may have no reservation yet; if one appears later, placing the order
    // finds the order cancelled and releases it.
    if (released.kind === 'not_found' && order.status !== 'pending') {
      throw new Error(`order ${id} is ${order.status} but inventory has no reservation ${id}`);
    }
    const moved = await moveOrder(deps.db, id, order.status, 'cancelled');
    if (moved !== undefined) return moved.order;
    if (attempt >= maxAttempts) throw new Error(`order ${id} kept changing while being cancelled`);
  }
}

/** confirmed → fulfilled, committing the reservation. */
export async function fulfilOrder(deps: OrdersDeps, id: string): Promise<Order> {
  const { order } = await findOrder(deps, id);
  if (!canTransition(order.status, 'fulfilled')) throw invalidTransition(id, order.status, 'fulfilled');
  const committed = await deps.inventory.commit(id);
  if (committed.kind === 'not_found') throw new Error(`order ${id} is ${order.status} but inventory has no reservation ${id}`);
  if (committed.kind === 'invalid') {
    // Released: the order is being (or has been) cancelled.
    const now = await findOrder(deps, id);
    throw invalidTransition(id, now.order.status === 'confirmed' ? 'cancelled' : now.order.status, 'fulfilled');
  }
  const moved = await moveOrder(deps.db, id, 'confirmed', 'fulfilled');
  if (moved !== undefined) return moved.order;
  const now = await findOrder(deps, id);
  throw invalidTransition(id, now.order.status, 'fulfilled');
}

async function findOrder(deps: OrdersDeps, id: string): Promise<OrderRecord> {
  const record = await getOrder(deps.db, id);
  if (record === undefined) throw orderNotFound(id);
  return record;
}

export function orderNotFound(id: string): HttpError {
  return new HttpError(404, 'order_not_found', `no order has the id ${JSON.stringify(id)}`, { orderId: id });
}

function invalidTransition(id: string, from: OrderStatus, to: OrderStatus): HttpError {
  return new HttpError(409, 'invalid_transition', invalidTransitionMessage(id, from, to), { from, to });
}
