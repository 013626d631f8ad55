/**
 * Checking out through the storefront: place an order with an Idempotency-Key, then read it
 * back. Orders need stock: seed the catalog first (see README.md); a 409 insufficient_stock
 * is an expected answer once it runs out and does not count as a failed request.
 * `k6 run tests/load/checkout.ts -e BASE_URL=https://shop.stage.strata.example.com -e PRODUCT_IDS=hario-v60-dripper,v60-paper-filters`
 */
import { check, sleep } from 'k6';
import { randomBytes } from 'k6/crypto';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { availabilityThreshold, checkoutP99Ms, p99Threshold } from './slo.ts';

const baseUrl = (__ENV.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const productIds = (__ENV.PRODUCT_IDS ?? 'hario-v60-dripper,v60-paper-filters,ethiopia-yirgacheffe-250g').split(',').filter((id) => id !== '');

export const options: Options = {
  scenarios: {
    checkout: {
      // k6 runs this named export; the house style has no default exports.
      exec: 'checkout',
      executor: 'ramping-arrival-rate',
      startRate: 1,
      timeUnit: '1s',
      preAllocatedVUs: 10,
      maxVUs: 100,
      stages: [
        { duration: '30s', target: 10 },
        { duration: '2m', target: 10 },
        { duration: '30s', target: 0 },
      ],
    },
  },
  thresholds: {
    http_req_failed: [availabilityThreshold],
    http_req_duration: [p99Threshold(checkoutP99Ms)],
    checks: ['rate>0.999'],
  },
};

interface Order {
  readonly id: string;
  readonly status: string;
}

/** A random (version 4) UUID: one Idempotency-Key per checkout. */
function uuidv4(): string {
  const bytes = new Uint8Array(randomBytes(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** 201 placed, 200 replayed, 409 out of stock: all are the API working as specified. */
const placeAnswers = http.expectedStatuses(200, 201, 409);

export function checkout(): void {
  const productId = productIds[Math.floor(Math.random() * productIds.length)] ?? 'hario-v60-dripper';
  const key = uuidv4();
  const placed = http.post(
    `${baseUrl}/orders`,
    JSON.stringify({ customerId: `load-${__VU}`, items: [{ productId, quantity: 1 }] }),
    {
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      responseCallback: placeAnswers,
      tags: { name: 'POST /orders' },
    },
  );
  check(placed, {
    'place: 201, or 409 when sold out': (r) => r.status === 201 || r.status === 409,
    'place: key echoed': (r) => r.headers['Idempotency-Key'] === key,
  });
  if (placed.status !== 201) return;

  const order = placed.json() as unknown as Order;
  const read = http.get(`${baseUrl}/orders/${order.id}`, { tags: { name: 'GET /orders/:id' } });
  check(read, {
    'read: status is 200': (r) => r.status === 200,
    'read: same order': (r) => (r.json() as unknown as Order | null)?.id === order.id,
  });
  sleep(1);
}
