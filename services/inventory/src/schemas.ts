/**
 * JSON schemas of inventory's API (services/README.md). Fastify validates requests and
 * serializes answers with them, and the kit publishes them at /openapi.json.
 */
import { errorBodySchema } from '@strata/service-kit';
import { productIdPattern } from './domain.ts';

/** Bounds of the catalog's numbers, so that totals stay exact integers (below 2^53). */
export const limits = {
  maxPriceCents: 100_000_000,
  maxStock: 1_000_000_000,
  maxQuantity: 1000,
  maxItems: 50,
  maxNameLength: 200,
  maxDescriptionLength: 2000,
  defaultPageSize: 20,
  maxPageSize: 100,
} as const;

const uuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const productId = { type: 'string', pattern: productIdPattern, description: 'A slug, e.g. `hario-v60-dripper`.' } as const;
export const reservationId = { type: 'string', format: 'uuid', pattern: uuidPattern } as const;

export const product = {
  type: 'object',
  required: ['id', 'name', 'description', 'priceCents', 'currency', 'stock'],
  properties: {
    id: productId,
    name: { type: 'string' },
    description: { type: 'string' },
    priceCents: { type: 'integer', minimum: 0 },
    currency: { type: 'string', enum: ['EUR'] },
    stock: { type: 'integer', minimum: 0 },
  },
} as const;

export const productBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'priceCents', 'stock'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: limits.maxNameLength },
    description: { type: 'string', maxLength: limits.maxDescriptionLength },
    priceCents: { type: 'integer', minimum: 0, maximum: limits.maxPriceCents },
    stock: { type: 'integer', minimum: 0, maximum: limits.maxStock },
  },
} as const;

export const productPage = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: product },
    nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
  },
} as const;

export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: limits.maxPageSize, default: limits.defaultPageSize },
    cursor: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' },
  },
} as const;

export const productParams = {
  type: 'object',
  required: ['id'],
  properties: { id: productId },
} as const;

export const reservationParams = {
  type: 'object',
  required: ['id'],
  properties: { id: reservationId },
} as const;

export const reservationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reservationId', 'items'],
  properties: {
    reservationId,
    items: {
      type: 'array',
      minItems: 1,
      maxItems: limits.maxItems,
      description: 'Each product at most once.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['productId', 'quantity'],
        properties: {
          productId,
          quantity: { type: 'integer', minimum: 1, maximum: limits.maxQuantity },
        },
      },
    },
  },
} as const;

export const reservation = {
  type: 'object',
  required: ['reservationId', 'status', 'items', 'totalCents'],
  properties: {
    reservationId: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['reserved', 'released', 'committed'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['productId', 'quantity', 'unitPriceCents'],
        properties: {
          productId: { type: 'string' },
          quantity: { type: 'integer' },
          unitPriceCents: { type: 'integer' },
        },
      },
    },
    totalCents: { type: 'integer' },
  },
} as const;

/** Every error answer: the kit's `{ error, message, details? }`. */
export const errorAnswer = (description: string): ReturnType<typeof errorBodySchema> => errorBodySchema(description);
