// What the outbox holds. Every write to FeedAMP is an entry: kept on disk before the packer is
// told "queued", uploaded once, in order per order, and never dropped without the packer saying so.
import { z } from 'zod';
import { count, UNIT } from '../../../common/format';
import {
  CancellationInput,
  ConfirmOrderInput,
  FulfillmentInput,
  IdInput,
  RefundInput,
  ReturnRefundInput,
} from '../../feedamp/schemas';

const record = z.record(z.string(), z.unknown());
const op = z.string().min(1).max(100);

// Bodies are checked with the client's own request schemas, so nothing is queued that the
// client would refuse to send; the checked (normalised) body is what is stored.
export const outboxWriteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm'), orderId: IdInput, body: ConfirmOrderInput }),
  z.object({ kind: z.literal('order.operation'), orderId: IdInput, op, body: record }),
  z.object({ kind: z.literal('fulfillment.create'), orderId: IdInput, body: FulfillmentInput }),
  z.object({
    kind: z.literal('fulfillment.update'),
    orderId: IdInput,
    fulfillmentId: IdInput,
    body: FulfillmentInput,
  }),
  z.object({ kind: z.literal('fulfillment.delete'), orderId: IdInput, fulfillmentId: IdInput }),
  z.object({ kind: z.literal('cancellation.create'), orderId: IdInput, body: CancellationInput }),
  z.object({
    kind: z.literal('cancellation.update'),
    orderId: IdInput,
    cancellationId: IdInput,
    body: CancellationInput,
  }),
  z.object({ kind: z.literal('cancellation.delete'), orderId: IdInput, cancellationId: IdInput }),
  z.object({ kind: z.literal('refund.create'), orderId: IdInput, body: RefundInput }),
  z.object({ kind: z.literal('return.refund'), returnId: IdInput, body: ReturnRefundInput }),
  z.object({ kind: z.literal('return.operation'), returnId: IdInput, op, body: record }),
]);
export type OutboxWrite = z.output<typeof outboxWriteSchema>;
export type OutboxWriteInput = z.input<typeof outboxWriteSchema>;

const ENTRY_STATES = ['pending', 'sending', 'sent', 'attention', 'discarded'] as const;

export const outboxEntrySchema = z.object({
  /** Random and global: the same entry exported to another station keeps its id. */
  id: z.string().min(1),
  /** Order of enqueueing on this station; entries of one order go up in this order. */
  seq: z.number().int(),
  write: outboxWriteSchema,
  state: z.enum(ENTRY_STATES),
  attempts: z.number().int().min(0),
  /**
   * An earlier attempt may have reached FeedAMP (timeout, reset after sending, lost answer, a
   * crash while sending): before sending again the worker asks FeedAMP whether it exists.
   */
  uncertain: z.boolean(),
  /**
   * When the last request for this entry left, written in the 'sending' record before the
   * request goes: the lookup of an uncertain entry waits from this moment until FeedAMP has
   * surely finished with that request, across restarts, "Upload now" and reconnects.
   */
  uncertainSince: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().optional(),
  sentAt: z.string().optional(),
  /** FeedAMP's id of what was created (fulfillment, cancellation, refund). */
  resultId: z.string().optional(),
  /** The reason the packer reads: FeedAMP's own message for a refusal. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  note: z.string().optional(),
  /**
   * A sent shipment that FeedAMP shows past the ordered quantity together with another
   * station's. The entry stays 'sent' — it is on FeedAMP, and nothing may send it again — but
   * needs the packer: withdraw this package (a queued delete of `resultId`) or keep both.
   */
  overShipped: z.object({ sentence: z.string(), at: z.string() }).optional(),
  /**
   * A sent shipment is looked at once more when any shipment another station sent at the same
   * instant has surely landed: the look right after sending can come before it. The ordered
   * quantities are kept from the read before sending, so that look is one list of shipments.
   */
  lookAgain: z
    .object({
      at: z.string(),
      lines: z.array(
        z.object({ id: z.string(), sku: z.string().optional(), quantity: z.number().int() }),
      ),
      tries: z.number().int().min(0),
    })
    .optional(),
  /** How the packer settled an over-shipment; it is not raised again for this entry. */
  overShipSettled: z
    .object({
      how: z.enum(['withdrawn', 'kept']),
      at: z.string(),
      /** The queued delete of this shipment, when withdrawn. */
      withdrawalId: z.string().optional(),
    })
    .optional(),
  station: z.string().optional(),
  packer: z.string().optional(),
  origin: z.enum(['station', 'csv', 'import']).default('station'),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** Entries of one order (or return) travel one after another in this lane. */
export function laneOf(write: OutboxWrite): string {
  return 'orderId' in write ? `order:${write.orderId}` : `return:${write.returnId}`;
}

export function isOpen(entry: OutboxEntry): boolean {
  return entry.state !== 'sent' && entry.state !== 'discarded';
}

/** A short description for lists and logs (never secrets; order numbers only). */
export function describeWrite(write: OutboxWrite): string {
  switch (write.kind) {
    case 'confirm':
      return `Confirm order ${write.orderId}`;
    case 'order.operation':
      return `Run "${write.op}" on order ${write.orderId}`;
    case 'fulfillment.create': {
      const units = (write.body.fulfillment_lines ?? []).reduce((n, l) => n + l.quantity, 0);
      const tracking =
        write.body.fulfillment_type === 'shipment'
          ? ` · ${write.body.shipment.carrier} ${write.body.shipment.tracking_number}`
          : '';
      return `Ship ${count(units, UNIT)} of order ${write.orderId}${tracking}`;
    }
    case 'fulfillment.update':
      return `Change shipment ${write.fulfillmentId} of order ${write.orderId}`;
    case 'fulfillment.delete':
      return `Delete shipment ${write.fulfillmentId} of order ${write.orderId}`;
    case 'cancellation.create': {
      const units = write.body.cancellation_lines.reduce((n, l) => n + l.quantity, 0);
      return `Cancel ${count(units, UNIT)} of order ${write.orderId} (${write.body.reason})`;
    }
    case 'cancellation.update':
      return `Change cancellation ${write.cancellationId} of order ${write.orderId}`;
    case 'cancellation.delete':
      return `Delete cancellation ${write.cancellationId} of order ${write.orderId}`;
    case 'refund.create':
      return `Refund ${write.body.cp_refund_number} on order ${write.orderId}`;
    case 'return.refund':
      return `Refund return ${write.returnId}`;
    case 'return.operation':
      return `Run "${write.op}" on return ${write.returnId}`;
  }
}
