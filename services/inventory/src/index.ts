export { inventoryService } from './service.ts';
export { config } from './config.ts';
export { demoCatalog } from './demo-catalog.ts';
export {
  decodeProductCursor,
  encodeProductCursor,
  findDuplicateProduct,
  normalizeItems,
  productIdPattern,
  reservationTransition,
  sameItems,
  totalCents,
  type ItemRequest,
  type Reservation,
  type ReservationStatus,
  type ReservedItem,
} from './domain.ts';
