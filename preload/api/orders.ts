// orders.* and sync.*: the station's cached orders and the sync that keeps them fresh.
import { z } from 'zod';
import { method } from './define';
import { noInput } from './app';

/** One row of the Orders list: everything the list searches, filters and sorts on. */
const orderSummarySchema = z.object({
  id: z.string(),
  marketplaceOrderNumber: z.string().optional(),
  customerOrderNumber: z.string().optional(),
  merchantOrderNumber: z.string().optional(),
  marketplace: z.string().optional(),
  locationId: z.string().optional(),
  locationName: z.string().optional(),
  state: z.string().optional(),
  shipBy: z.string().optional(),
  customerName: z.string().optional(),
  lineCount: z.number(),
  unitCount: z.number(),
  skus: z.array(z.string()),
  names: z.array(z.string()),
  /** The order no longer matches the sync filter (shipped elsewhere, cancelled…). */
  leftFilter: z.boolean(),
  cancelledByMarketplace: z.boolean(),
  /** The marketplace ships this order itself (e.g. Amazon FBA): nothing to pack, no write. */
  marketplaceFulfilled: z.boolean().optional(),
  /** What the customer wrote: shown on the Orders list so a packer sees it before opening. */
  giftMessage: z.string().optional(),
  deliveryNotes: z.string().optional(),
  /** This station finished the order today: when it queued the last package or cancellation. */
  doneHereAt: z.string().optional(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

const addressViewSchema = z.object({
  name: z.string().optional(),
  lines: z.array(z.string()),
  phone: z.string().optional(),
});

const orderLineViewSchema = z.object({
  id: z.string(),
  sku: z.string().optional(),
  name: z.string().optional(),
  quantity: z.number(),
  /** Barcodes printed on the item (UPC/EAN from the line's additional properties). */
  codes: z.array(z.string()),
  location: z.string().optional(),
  unitPrice: z.number().optional(),
});

export const orderViewSchema = orderSummarySchema.extend({
  salesChannel: z.string().optional(),
  purchaseDate: z.string().optional(),
  earliestShipDate: z.string().optional(),
  stateChangedAt: z.string().optional(),
  shipTo: addressViewSchema.optional(),
  currency: z.string().optional(),
  lines: z.array(orderLineViewSchema),
});
export type OrderView = z.infer<typeof orderViewSchema>;

const syncReportSchema = z.object({
  kind: z.enum(['full', 'incremental']),
  pages: z.number(),
  orders: z.number(),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
  finishedAt: z.string(),
  durationMs: z.number(),
});

const syncStatusSchema = z.object({
  state: z.enum(['signed-out', 'idle', 'syncing', 'offline', 'error']),
  online: z.boolean(),
  cachedOrders: z.number(),
  lastSuccessAt: z.string().optional(),
  message: z.string().optional(),
  progress: z.object({ pages: z.number(), orders: z.number() }).optional(),
  lastReport: syncReportSchema.optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const ordersMethods = {
  /** The orders a packer may pack; marketplace-fulfilled ones only when asked for. */
  'orders.list': method(
    z.object({ includeMarketplaceFulfilled: z.boolean().optional() }).strict(),
    z.object({
      orders: z.array(orderSummarySchema),
      /** Set while the cached orders are still loading at start (count when known). */
      loading: z.object({ orders: z.number().optional() }).optional(),
    }),
  ),
  'orders.get': method(z.object({ id: z.string().min(1) }).strict(), orderViewSchema),
  /** An order number as scanned or typed → the order it opens, if any. */
  'orders.find': method(
    z.object({ code: z.string().min(1).max(200) }).strict(),
    z.object({ orderIds: z.array(z.string()) }),
  ),
  'sync.status': method(noInput, syncStatusSchema),
  'sync.now': method(noInput, syncStatusSchema),
} as const;

export const ordersEvents = {
  'sync.status': syncStatusSchema,
  /** Orders added or changed in the cache; the list refetches. */
  'orders.changed': z.object({ count: z.number() }),
} as const;
