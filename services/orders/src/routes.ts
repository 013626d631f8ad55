/** Orders' HTTP API, as services/README.md specifies it. */
import { HttpError, type ServiceDefinition } from '@strata/service-kit';
import type { config } from './config.ts';
import { decodeOrderCursor, encodeOrderCursor, findDuplicateProduct, type ItemRequest } from './domain.ts';
import { createInventoryClient } from './inventory-client.ts';
import { cancelOrder, fulfilOrder, orderNotFound } from './lifecycle.ts';
import { placeOrder, type OrdersDeps } from './placement.ts';
import { errorAnswer, listQuery, order, orderPage, orderParams, placeOrderBody, placeOrderHeaders } from './schemas.ts';
import { getOrder, listOrders } from './store.ts';

const badRequest = errorAnswer('A parameter, header or body field is invalid; the message names it.');
const orderNotFoundAnswer = errorAnswer('`order_not_found`: no order has this id.');
const invalidTransition = errorAnswer('`invalid_transition` (details `{ from, to }`): the order cannot move from its status to this one.');
const upstreamUnavailable = errorAnswer('`upstream_unavailable`: inventory could not be reached; nothing changed, retry.');

export const registerRoutes: ServiceDefinition<typeof config>['routes'] = (app, context) => {
  const deps: OrdersDeps = {
    db: context.db,
    inventory: createInventoryClient(context.client({ name: 'inventory', baseUrl: context.config.INVENTORY_URL })),
    logger: context.logger,
    leaseMs: context.config.ORDER_LEASE_MS,
    waitMs: context.config.IDEMPOTENCY_WAIT_MS,
  };

  app.post<{ Headers: { 'idempotency-key': string }; Body: { customerId: string; items: ItemRequest[] } }>(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Place an order: reserve its stock in inventory and confirm it',
        description:
          'Exactly one order per Idempotency-Key: a replay with the same body answers 200 with the order (or the same error); ' +
          'a concurrent copy waits for the first to finish. A rejected order is kept, with status rejected.',
        operationId: 'placeOrder',
        headers: placeOrderHeaders,
        body: placeOrderBody,
        response: {
          200: { ...order, description: 'A replay of the same Idempotency-Key and body.' },
          201: { ...order, description: 'Placed and confirmed.' },
          400: badRequest,
          404: errorAnswer('`product_not_found` (details `{ orderId, productId }`): the order is stored as rejected.'),
          409: errorAnswer('`insufficient_stock` (details `{ orderId, productId, requested, available }`): the order is stored as rejected.'),
          422: errorAnswer('`idempotency_key_reused`: this key was used with another body.'),
          503: errorAnswer('`upstream_unavailable`: inventory could not be reached; the order stays pending and a retry with the same key places it.'),
        },
      },
    },
    async (request, reply) => {
      const duplicate = findDuplicateProduct(request.body.items);
      if (duplicate !== undefined) {
        throw new HttpError(400, 'bad_request', `${duplicate.path}: ${JSON.stringify(duplicate.productId)} is listed more than once; list each product once with its total quantity`);
      }
      const placed = await placeOrder(deps, request.headers['idempotency-key'], request.body);
      return reply.code(placed.status).send(placed.order);
    },
  );

  app.get<{ Querystring: { customerId?: string; limit: number; cursor?: string } }>(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'List orders, newest first, of one customer or of all',
        operationId: 'listOrders',
        querystring: listQuery,
        response: { 200: orderPage, 400: badRequest },
      },
    },
    async (request) => {
      const { customerId, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeOrderCursor(cursor);
      if (cursor !== undefined && after === undefined) {
        throw new HttpError(400, 'bad_request', `querystring/cursor: ${JSON.stringify(cursor)} is not a cursor from this API; pass the nextCursor of the previous page`);
      }
      const rows = await listOrders(deps.db, { customerId, after, limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeOrderCursor(last) : null };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'Get one order',
        operationId: 'getOrder',
        params: orderParams,
        response: { 200: order, 400: badRequest, 404: orderNotFoundAnswer },
      },
    },
    async (request) => {
      const record = await getOrder(deps.db, request.params.id.toLowerCase());
      if (record === undefined) throw orderNotFound(request.params.id);
      return record.order;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/orders/:id/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel a pending or confirmed order; its reservation is released',
        description: 'Idempotent: an order already cancelled answers 200.',
        operationId: 'cancelOrder',
        params: orderParams,
        response: { 200: order, 400: badRequest, 404: orderNotFoundAnswer, 409: invalidTransition, 503: upstreamUnavailable },
      },
    },
    async (request) => cancelOrder(deps, request.params.id.toLowerCase()),
  );

  app.post<{ Params: { id: string } }>(
    '/orders/:id/fulfil',
    {
      schema: {
        tags: ['orders'],
        summary: 'Fulfil a confirmed order; its reservation is committed',
        operationId: 'fulfilOrder',
        params: orderParams,
        response: { 200: order, 400: badRequest, 404: orderNotFoundAnswer, 409: invalidTransition, 503: upstreamUnavailable },
      },
    },
    async (request) => fulfilOrder(deps, request.params.id.toLowerCase()),
  );
};
