// pack.*: the Pack screen's view of one order (what is left on each line, what shipped and was
// cancelled, who did it), what a scan means there, and the writes it makes through the outbox.
import { z } from 'zod';
import { CANCELLATION_REASONS, CARRIERS } from '../../common/feedamp-enums';
import { method } from './define';
import { orderViewSchema } from './orders';
import { outboxEntryViewSchema } from './outbox';

const orderId = z.string().regex(/^\d+$/);
const recordId = z.string().regex(/^\d+$/);
const lineQuantities = z
  .array(
    z.object({
      lineId: z.string().regex(/^\d+$/),
      quantity: z.number().int().min(1, 'At least one unit'),
    }),
  )
  .min(1, 'Choose at least one line');

const lineProgressSchema = z.object({
  lineId: z.string(),
  ordered: z.number(),
  shipped: z.number(),
  cancelled: z.number(),
  queued: z.number(),
  left: z.number(),
  excess: z.number(),
});
export type LineProgressView = z.infer<typeof lineProgressSchema>;

/** Who did it, from this station's outbox (FeedAMP does not record stations or packers). */
const auditSchema = z.object({
  station: z.string().optional(),
  packer: z.string().optional(),
  at: z.string(),
  state: z.string(),
});

const packRecordSchema = z.object({
  /** FeedAMP's id; absent while the record only waits in the outbox. */
  id: z.string().optional(),
  /** Outbox entry id when this station made it. */
  entryId: z.string().optional(),
  kind: z.enum(['fulfillment', 'cancellation']),
  /** 'uploaded': on FeedAMP; 'queued': waiting in the outbox; 'attention': FeedAMP refused it. */
  status: z.enum(['uploaded', 'queued', 'attention']),
  lines: z.array(z.object({ lineId: z.string(), quantity: z.number() })),
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
  trackingUrl: z.string().optional(),
  shippedDate: z.string().optional(),
  reason: z.string().optional(),
  /** A change or delete of this record waits in the outbox. */
  pendingChange: z.enum(['update', 'delete']).optional(),
  audit: auditSchema.optional(),
});
export type PackRecord = z.infer<typeof packRecordSchema>;

const packStateSchema = z.object({
  orderId: z.string(),
  lines: z.array(lineProgressSchema),
  records: z.array(packRecordSchema),
  /** When FeedAMP's fulfillments and cancellations were last read (absent: never). */
  refreshedAt: z.string().optional(),
  /** Shipping is not allowed: the sentence says why. */
  blocked: z.string().optional(),
  /** Nothing may be written for this order (ship, cancel, fix, refund): `blocked` says why. */
  readOnly: z.boolean().optional(),
  complete: z.boolean(),
});
export type PackState = z.infer<typeof packStateSchema>;

const carrierCandidateSchema = z.object({
  carrier: z.enum(CARRIERS),
  service: z.string(),
  checkDigit: z.enum(['valid', 'none']),
  trackingUrl: z.string().optional(),
});
export type CarrierCandidateView = z.infer<typeof carrierCandidateSchema>;

const scanResultSchema = z.discriminatedUnion('kind', [
  /** A pick list's wave barcode: the page starts that wave. */
  z.object({ kind: z.literal('wave'), code: z.string(), waveId: z.number() }),
  z.object({ kind: z.literal('order'), code: z.string(), orderIds: z.array(z.string()) }),
  z.object({
    kind: z.literal('item'),
    code: z.string(),
    orderId: z.string(),
    lineIds: z.array(z.string()),
    /** Units one scan of this code stands for (a learned case); absent: one. */
    units: z.number().int().min(1).max(9999).optional(),
  }),
  z.object({
    kind: z.literal('tracking'),
    code: z.string(),
    trackingNumber: z.string(),
    candidates: z.array(carrierCandidateSchema),
    /** A sentence when the number is already on another order (a warning, not a refusal). */
    usedElsewhere: z.string().optional(),
  }),
  z.object({
    kind: z.literal('unknown'),
    code: z.string(),
    reason: z.enum(['wrong-item', 'no-open-order', 'unrecognised', 'empty']),
    /** One sentence for the packer. */
    message: z.string(),
    /** The code may be learned as an alias (a valid GTIN or free text that matches nothing). */
    learnable: z.boolean(),
    /**
     * The code is a GTIN-14 case of an item on the open order (its packaging indicator wraps the
     * item's GTIN): learn it as that line's SKU, asking only how many units it holds.
     */
    caseOf: z.object({ lineId: z.string(), sku: z.string() }).optional(),
  }),
]);
export type ScanResult = z.infer<typeof scanResultSchema>;

