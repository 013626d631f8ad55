/**
 * The calls orders makes to inventory (services/README.md), each answer turned into an
 * outcome orders acts on. An answer that says inventory is unwell (5xx) is a 503
 * upstream_unavailable; one that can only come from a bug (400, an unknown error code)
 * is thrown as an Error, so that it is logged and answered 500.
 */
import { HttpError, type HttpClient, type HttpResponse } from '@strata/service-kit';
import type { ItemRequest } from './domain.ts';

export interface ReservedLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export type ReserveOutcome =
  | { readonly kind: 'reserved'; readonly status: 'reserved' | 'released' | 'committed'; readonly items: readonly ReservedLine[] }
  | { readonly kind: 'insufficient_stock'; readonly message: string; readonly productId: string; readonly requested: number; readonly available: number }
  | { readonly kind: 'product_not_found'; readonly message: string; readonly productId: string };

/** `not_found`: inventory has no such reservation; `invalid`: it went the other way (released vs committed). */
export type FinishOutcome = { readonly kind: 'done' } | { readonly kind: 'not_found' } | { readonly kind: 'invalid'; readonly from: string };

export interface InventoryClient {
  /** Reserves the order's lines under the order's id: inventory makes a repeat harmless. */
  reserve(orderId: string, items: readonly ItemRequest[]): Promise<ReserveOutcome>;
  release(orderId: string): Promise<FinishOutcome>;
  commit(orderId: string): Promise<FinishOutcome>;
}

interface ErrorBody {
  readonly error?: string;
  readonly message?: string;
  readonly details?: Record<string, unknown>;
}

export function createInventoryClient(http: HttpClient): InventoryClient {
  // Every call is idempotent on inventory's side; the Idempotency-Key header tells the
  // kit's client it may retry a POST after a timeout or a 502/503/504.
  const post = <T>(path: string, key: string, body?: unknown): Promise<HttpResponse<T | undefined>> =>
    http.request<T | undefined>({ method: 'POST', path, headers: { 'idempotency-key': key }, body });

  const finish = async (orderId: string, action: 'release' | 'commit'): Promise<FinishOutcome> => {
    const response = await post<ErrorBody>(`/reservations/${orderId}/${action}`, `${action}-${orderId}`);
    const body = response.body ?? {};
    if (response.status === 200) return { kind: 'done' };
    if (response.status === 404 && body.error === 'reservation_not_found') return { kind: 'not_found' };
    if (response.status === 409 && body.error === 'invalid_transition') return { kind: 'invalid', from: String(body.details?.from ?? 'unknown') };
    throw unexpected(`POST /reservations/${orderId}/${action}`, response);
  };

  return {
    async reserve(orderId, items) {
      const response = await post<ErrorBody & { status?: 'reserved' | 'released' | 'committed'; items?: ReservedLine[] }>('/reservations', orderId, {
        reservationId: orderId,
        items: items.map(({ productId, quantity }) => ({ productId, quantity })),
      });
      const body = response.body ?? {};
      if ((response.status === 201 || response.status === 200) && Array.isArray(body.items) && body.status !== undefined) {
        return { kind: 'reserved', status: body.status, items: body.items };
      }
      if (response.status === 409 && body.error === 'insufficient_stock') {
        const details = body.details ?? {};
        return {
          kind: 'insufficient_stock',
          message: body.message ?? 'insufficient stock',
          productId: String(details.productId),
          requested: Number(details.requested),
          available: Number(details.available),
        };
      }
      if (response.status === 404 && body.error === 'product_not_found') {
        return { kind: 'product_not_found', message: body.message ?? 'product not found', productId: String(body.details?.productId) };
      }
      throw unexpected('POST /reservations', response);
    },
    release: (orderId) => finish(orderId, 'release'),
    commit: (orderId) => finish(orderId, 'commit'),
  };
}

function unexpected(call: string, response: HttpResponse<ErrorBody | undefined>): Error {
  const what = `inventory answered ${call} with ${response.status} ${response.body?.error ?? ''}`.trim();
  if (response.status >= 500) return new HttpError(503, 'upstream_unavailable', `${what}: ${response.body?.message ?? 'no message'}`);
  return new Error(`${what}: ${JSON.stringify(response.body)}`);
}
