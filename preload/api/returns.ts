// returns.* and order refunds: the returns desk (cached returns, their sync, operations and line
// refunds) and seller-initiated refunds on an order. Every write goes through the outbox.
import { z } from 'zod';
import { method } from './define';
import { noInput } from './app';
import { outboxEntryViewSchema } from './outbox';

const id = z.string().regex(/^\d+$/, 'must be a FeedAMP id (digits)');
const money = z
  .number()
  .finite()
  .min(0, 'An amount cannot be negative')
  .max(1_000_000, 'That amount is too large');

/** One row of the Returns list: everything the list searches, filters and sorts on. */
const returnSummarySchema = z.object({
  id: z.string(),
  rma: z.string().optional(),
  marketplaceReturnNumber: z.string().optional(),
  merchantReturnNumber: z.string().optional(),
  marketplaceOrderNumber: z.string().optional(),
  customerOrderNumber: z.string().optional(),
  orderId: z.string().optional(),
  marketplace: z.string().optional(),
  state: z.string().optional(),
  marketplaceState: z.string().optional(),
  returnType: z.string().optional(),
  customerName: z.string().optional(),
  requestDate: z.string().optional(),
  respondBy: z.string().optional(),
  stateChangedAt: z.string().optional(),
  lineCount: z.number(),
  unitCount: z.number(),
  skus: z.array(z.string()),
  trackingNumbers: z.array(z.string()),
  /** The return no longer matches the station's returns filter. */
  leftFilter: z.boolean(),
});
export type ReturnSummary = z.infer<typeof returnSummarySchema>;

const returnLineViewSchema = z.object({
  id: z.string(),
  orderLineId: z.string().optional(),
  sku: z.string().optional(),
  name: z.string().optional(),
  quantity: z.number(),
  reason: z.string().optional(),
  unitPrice: z.number().optional(),
  originalPrice: z.number().optional(),
  requestedRefund: z.number().optional(),
  labelCost: z.number().optional(),
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
  shippingExpected: z.boolean().optional(),
  destination: z.string().optional(),
  /** Most the item refund may be without an override (requested, else unit price × quantity). */
  maxItemRefund: z.number().optional(),
  /** Most the shipping refund may be without an override (the order line's shipping), if known. */
  maxShippingRefund: z.number().optional(),
  /** Already refunded or queued by this station (item + shipping). */
  refundedByStation: z.number(),
});
export type ReturnLineView = z.infer<typeof returnLineViewSchema>;

const returnOrderViewSchema = z.object({
  id: z.string().optional(),
  marketplaceOrderNumber: z.string().optional(),
  customerOrderNumber: z.string().optional(),
  purchaseDate: z.string().optional(),
  currency: z.string().optional(),
  state: z.string().optional(),
  lines: z.array(
    z.object({
      id: z.string().optional(),
      sku: z.string().optional(),
      name: z.string().optional(),
      quantity: z.number(),
      unitPrice: z.number().optional(),
      shippingPrice: z.number().optional(),
    }),
  ),
});

const returnViewSchema = returnSummarySchema.extend({
  preAuthorized: z.boolean().optional(),
  notes: z.string().optional(),
  customer: z
    .object({
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
  shipFrom: z.array(z.string()),
  lines: z.array(returnLineViewSchema),
  order: returnOrderViewSchema.optional(),
  /** Operations the station can run (FeedAMP lists none; `process` authorizes a return). */
  operations: z.array(z.object({ op: z.string(), label: z.string() })),
  /** Writes for this return still in the outbox or already uploaded. */
  activity: z.array(outboxEntryViewSchema),
  /** Where the view came from: FeedAMP just now, or this station's cache (offline). */
  source: z.enum(['feedamp', 'cache']),
});
export type ReturnView = z.infer<typeof returnViewSchema>;

const returnSyncStatusSchema = z.object({
  state: z.enum(['signed-out', 'idle', 'syncing', 'offline', 'error']),
  online: z.boolean(),
  cachedReturns: z.number(),
  lastSuccessAt: z.string().optional(),
  message: z.string().optional(),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })).optional(),
});
export type ReturnSyncStatus = z.infer<typeof returnSyncStatusSchema>;

const returnRefundLineInputSchema = z.object({
  lineId: id,
  itemRefund: money.optional(),
  shippingRefund: money.optional(),
  notes: z.string().trim().max(500).optional(),
  fullRefund: z.boolean().optional(),
});

const returnRefundInputSchema = z.object({
  returnId: id,
  lines: z.array(returnRefundLineInputSchema).min(1, 'Choose at least one line to refund'),
  /** Refund more than requested or paid: the person said so explicitly. */
  override: z.boolean().optional(),
});
export type ReturnRefundRequest = z.infer<typeof returnRefundInputSchema>;

const orderRefundLineInputSchema = z.object({
  lineId: id,
  quantity: z.number().int().min(1, 'Refund at least one unit').max(100_000),
  itemRefund: money.default(0),
  itemTaxRefund: money.default(0),
  shippingRefund: money.default(0),
  shippingTaxRefund: money.default(0),
  discountRefund: money.default(0),
  notes: z.string().trim().max(500).optional(),
});

