import { fileURLToPath } from 'node:url';
import type { ServiceDefinition } from '@strata/service-kit';
import { config } from './config.ts';
import { registerRoutes } from './routes.ts';

/** The shop's orders: placed exactly once per Idempotency-Key, with stock reserved in inventory. */
export const ordersService: ServiceDefinition<typeof config> = {
  name: 'orders',
  version: '0.1.0',
  description: "The shop's orders: each placed exactly once per Idempotency-Key, with its stock reserved in inventory, then cancelled or fulfilled.",
  config,
  migrations: fileURLToPath(new URL('../migrations/', import.meta.url)),
  routes: registerRoutes,
};
