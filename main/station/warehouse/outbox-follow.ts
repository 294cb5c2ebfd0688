// Which packages stop counting in packed_lines, read from the outbox as its entries change: a
// package the packer discarded, withdrew, or deleted from FeedAMP (or a cancellation discarded)
// no longer holds its units against the other stations. Packages are known by order and tracking
// number, as recorded; cancellations by order and lines.
import type { OutboxEntry } from '../outbox/entries';
import { cancellationRef } from './packed-lines';

export type PackageChange =
  /** The package's lines stop counting. */
  | { kind: 'release'; orderId: string; trackingNumber: string }
  /** The packer corrected the tracking number of a package still waiting to upload. */
  | { kind: 'retrack'; orderId: string; from: string; to: string }
  /** A cancellation discarded before it went up: its units stop counting as cancelled. */
  | { kind: 'release-cancellation'; orderId: string; ref: string };

export interface FollowedOutbox {
  onChange: (listener: (entry: OutboxEntry) => void) => () => void;
  all: () => OutboxEntry[];
}

function shipmentOf(entry: OutboxEntry): { orderId: string; trackingNumber: string } | undefined {
  const w = entry.write;
  if (w.kind !== 'fulfillment.create' || w.body.fulfillment_type !== 'shipment') return undefined;
  return { orderId: w.orderId, trackingNumber: w.body.shipment.tracking_number };
}

/**
 * Handing entries over to another station marks them discarded here, but that station uploads
 * them: their lines still count. The outbox says so only in the note it leaves.
 */
const handedOver = (entry: OutboxEntry) => entry.note?.startsWith('Handed over') === true;

/** Calls `apply` for every package change the outbox shows from now on. */
export function followOutbox(
  outbox: FollowedOutbox,
  apply: (change: PackageChange) => void,
): () => void {
  const tracking = new Map<string, string>();
  const done = new Set<string>();
  for (const entry of outbox.all()) {
    const shipment = shipmentOf(entry);
    if (shipment) tracking.set(entry.id, shipment.trackingNumber);
  }
  const releaseOnce = (id: string, shipment: { orderId: string; trackingNumber: string }) => {
    if (done.has(id)) return;
    done.add(id);
    apply({ kind: 'release', ...shipment });
  };
  return outbox.onChange((entry) => {
    const w = entry.write;
    // A shipment deleted from FeedAMP (a withdrawal, or the packer's own delete) once it is done.
    if (w.kind === 'fulfillment.delete' && entry.state === 'sent') {
      const created = outbox
        .all()
        .find(
          (e) =>
            e.resultId === w.fulfillmentId &&
            e.write.kind === 'fulfillment.create' &&
            e.write.orderId === w.orderId,
        );
      const shipment = created && shipmentOf(created);
      if (shipment) releaseOnce(entry.id, shipment);
      return;
    }
    if (w.kind === 'cancellation.create') {
      if (entry.state === 'discarded' && !handedOver(entry) && !done.has(entry.id)) {
        done.add(entry.id);
        const lines = w.body.cancellation_lines.map((l) => ({
          lineId: l.line_id,
          quantity: l.quantity,
        }));
        apply({ kind: 'release-cancellation', orderId: w.orderId, ref: cancellationRef(lines) });
      }
      return;
    }
    const shipment = shipmentOf(entry);
    if (!shipment) return;
    if (
      (entry.state === 'discarded' && !handedOver(entry)) ||
      entry.overShipSettled?.how === 'withdrawn'
    ) {
      releaseOnce(entry.id, shipment);
      return;
    }
    const before = tracking.get(entry.id);
    tracking.set(entry.id, shipment.trackingNumber);
    if (before !== undefined && before !== shipment.trackingNumber)
      apply({
        kind: 'retrack',
        orderId: shipment.orderId,
        from: before,
        to: shipment.trackingNumber,
      });
  });
}
