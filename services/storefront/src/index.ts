export { storefrontConfig, storefrontService } from './service.ts';
export {
  createInventoryClient,
  createOrdersClient,
  unavailable,
  type Answer,
  type InventoryClient,
  type InventoryProduct,
  type ListProductsQuery,
  type Order,
  type OrderLine,
  type OrderRequest,
  type OrdersClient,
  type OrderStatus,
  type ProductPage,
} from './clients.ts';
export { registerStorefrontRoutes, toOrderView, toProductView, type OrderView, type ProductView, type StorefrontUpstreams } from './routes.ts';
