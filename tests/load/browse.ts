/**
 * Browsing the catalog through the storefront: list a page of products, then open one.
 * `k6 run tests/load/browse.ts -e BASE_URL=https://shop.stage.strata.example.com`
 */
import { check, sleep } from 'k6';
import http from 'k6/http';
import type { Options } from 'k6/options';
import { availabilityThreshold, browseP99Ms, p99Threshold } from './slo.ts';

const baseUrl = (__ENV.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');

export const options: Options = {
  scenarios: {
    browse: {
      // k6 runs this named export; the house style has no default exports.
      exec: 'browse',
      executor: 'ramping-arrival-rate',
      startRate: 5,
      timeUnit: '1s',
      preAllocatedVUs: 20,
      maxVUs: 200,
      stages: [
        { duration: '30s', target: 50 },
        { duration: '2m', target: 50 },
        { duration: '30s', target: 0 },
      ],
    },
  },
  thresholds: {
    http_req_failed: [availabilityThreshold],
    http_req_duration: [p99Threshold(browseP99Ms)],
    checks: ['rate>0.999'],
  },
};

interface ProductSummary {
  readonly id: string;
}

interface ProductPage {
  readonly items: readonly ProductSummary[];
  readonly nextCursor: string | null;
}

export function browse(): void {
  const page = http.get(`${baseUrl}/products?limit=20`, { tags: { name: 'GET /products' } });
  const listed = check(page, {
    'list: status is 200': (r) => r.status === 200,
    'list: has items': (r) => Array.isArray((r.json() as unknown as ProductPage | null)?.items),
  });
  if (!listed) return;

  const items = (page.json() as unknown as ProductPage).items;
  const pick = items[Math.floor(Math.random() * items.length)];
  if (pick !== undefined) {
    const product = http.get(`${baseUrl}/products/${encodeURIComponent(pick.id)}`, { tags: { name: 'GET /products/:id' } });
    check(product, { 'product: status is 200': (r) => r.status === 200 });
  }
  sleep(1);
}
