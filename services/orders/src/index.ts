export { ordersService } from './service.ts';
export { config } from './config.ts';
export {
  canTransition,
  decodeOrderCursor,
  duplicateAction,
  encodeOrderCursor,
  findDuplicateProduct,
  invalidTransitionMessage,
  orderStatuses,
  orderTotalCents,
  requestFingerprint,
  type ItemRequest,
  type Order,
  type OrderItem,
  type OrderStatus,
  type PlaceOrderRequest,
} from './domain.ts';
