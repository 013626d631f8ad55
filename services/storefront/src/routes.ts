import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Answer, InventoryClient, InventoryProduct, Order, OrderRequest, OrdersClient } from './clients.ts';
import {
  errorSchema,
  idempotencyKeyPattern,
  orderRequestSchema,
  orderViewSchema,
  placedOrderSchema,
  productIdPattern,
  productPageSchema,
  productSchema,
  upstreamUnavailable,
} from './schemas.ts';

export interface StorefrontUpstreams {
  readonly inventory: InventoryClient;
  readonly orders: OrdersClient;
}

/** A product as customers see it: whether it is in stock, not how many are left. */
export interface ProductView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly priceCents: number;
  readonly currency: 'EUR';
  readonly inStock: boolean;
}

export type OrderView = Omit<Order, 'customerId'>;

export function toProductView(product: InventoryProduct): ProductView {
  const { id, name, description, priceCents, currency, stock } = product;
  return { id, name, description, priceCents, currency, inStock: stock > 0 };
}

export function toOrderView(order: Order): OrderView {
  const { id, status, items, totalCents, createdAt, updatedAt } = order;
  return { id, status, items, totalCents, createdAt, updatedAt };
}

/** The storefront's public API: a read-only catalog and checkout, in front of inventory and orders. */
export function registerStorefrontRoutes(app: FastifyInstance, upstreams: StorefrontUpstreams): void {
  const { inventory, orders } = upstreams;

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/products',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List products, ordered by id',
        operationId: 'listProducts',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            cursor: { type: 'string', minLength: 1, maxLength: 500, description: 'The `nextCursor` of the previous page.' },
          },
        },
        response: { 200: productPageSchema, 400: errorSchema, 503: upstreamUnavailable },
      },
    },
    async (request, reply) => {
      const { limit, cursor } = request.query;
      const answer = await inventory.listProducts(cursor === undefined ? { limit } : { limit, cursor });
      if (!answer.ok) return passOn(reply, answer);
      return { items: answer.body.items.map(toProductView), nextCursor: answer.body.nextCursor };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/products/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Get one product',
        operationId: 'getProduct',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: productIdPattern } } },
        response: { 200: productSchema, 400: errorSchema, 404: errorSchema, 503: upstreamUnavailable },
      },
    },
    async (request, reply) => {
      const answer = await inventory.getProduct(request.params.id);
      if (!answer.ok) return passOn(reply, answer);
      return toProductView(answer.body);
    },
  );

  app.post<{ Body: OrderRequest; Headers: { 'idempotency-key'?: string } }>(
    '/orders',
    {
      schema: {
        tags: ['checkout'],
        summary: 'Place an order; safe to retry with the same Idempotency-Key',
        description:
          'Without an Idempotency-Key a UUID is generated. The key is echoed in the Idempotency-Key response header: ' +
          'retrying with it after a 503 or a lost answer never places a second order.',
        operationId: 'placeOrder',
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', pattern: idempotencyKeyPattern, description: '1–200 printable characters.' } },
        },
        body: orderRequestSchema,
        response: {
          201: { ...placedOrderSchema, description: 'The order, confirmed.' },
          200: { ...placedOrderSchema, description: 'The same order, on a replay of the same key and body.' },
          400: errorSchema,
          404: { ...errorSchema, description: '`product_not_found`: the order is stored as rejected.' },
          409: { ...errorSchema, description: '`insufficient_stock`: the order is stored as rejected.' },
          422: { ...errorSchema, description: '`idempotency_key_reused`: the same key with a different body.' },
          503: upstreamUnavailable,
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'] ?? randomUUID();
      void reply.header('idempotency-key', key);
      const answer = await orders.placeOrder(key, request.body);
      if (!answer.ok) return passOn(reply, answer);
      return reply.code(answer.status).send(answer.body);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/orders/:id',
    {
      schema: {
        tags: ['checkout'],
        summary: 'Get one order',
        operationId: 'getOrder',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: orderViewSchema, 400: errorSchema, 404: errorSchema, 503: upstreamUnavailable },
      },
    },
    async (request, reply) => {
      const answer = await orders.getOrder(request.params.id);
      if (!answer.ok) return passOn(reply, answer);
      return toOrderView(answer.body);
    },
  );
}

/** An upstream's 4xx goes to the customer unchanged: its status, code, message and details. */
function passOn(reply: FastifyReply, answer: Extract<Answer<unknown>, { ok: false }>): FastifyReply {
  return reply.code(answer.status).send(answer.body);
}
