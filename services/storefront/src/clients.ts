import { HttpError, UpstreamError, type ErrorBody, type HttpClient, type HttpResponse } from '@strata/service-kit';

/** A product as inventory keeps it (services/README.md). */
export interface InventoryProduct {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly priceCents: number;
  readonly currency: 'EUR';
  readonly stock: number;
}

export interface ProductPage {
  readonly items: readonly InventoryProduct[];
  readonly nextCursor: string | null;
}

export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
}

/** What a customer sends to place an order. */
export interface OrderRequest {
  readonly customerId: string;
  readonly items: readonly OrderLine[];
}

export type OrderStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'fulfilled';

/** An order as the orders service answers it. */
export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly items: ReadonlyArray<OrderLine & { readonly unitPriceCents: number | null }>;
  readonly totalCents: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * An upstream's answer the caller acts on: a success, or a 4xx error passed on as is.
 * 5xx answers and transport failures never come back as an Answer: they throw 503
 * `upstream_unavailable` (see {@link unavailable}).
 */
export type Answer<T> =
  | { readonly ok: true; readonly status: number; readonly body: T }
  | { readonly ok: false; readonly status: number; readonly body: ErrorBody };

export interface ListProductsQuery {
  /** 1–100. @default - inventory's default (20) */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface InventoryClient {
  listProducts(query?: ListProductsQuery): Promise<Answer<ProductPage>>;
  getProduct(id: string): Promise<Answer<InventoryProduct>>;
}

export interface OrdersClient {
  /** POST /orders with the Idempotency-Key that makes a retry safe. */
  placeOrder(idempotencyKey: string, order: OrderRequest): Promise<Answer<Order>>;
  getOrder(id: string): Promise<Answer<Order>>;
}

/** Inventory's read API, over the kit's client (timeouts, retries, breaker, spans). */
export function createInventoryClient(http: HttpClient, upstream = 'inventory'): InventoryClient {
  return {
    listProducts: (query = {}) => {
      const search = new URLSearchParams();
      if (query.limit !== undefined) search.set('limit', String(query.limit));
      if (query.cursor !== undefined) search.set('cursor', query.cursor);
      const qs = search.toString();
      return call<ProductPage>(http, upstream, { method: 'GET', path: qs === '' ? '/products' : `/products?${qs}` });
    },
    getProduct: (id) => call<InventoryProduct>(http, upstream, { method: 'GET', path: `/products/${encodeURIComponent(id)}` }),
  };
}

/** The orders API the storefront uses. */
export function createOrdersClient(http: HttpClient, upstream = 'orders'): OrdersClient {
  return {
    placeOrder: (idempotencyKey, order) =>
      call<Order>(http, upstream, { method: 'POST', path: '/orders', headers: { 'idempotency-key': idempotencyKey }, body: order }),
    getOrder: (id) => call<Order>(http, upstream, { method: 'GET', path: `/orders/${encodeURIComponent(id)}` }),
  };
}

type Request = Parameters<HttpClient['request']>[0];

async function call<T>(http: HttpClient, upstream: string, request: Request): Promise<Answer<T>> {
  let response: HttpResponse<unknown>;
  try {
    response = await http.request<unknown>(request);
  } catch (error) {
    // The kit's message already names the upstream: "orders is unreachable: …", "… did not answer within …".
    if (error instanceof UpstreamError) throw unavailable(upstream, error.message, { failure: error.failure });
    throw error;
  }
  const { status, body } = response;
  if (status >= 200 && status < 300 && isObject(body)) return { ok: true, status, body: body as T };
  if (status >= 400 && status < 500 && isErrorBody(body)) return { ok: false, status, body };
  // A 5xx, a redirect, or an answer that is not the API's JSON: the upstream is not usable.
  const cause = isErrorBody(body) ? ` (${body.error}: ${body.message})` : '';
  throw unavailable(upstream, `${upstream} answered ${request.method} ${request.path.split('?', 1)[0]} with ${status}${cause}`, {
    status,
    ...(isErrorBody(body) ? { upstreamError: body.error } : {}),
  });
}

/**
 * The storefront's answer when an upstream cannot serve: 503 `upstream_unavailable`, the
 * upstream named in the message (which starts with its name) and in `details.upstream`.
 */
export function unavailable(upstream: string, message: string, details: Record<string, unknown> = {}): HttpError {
  return new HttpError(503, 'upstream_unavailable', message, { upstream, ...details });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return isObject(value) && typeof value.error === 'string' && typeof value.message === 'string';
}
