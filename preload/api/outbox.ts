// outbox.* and the writes that go through it (fulfillments, cancellations, confirmations).
// Every write is queued durably first and uploaded by the outbox, online or not.
import { z } from 'zod';
import { CANCELLATION_REASONS, CARRIERS } from '../../common/feedamp-enums';
import { method } from './define';
import { noInput } from './app';

const outboxCountsSchema = z.object({
  queued: z.number(),
  sending: z.number(),
  attention: z.number(),
  sentToday: z.number(),
  online: z.boolean(),
  draining: z.boolean(),
  /** Nothing can upload until the packer acts (e.g. FeedAMP refused the password). */
  blocked: z.string().optional(),
});
export type OutboxCounts = z.infer<typeof outboxCountsSchema>;

export const outboxEntryViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  orderId: z.string().optional(),
  returnId: z.string().optional(),
  description: z.string(),
  state: z.enum(['pending', 'sending', 'sent', 'attention', 'discarded']),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  error: z.string().optional(),
  note: z.string().optional(),
  resultId: z.string().optional(),
  /** Lines and units, for fulfillments and cancellations. */
  lines: z.array(z.object({ lineId: z.string(), quantity: z.number() })),
  trackingNumber: z.string().optional(),
  carrier: z.string().optional(),
  reason: z.string().optional(),
  station: z.string().optional(),
  packer: z.string().optional(),
  /**
   * A sent shipment FeedAMP shows past the ordered quantity with another station's: what the
   * packer reads ("PL-TEE-BLK-S: 3 shipped of 2 ordered — this station's package (tracking 1Z…)
   * and another (tracking 9400…)."). Counted as needing attention until withdrawn or kept.
   */
  overShipped: z.string().optional(),
  /** How the packer settled an over-shipment. */
  overShipSettled: z.enum(['withdrawn', 'kept']).optional(),
});
export type OutboxEntryView = z.infer<typeof outboxEntryViewSchema>;

const lineQuantities = z
  .array(
    z.object({
      lineId: z.string().regex(/^\d+$/),
      quantity: z.number().int().min(1, 'At least one unit'),
    }),
  )
  .min(1, 'Choose at least one line');

export const shipmentInputSchema = z.object({
  orderId: z.string().regex(/^\d+$/),
  lines: lineQuantities,
  carrier: z.enum(CARRIERS, { message: 'Choose a carrier from the list' }),
  trackingNumber: z.string().trim().min(1, 'Scan or type the tracking number').max(100),
  /** RFC 3339; defaults to now. */
  shippedDate: z.string().optional(),
  trackingUrl: z.string().url().optional(),
});
export type ShipmentInput = z.infer<typeof shipmentInputSchema>;

const csvRefusalSchema = z.object({
  orderNumber: z.string(),
  trackingNumber: z.string(),
  reason: z.string(),
});
/** A CSV package not queued because another station has its order (warehouse mode). */
export type CsvRefusal = z.infer<typeof csvRefusalSchema>;

const cancellationInputSchema = z.object({
  orderId: z.string().regex(/^\d+$/),
  lines: lineQuantities,
  reason: z.enum(CANCELLATION_REASONS, { message: 'Choose a reason from the list' }),
});

const csvRowViewSchema = z.object({
  row: z.number(),
  orderNumber: z.string(),
  item: z.string(),
  quantity: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  shipDate: z.string(),
  orderId: z.string().optional(),
  lineId: z.string().optional(),
  errors: z.array(z.string()),
});
export type CsvRowView = z.infer<typeof csvRowViewSchema>;

const csvPreviewSchema = z.object({
  rows: z.array(csvRowViewSchema),
  validRows: z.number(),
  packages: z.number(),
  /** A problem with the file as a whole (missing columns…). */
  fileError: z.string().optional(),
});

export const outboxMethods = {
  'outbox.status': method(noInput, outboxCountsSchema),
  'outbox.list': method(noInput, z.object({ entries: z.array(outboxEntryViewSchema) })),
  'outbox.uploadNow': method(noInput, outboxCountsSchema),
  'outbox.retry': method(z.object({ id: z.string() }).strict(), outboxEntryViewSchema),
  /** Discarding is final: the renderer asks the packer first; main logs it. */
  'outbox.discard': method(
    z.object({ id: z.string(), confirmed: z.literal(true) }).strict(),
    outboxEntryViewSchema,
  ),
  /**
   * An over-shipped package: queue the delete of this station's shipment on FeedAMP (through
   * the outbox, like every write). Answers the shipment's entry, now settled as withdrawn.
   */
  'outbox.withdraw': method(z.object({ id: z.string() }).strict(), outboxEntryViewSchema),
  /** An over-shipped package stays on FeedAMP as it is; the renderer asks the packer first. */
  'outbox.keepBoth': method(
    z.object({ id: z.string(), confirmed: z.literal(true) }).strict(),
    outboxEntryViewSchema,
  ),
  'outbox.fixShipment': method(
    z
      .object({
        id: z.string(),
        carrier: z.enum(CARRIERS),
        trackingNumber: z.string().trim().min(1),
      })
      .strict(),
    outboxEntryViewSchema,
  ),
  /**
   * Exports the waiting uploads. Electron saves the file itself (a save dialog) and hands the
   * entries over once it is written: `savedTo` is set. In browser mode the page saves `text`
   * as a download and then calls outbox.handOver with `ids`.
   */
  'outbox.export': method(
    noInput,
    z.object({
      fileName: z.string(),
      text: z.string(),
      ids: z.array(z.string()),
      entries: z.number(),
      savedTo: z.string().optional(),
      cancelled: z.boolean().optional(),
    }),
  ),
  'outbox.handOver': method(
    z.object({ ids: z.array(z.string()).max(100_000) }).strict(),
    z.object({ handedOver: z.number() }),
  ),
  'outbox.import': method(
    z.object({ text: z.string().max(50_000_000) }).strict(),
    z.object({ added: z.number(), alreadyHere: z.number() }),
  ),
  'outbox.previewCsv': method(
    z.object({ text: z.string().max(20_000_000) }).strict(),
    csvPreviewSchema,
  ),
  'outbox.queueCsv': method(
    z.object({ text: z.string().max(20_000_000) }).strict(),
    z.object({
      queued: z.number(),
      rows: z.number(),
      rejectedRows: z.number(),
      /** Packages another station has (warehouse mode): not queued, each with the sentence. */
      refused: z.array(csvRefusalSchema),
    }),
  ),
  /** Queued units per line of one order (counted against what is left to pack). */
  'outbox.queuedForOrder': method(
    z.object({ orderId: z.string() }).strict(),
    z.object({ lines: z.record(z.string(), z.number()), entries: z.array(outboxEntryViewSchema) }),
  ),
  'fulfillments.submit': method(shipmentInputSchema, outboxEntryViewSchema),
  'cancellations.submit': method(cancellationInputSchema, outboxEntryViewSchema),
  'orders.confirm': method(
    z
      .object({
        orderId: z.string().regex(/^\d+$/),
        merchantOrderNumber: z.string().trim().min(1).max(128).optional(),
      })
      .strict(),
    outboxEntryViewSchema,
  ),
} as const;

export const outboxEvents = {
  'outbox.counts': outboxCountsSchema,
  'outbox.entry': outboxEntryViewSchema,
} as const;
