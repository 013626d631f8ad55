import type { ServiceSloSpec, ServiceSpec } from '@strata/model';
import { shopObjectives } from './slos.ts';

/** Availability and latency SLOs over 30 days, from the shorthands of the telemetry contract. */
function slosOf(objectives: (typeof shopObjectives)[keyof typeof shopObjectives]): ServiceSloSpec[] {
  return [{ availability: objectives.availability }, { latency: objectives.latency }];
}

/** The shop: the sample services of the golden path (see services/). */
export const shopServices: readonly ServiceSpec[] = [
  {
    name: 'storefront',
    team: 'shop',
    slos: slosOf(shopObjectives.storefront),
    image: { repository: 'ghcr.io/strata-platform/storefront', tag: '0.1.0' },
    calls: ['orders', 'inventory'],
    env: { ORDERS_URL: 'http://orders.shop.svc:8080', INVENTORY_URL: 'http://inventory.shop.svc:8080' },
    environments: {
      dev: { expose: { type: 'public', host: 'shop.dev.strata.example.com' } },
      stage: { expose: { type: 'public', host: 'shop.stage.strata.example.com' } },
      prod: { expose: { type: 'public', host: 'shop.strata.example.com' } },
    },
  },
  {
    name: 'orders',
    team: 'shop',
    slos: slosOf(shopObjectives.orders),
    image: { repository: 'ghcr.io/strata-platform/orders', tag: '0.1.0' },
    calls: ['inventory'],
    database: { engine: 'postgres', storage: '10Gi' },
    env: {
      INVENTORY_URL: 'http://inventory.shop.svc:8080',
      DATABASE_URL: { secret: 'orders-db', key: 'url' },
    },
  },
  {
    name: 'inventory',
    team: 'shop',
    slos: slosOf(shopObjectives.inventory),
    image: { repository: 'ghcr.io/strata-platform/inventory', tag: '0.1.0' },
    database: { engine: 'postgres', storage: '10Gi' },
    env: { DATABASE_URL: { secret: 'inventory-db', key: 'url' } },
  },
];