const packShipInputSchema = z
  .object({
    orderId,
    lines: lineQuantities,
    carrier: z.enum(CARRIERS, { message: 'Choose a carrier from the list' }),
    trackingNumber: z.string().trim().min(1, 'Scan or type the tracking number').max(100),
    shippedDate: z.string().optional(),
    trackingUrl: z.string().url().optional(),
  })
  .strict();
export type PackShipInput = z.infer<typeof packShipInputSchema>;

const writeResult = z.object({ entry: outboxEntryViewSchema, state: packStateSchema });

export const packMethods = {
  /** The order, its progress (last known at once; FeedAMP is asked in the background). */
  'pack.open': method(
    z.object({ orderId }).strict(),
    z.object({ order: orderViewSchema, state: packStateSchema }),
  ),
  /** Reads FeedAMP's fulfillments and cancellations of the order now (when online). */
  'pack.refresh': method(z.object({ orderId }).strict(), packStateSchema),
  'pack.scan': method(
    z.object({ code: z.string().max(200), openOrderId: orderId.nullable() }).strict(),
    scanResultSchema,
  ),
  /** Refreshes from FeedAMP first when online; refuses units another station already shipped. */
  'pack.ship': method(packShipInputSchema, writeResult),
  'pack.cancel': method(
    z
      .object({
        orderId,
        lines: lineQuantities,
        reason: z.enum(CANCELLATION_REASONS, { message: 'Choose a reason from the list' }),
      })
      .strict(),
    writeResult,
  ),
  'pack.updateFulfillment': method(
    z
      .object({
        orderId,
        fulfillmentId: recordId,
        lines: lineQuantities,
        carrier: z.enum(CARRIERS),
        trackingNumber: z.string().trim().min(1).max(100),
        shippedDate: z.string().optional(),
        confirmed: z.literal(true),
      })
      .strict(),
    writeResult,
  ),
  'pack.updateCancellation': method(
    z
      .object({
        orderId,
        cancellationId: recordId,
        lines: lineQuantities,
        reason: z.enum(CANCELLATION_REASONS),
        confirmed: z.literal(true),
      })
      .strict(),
    writeResult,
  ),
  'pack.deleteRecord': method(
    z
      .object({
        orderId,
        kind: z.enum(['fulfillment', 'cancellation']),
        id: recordId,
        confirmed: z.literal(true),
      })
      .strict(),
    writeResult,
  ),
  /**
   * Keeps `code` as another name of `sku` (settings.aliases), standing for `units` of it (a case;
   * absent: one); scans use it from then on.
   */
  'pack.learnAlias': method(
    z
      .object({
        code: z.string().trim().min(1).max(200),
        sku: z.string().min(1).max(200),
        units: z
          .number({ message: 'Units in this code is a number' })
          .int('Units in this code is a whole number')
          .min(1, 'A code holds at least 1 unit')
          .max(9999, 'A code holds at most 9999 units')
          .optional(),
      })
      .strict(),
    z.object({ aliases: z.number() }),
  ),
} as const;

export const packEvents = {
  /** An order's progress changed (an upload finished, a refresh landed, a write was queued). */
  'pack.state': packStateSchema,
} as const;

export { CANCELLATION_REASONS, CARRIERS };
export type { CancellationReason, Carrier } from '../../common/feedamp-enums';
