/** Inventory's HTTP API, as services/README.md specifies it. */
import { HttpError, type ServiceDefinition } from '@strata/service-kit';
import type { config } from './config.ts';
import { demoCatalog } from './demo-catalog.ts';
import { decodeProductCursor, encodeProductCursor, findDuplicateProduct, sameItems, type ItemRequest } from './domain.ts';
import {
  errorAnswer,
  pageQuery,
  product,
  productBody,
  productPage,
  productParams,
  reservation,
  reservationBody,
  reservationParams,
} from './schemas.ts';
import { finishReservation, getProduct, getReservation, listProducts, putProduct, reserve, seedCatalog, type ProductFields } from './store.ts';

const badRequest = errorAnswer('A parameter, header or body field is invalid; the message names it.');
const productNotFound = errorAnswer('`product_not_found`: no product has this id.');
const reservationNotFound = errorAnswer('`reservation_not_found`: no reservation has this id.');
const invalidTransition = errorAnswer('`invalid_transition`: the reservation was already released or committed the other way.');

export const registerRoutes: ServiceDefinition<typeof config>['routes'] = async (app, context) => {
  const { db } = context;

  if (context.config.SEED_DEMO_DATA) {
    const inserted = await seedCatalog(db, demoCatalog);
    context.logger.info({ inserted }, inserted > 0 ? `seeded the demo catalog: ${inserted} products` : 'catalog not empty: demo data not seeded');
  }

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/products',
    {
      schema: {
        tags: ['products'],
        summary: 'List the catalog, ordered by id',
        operationId: 'listProducts',
        querystring: pageQuery,
        response: { 200: productPage, 400: badRequest },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const afterId = cursor === undefined ? undefined : decodeProductCursor(cursor);
      if (cursor !== undefined && afterId === undefined) {
        throw new HttpError(400, 'bad_request', `querystring/cursor: ${JSON.stringify(cursor)} is not a cursor from this API; pass the nextCursor of the previous page`);
      }
      const rows = await listProducts(db, afterId, limit + 1);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeProductCursor(last.id) : null };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/products/:id',
    {
      schema: {
        tags: ['products'],
        summary: 'Get one product',
        operationId: 'getProduct',
        params: productParams,
        response: { 200: product, 400: badRequest, 404: productNotFound },
      },
    },
    async (request) => {
      const found = await getProduct(db, request.params.id);
      if (found === undefined) throw productNotFoundError(request.params.id);
      return found;
    },
  );

  app.put<{ Params: { id: string }; Body: ProductFields }>(
    '/products/:id',
    {
      schema: {
        tags: ['products'],
        summary: 'Create or replace a product (catalog admin, test seeding)',
        operationId: 'putProduct',
        params: productParams,
        body: productBody,
        response: { 200: { ...product, description: 'Replaced.' }, 201: { ...product, description: 'Created.' }, 400: badRequest },
      },
    },
    async (request, reply) => {
      const { product: stored, created } = await putProduct(db, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(stored);
    },
  );

  app.post<{ Body: { reservationId: string; items: ItemRequest[] } }>(
    '/reservations',
    {
      schema: {
        tags: ['reservations'],
        summary: 'Reserve stock for every item, or for none',
        description: 'Idempotent by reservationId: a replay with the same items answers 200 with the reservation as it is now.',
        operationId: 'createReservation',
        body: reservationBody,
        response: {
          200: { ...reservation, description: 'A replay: this reservationId exists with the same items.' },
          201: { ...reservation, description: 'Reserved.' },
          400: badRequest,
          404: productNotFound,
          409: errorAnswer('`insufficient_stock` (details `{ productId, requested, available }`; nothing reserved) or `reservation_conflict` (the id exists with other items).'),
        },
      },
    },
    async (request, reply) => {
      const { items } = request.body;
      const duplicate = findDuplicateProduct(items);
      if (duplicate !== undefined) {
        throw new HttpError(400, 'bad_request', `${duplicate.path}: ${JSON.stringify(duplicate.productId)} is listed more than once; list each product once with its total quantity`);
      }
      const reservationId = request.body.reservationId.toLowerCase();
      const outcome = await reserve(db, reservationId, items);
      switch (outcome.kind) {
        case 'created':
          return reply.code(201).send(outcome.reservation);
        case 'existing':
          if (!sameItems(items, outcome.reservation.items)) {
            throw new HttpError(409, 'reservation_conflict', `reservation ${reservationId} exists with other items; use a new reservationId`, { reservationId });
          }
          return reply.code(200).send(outcome.reservation);
        case 'insufficient_stock': {
          const { productId, requested, available } = outcome;
          throw new HttpError(409, 'insufficient_stock', `${productId}: ${requested} requested, ${available} in stock; nothing was reserved`, { productId, requested, available });
        }
        case 'product_not_found':
          throw productNotFoundError(outcome.productId);
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/reservations/:id',
    {
      schema: {
        tags: ['reservations'],
        summary: 'Get one reservation',
        operationId: 'getReservation',
        params: reservationParams,
        response: { 200: reservation, 400: badRequest, 404: reservationNotFound },
      },
    },
    async (request) => {
      const found = await getReservation(db, request.params.id.toLowerCase());
      if (found === undefined) throw reservationNotFoundError(request.params.id);
      return found;
    },
  );

  for (const [action, to, other] of [
    ['release', 'released', 'committed'],
    ['commit', 'committed', 'released'],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/reservations/:id/${action}`,
      {
        schema: {
          tags: ['reservations'],
          summary: action === 'release' ? 'Release a reservation: its stock goes back, once' : 'Commit a reservation: its stock is sold',
          description: `Idempotent: a reservation already ${to} answers 200 as it is. One already ${other} answers 409 invalid_transition.`,
          operationId: `${action}Reservation`,
          params: reservationParams,
          response: { 200: reservation, 400: badRequest, 404: reservationNotFound, 409: invalidTransition },
        },
      },
      async (request) => {
        const outcome = await finishReservation(db, request.params.id.toLowerCase(), to);
        switch (outcome.kind) {
          case 'done':
            return outcome.reservation;
          case 'not_found':
            throw reservationNotFoundError(request.params.id);
          case 'invalid': {
            const from = outcome.reservation.status;
            throw new HttpError(409, 'invalid_transition', `reservation ${request.params.id} is ${from}; it cannot be ${to}`, { from, to });
          }
        }
      },
    );
  }
};

function productNotFoundError(productId: string): HttpError {
  return new HttpError(404, 'product_not_found', `no product has the id ${JSON.stringify(productId)}`, { productId });
}

function reservationNotFoundError(id: string): HttpError {
  return new HttpError(404, 'reservation_not_found', `no reservation has the id ${JSON.stringify(id)}`, { reservationId: id });
}
