/**
 * JSON schemas of orders' API (services/README.md). Fastify validates requests and
 * serializes answers with them, and the kit publishes them at /openapi.json.
 */
import { errorBodySchema } from '@strata/service-kit';
import { orderStatuses } from './domain.ts';

export const limits = {
  maxQuantity: 1000,
  maxItems: 50,
  maxCustomerIdLength: 100,
  maxIdempotencyKeyLength: 200,
  defaultPageSize: 20,
  maxPageSize: 100,
} as const;

const uuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** Printable ASCII, no leading or trailing space (HTTP trims those anyway). */
const idempotencyKeyPattern = '^[\\x21-\\x7E](?:[\\x20-\\x7E]*[\\x21-\\x7E])?$';
/** Any text without control characters. */
const customerIdPattern = '^[^\\x00-\\x1F\\x7F]+$';

const productId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: "Inventory's product id, a slug." } as const;
const customerId = { type: 'string', minLength: 1, maxLength: limits.maxCustomerIdLength, pattern: customerIdPattern } as const;

export const placeOrderHeaders = {
  type: 'object',
  required: ['idempotency-key'],
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 1,
      maxLength: limits.maxIdempotencyKeyLength,
      pattern: idempotencyKeyPattern,
      description: 'One key per order the client means to place (e.g. a UUID); retries send the same key.',
    },
  },
} as const;

export const placeOrderBody = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'items'],
  properties: {
    customerId,
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

export const order = {
  type: 'object',
  required: ['id', 'customerId', 'status', 'items', 'totalCents', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    customerId: { type: 'string' },
    status: { type: 'string', enum: [...orderStatuses] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['productId', 'quantity', 'unitPriceCents'],
        properties: {
          productId: { type: 'string' },
          quantity: { type: 'integer' },
          unitPriceCents: { type: ['integer', 'null'], description: 'Null until inventory has reserved the line.' },
        },
      },
    },
    totalCents: { type: ['integer', 'null'], description: 'Null while any line has no price.' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const orderPage = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: order },
    nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    customerId,
    limit: { type: 'integer', minimum: 1, maximum: limits.maxPageSize, default: limits.defaultPageSize },
    cursor: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' },
  },
} as const;

export const orderParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid', pattern: uuidPattern } },
} as const;

/** Every error answer: the kit's `{ error, message, details? }`. */
export const errorAnswer = (description: string): ReturnType<typeof errorBodySchema> => errorBodySchema(description);
