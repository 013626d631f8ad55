import { fileURLToPath } from 'node:url';
import type { ServiceDefinition } from '@strata/service-kit';
import { config } from './config.ts';
import { registerRoutes } from './routes.ts';

/** The shop's catalog and stock: products, and reservations that hold stock for orders. */
export const inventoryService: ServiceDefinition<typeof config> = {
  name: 'inventory',
  version: '0.1.0',
  description: "The shop's catalog and stock: products, and reservations that hold stock for orders without ever overselling.",
  config,
  migrations: fileURLToPath(new URL('../migrations/', import.meta.url)),
  routes: registerRoutes,
};
