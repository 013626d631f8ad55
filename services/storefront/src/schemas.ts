/**
 * JSON schemas of the storefront's public API (services/README.md). Fastify validates
 * requests with them, serializes answers with them (unknown fields are dropped), and
 * the OpenAPI document at /openapi.json is built from them.
 */
import { errorBodySchema } from '@strata/service-kit';

export const productIdPattern = '^[a-z0-9][a-z0-9-]{0,62}$';

/** 1–200 printable ASCII characters, as orders requires. */
export const idempotencyKeyPattern = '^[\\x21-\\x7e]{1,200}$';

export const errorSchema = errorBodySchema();

export const productSchema = {
  type: 'object',
  required: ['id', 'name', 'description', 'priceCents', 'currency', 'inStock'],
  properties: {
    id: { type: 'string', pattern: productIdPattern },
    name: { type: 'string' },
    description: { type: 'string' },
    priceCents: { type: 'integer', minimum: 0 },
    currency: { type: 'string', enum: ['EUR'] },
    inStock: { type: 'boolean' },
  },
} as const;

export const productPageSchema = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: productSchema },
    nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
  },
} as const;

const orderLineSchema = {
  type: 'object',
  required: ['productId', 'quantity'],
  properties: {
    productId: { type: 'string', pattern: productIdPattern },
    quantity: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const;

export const orderRequestSchema = {
  type: 'object',
  required: ['customerId', 'items'],
  additionalProperties: false,
  properties: {
    customerId: { type: 'string', minLength: 1, maxLength: 100 },
    items: { type: 'array', minItems: 1, maxItems: 50, items: { ...orderLineSchema, additionalProperties: false } },
  },
} as const;

const pricedLineSchema = {
  type: 'object',
  required: ['productId', 'quantity', 'unitPriceCents'],
  properties: {
    ...orderLineSchema.properties,
    unitPriceCents: { type: ['integer', 'null'], description: 'null until inventory has priced the line.' },
  },
} as const;

const orderStatusSchema = { type: 'string', enum: ['pending', 'confirmed', 'rejected', 'cancelled', 'fulfilled'] } as const;

/** An order as orders answers POST /orders: passed through as is. */
export const placedOrderSchema = {
  type: 'object',
  required: ['id', 'customerId', 'status', 'items', 'totalCents', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    customerId: { type: 'string' },
    status: orderStatusSchema,
    items: { type: 'array', items: pricedLineSchema },
    totalCents: { type: ['integer', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** An order as the storefront shows it: without the customer's id. */
export const orderViewSchema = {
  type: 'object',
  required: ['id', 'status', 'items', 'totalCents', 'createdAt', 'updatedAt'],
  properties: {
    id: placedOrderSchema.properties.id,
    status: orderStatusSchema,
    items: placedOrderSchema.properties.items,
    totalCents: placedOrderSchema.properties.totalCents,
    createdAt: placedOrderSchema.properties.createdAt,
    updatedAt: placedOrderSchema.properties.updatedAt,
  },
} as const;

export const upstreamUnavailable = {
  ...errorSchema,
  description: '`upstream_unavailable`: inventory or orders could not answer; `details.upstream` names it.',
} as const;
