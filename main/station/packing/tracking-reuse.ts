// A tracking label belongs to one package. When a scanned number is already on another order —
// queued or sent from this station, or among the shipments FeedAMP last showed for an order this
// station looked at — the packer probably has the wrong label (or two benches share a roll), so
// the scan warns before Ship.
import type { Fulfillment } from '../../feedamp/schemas';
import type { OutboxEntry } from '../outbox/entries';

export interface TrackingElsewhere {
  orderId: string;
  /** 'queued': still in this station's outbox; 'shipped': uploaded or seen on FeedAMP. */
  how: 'queued' | 'shipped';
}

const same = (a: string | null | undefined, b: string) =>
  (a ?? '').replace(/[^0-9A-Za-z]/g, '').toUpperCase() === b;

export function findTrackingElsewhere(
  trackingNumber: string,
  orderId: string | null,
  entries: readonly OutboxEntry[],
  knownFulfillments: Iterable<readonly [orderId: string, fulfillments: readonly Fulfillment[]]>,
): TrackingElsewhere | undefined {
  const wanted = trackingNumber.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  if (!wanted) return undefined;
  for (const e of entries) {
    const w = e.write;
    if (w.kind !== 'fulfillment.create' || w.orderId === orderId || e.state === 'discarded')
      continue;
    if (w.body.fulfillment_type !== 'shipment') continue;
    if (same(w.body.shipment?.tracking_number, wanted))
      return { orderId: w.orderId, how: e.state === 'sent' ? 'shipped' : 'queued' };
  }
  for (const [id, fulfillments] of knownFulfillments) {
    if (id === orderId) continue;
    if (fulfillments.some((f) => same(f.shipment?.tracking_number, wanted)))
      return { orderId: id, how: 'shipped' };
  }
  return undefined;
}