const orderRefundInputSchema = z.object({
  orderId: id,
  reason: z.string().trim().min(1, 'Choose a reason').max(100),
  lines: z.array(orderRefundLineInputSchema).min(1, 'Choose at least one line to refund'),
  notes: z.string().trim().max(500).optional(),
  override: z.boolean().optional(),
});
export type OrderRefundRequest = z.infer<typeof orderRefundInputSchema>;

/** Reasons offered for an order refund (FeedAMP publishes none). */
export const ORDER_REFUND_REASONS = [
  'customer_return',
  'customer_cancelled',
  'damaged',
  'wrong_item',
  'price_error',
  'shipping_price_error',
  'tax_error',
  'other',
] as const;

const refundViewSchema = z.object({
  id: z.string().optional(),
  cpRefundNumber: z.string().optional(),
  /** sent: on FeedAMP; queued: in this station's outbox, not uploaded yet. */
  state: z.enum(['sent', 'queued', 'attention']),
  total: z.number(),
  lines: z.array(
    z.object({
      lineId: z.string().optional(),
      reason: z.string().optional(),
      quantity: z.number().optional(),
      total: z.number(),
    }),
  ),
});
export type RefundView = z.infer<typeof refundViewSchema>;

const refundableLineSchema = z.object({
  lineId: z.string(),
  sku: z.string().optional(),
  name: z.string().optional(),
  quantity: z.number(),
  unitPrice: z.number().optional(),
  paidItemTax: z.number(),
  paidShipping: z.number(),
  paidShippingTax: z.number(),
  refundedQuantity: z.number(),
  refundedTotal: z.number(),
});

const orderRefundsSchema = z.object({
  orderId: z.string(),
  currency: z.string().optional(),
  lines: z.array(refundableLineSchema),
  refunds: z.array(refundViewSchema),
  /** False when FeedAMP could not be asked: only this station's own refunds are listed. */
  online: z.boolean(),
  message: z.string().optional(),
});
export type OrderRefunds = z.infer<typeof orderRefundsSchema>;

export const returnsMethods = {
  'returns.list': method(noInput, z.object({ returns: z.array(returnSummarySchema) })),
  'returns.get': method(
    z.object({ id: id, includeOrder: z.boolean().default(true) }).strict(),
    returnViewSchema,
  ),
  /** An RMA, return number, order number or return tracking number → the returns it opens. */
  'returns.find': method(
    z.object({ code: z.string().trim().min(1).max(200) }).strict(),
    z.object({ returnIds: z.array(z.string()) }),
  ),
  'returns.status': method(noInput, returnSyncStatusSchema),
  'returns.sync': method(noInput, returnSyncStatusSchema),
  'returns.operation': method(
    z
      .object({
        returnId: id,
        op: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be an operation name'),
        body: z.record(z.string(), z.unknown()).default({}),
      })
      .strict(),
    outboxEntryViewSchema,
  ),
  'returns.refund': method(returnRefundInputSchema.strict(), outboxEntryViewSchema),
  'orders.refunds.list': method(z.object({ orderId: id }).strict(), orderRefundsSchema),
  'orders.refund': method(
    orderRefundInputSchema.strict(),
    z.object({ entry: outboxEntryViewSchema, cpRefundNumber: z.string() }),
  ),
} as const;

export const returnsEvents = {
  'returns.status': returnSyncStatusSchema,
  /** Returns added or changed in the cache; the list refetches. */
  'returns.changed': z.object({ count: z.number() }),
} as const;

/** What the returns sync asks for (Settings → returns). An empty list means "any". */
const stateName = z.string().trim().min(1).max(100);
// Lists, as the order filter's states are. Settings files of earlier versions hold
// comma-separated text: read back, it becomes the same list.
const storedStateList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  z.array(stateName).max(30).catch([]).default([]),
);

export const returnsSettingsSchema = z
  .object({
    /** normalized_marketplace_state values (e.g. PENDING_AUTHORIZATION). */
    normalizedStates: storedStateList,
    /** marketplace_state values as the marketplace names them. */
    marketplaceStates: storedStateList,
    returnType: z.enum(['', 'SHIP', 'IN_STORE', 'NO_RETURN']).catch('').default(''),
    /** The first sync fetches returns imported within this many days. */
    importedWithinDays: z.number().int().min(1).max(365).catch(60).default(60),
  })
  .prefault({});
export type ReturnsSettings = z.infer<typeof returnsSettingsSchema>;

/** The whole section at once (SettingsService replaces sections it does not merge). */
export const returnsSettingsPatchSchema = z.object({
  normalizedStates: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Z_]+$/, 'States are names like PENDING_AUTHORIZATION'),
    )
    .max(30),
  marketplaceStates: z.array(z.string().trim().min(1).max(100)).max(30),
  returnType: z.enum(['', 'SHIP', 'IN_STORE', 'NO_RETURN']),
  importedWithinDays: z.number().int().min(1, 'At least one day').max(365, 'At most a year'),
});
