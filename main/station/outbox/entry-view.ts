// An outbox entry as the screens show it (Outbox, Pack, Returns): what it writes, its lines,
// its state and FeedAMP's last word on it.
import type { OutboxEntryView } from '../../../preload/api/outbox';
import { describeWrite, type OutboxEntry } from './entries';

/** The lines a shipment or cancellation write carries (none for other kinds). */
export function linesOf(entry: OutboxEntry): { lineId: string; quantity: number }[] {
  const w = entry.write;
  const lines =
    w.kind === 'fulfillment.create' || w.kind === 'fulfillment.update'
      ? (w.body.fulfillment_lines ?? [])
      : w.kind === 'cancellation.create' || w.kind === 'cancellation.update'
        ? w.body.cancellation_lines
        : [];
  return lines.map((l) => ({ lineId: l.line_id, quantity: l.quantity }));
}

export function toEntryView(entry: OutboxEntry): OutboxEntryView {
  const w = entry.write;
  const shipment =
    (w.kind === 'fulfillment.create' || w.kind === 'fulfillment.update') &&
    w.body.fulfillment_type === 'shipment'
      ? w.body.shipment
      : undefined;
  return {
    id: entry.id,
    kind: w.kind,
    orderId: 'orderId' in w ? w.orderId : undefined,
    returnId: 'returnId' in w ? w.returnId : undefined,
    description: describeWrite(w),
    state: entry.state,
    attempts: entry.attempts,
    createdAt: entry.createdAt,
    sentAt: entry.sentAt,
    nextAttemptAt: entry.nextAttemptAt,
    error: entry.error?.message,
    note: entry.note,
    resultId: entry.resultId,
    lines: linesOf(entry),
    trackingNumber: shipment?.tracking_number,
    carrier: shipment?.carrier,
    reason:
      w.kind === 'cancellation.create' || w.kind === 'cancellation.update'
        ? w.body.reason
        : undefined,
    station: entry.station,
    packer: entry.packer,
    overShipped: entry.overShipped?.sentence,
    overShipSettled: entry.overShipSettled?.how,
  };
}
