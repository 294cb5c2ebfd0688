// One order's progress and records as the Pack screen shows them, from what is known now (no
// network): FeedAMP's fulfillments and cancellations as last read, plus what this station's
// outbox holds — queued writes count as queued, uploads FeedAMP has not been read back since
// count as done, changes to uploaded records are marked on them. Pure: the pack service keeps
// the known records and the entries; this only adds them up.
import { z } from 'zod';
import type { PackRecord, PackState } from '../../../preload/api/pack';
import type { Cancellation, Fulfillment, Order } from '../../feedamp/schemas';
import type { OutboxEntry } from '../outbox/entries';
import { isOpen } from '../outbox/entries';
import { marketplaceFulfilledMessage } from './marketplace-fulfilled';
import {
  orderComplete,
  orderProgress,
  type CancellationLike,
  type QueuedLike,
  type ShipmentLike,
} from '../../../common/packing';
import { say } from '../errors';

/** An order's fulfillments and cancellations as FeedAMP last showed them, and when. */
export const knownSchema = z.object({
  fulfillments: z.array(z.looseObject({})),
  cancellations: z.array(z.looseObject({})),
  refreshedAt: z.string(),
});
export type Known = {
  fulfillments: Fulfillment[];
  cancellations: Cancellation[];
  refreshedAt: string;
};

export type LineQty = { lineId: string; quantity: number };
export const toFeedamp = (lines: readonly LineQty[]) =>
  lines.map((l) => ({ line_id: l.lineId, quantity: l.quantity }));
const fromFeedamp = (
  lines: readonly { line_id?: string | null; quantity?: number | null }[] | null | undefined,
): LineQty[] =>
  (lines ?? [])
    .filter(
      (l): l is { line_id: string; quantity: number } =>
        !!l.line_id && typeof l.quantity === 'number',
    )
    .map((l) => ({ lineId: l.line_id, quantity: l.quantity }));

export function cancelledMessage(order: Order): string | undefined {
  if (order.normalized_marketplace_state !== 'CANCELLED') return undefined;
  return say.orderCancelled(order);
}

type KnownShipment = ShipmentLike & { full?: Fulfillment };
type KnownCancellation = CancellationLike & { full?: Cancellation };

const auditOf = (e: OutboxEntry) => ({
  station: e.station,
  packer: e.packer,
  at: e.sentAt ?? e.createdAt,
  state: e.state,
});

/** What the outbox adds to what FeedAMP showed: queued writes, unseen uploads, pending changes. */
interface OutboxEffects {
  queued: QueuedLike[];
  /** Records of writes still in the outbox. */
  records: PackRecord[];
  /** FeedAMP's id of what an entry created → that entry (the audit trail of uploaded records). */
  byResult: Map<string, OutboxEntry>;
  /** Uploaded records with an update or delete still waiting. */
  changes: Map<string, 'update' | 'delete'>;
}

/**
 * Walks the order's entries: open creates count as queued (and are records of their own);
 * creates uploaded since the last read count as done (added to `shipments` / `cancellations`);
 * updates and deletes supersede what they change.
 */
function outboxEffects(
  entries: readonly OutboxEntry[],
  refreshedMs: number,
  shipments: KnownShipment[],
  cancellations: KnownCancellation[],
): OutboxEffects {
  const effects: OutboxEffects = {
    queued: [],
    records: [],
    byResult: new Map(),
    changes: new Map(),
  };
  const { queued, records, byResult, changes } = effects;
  const knownFulfillmentIds = new Set(shipments.map((s) => s.id).filter(Boolean));
  const knownCancellationIds = new Set(cancellations.map((c) => c.id).filter(Boolean));
  for (const e of entries) {
    if (e.state === 'discarded') continue;
    const w = e.write;
    const sentUnseen = e.state === 'sent' && Date.parse(e.sentAt ?? e.updatedAt) > refreshedMs;
    if (w.kind === 'fulfillment.create' || w.kind === 'cancellation.create') {
      if (e.resultId) byResult.set(e.resultId, e);
      const isFulfillment = w.kind === 'fulfillment.create';
      const lines = isFulfillment ? (w.body.fulfillment_lines ?? []) : w.body.cancellation_lines;
      if (isOpen(e)) {
        queued.push(isFulfillment ? { fulfillment_lines: lines } : { cancellation_lines: lines });
        const shipment =
          w.kind === 'fulfillment.create' && w.body.fulfillment_type === 'shipment'
            ? w.body.shipment
            : undefined;
        records.push({
          entryId: e.id,
          kind: isFulfillment ? 'fulfillment' : 'cancellation',
          status: e.state === 'attention' ? 'attention' : 'queued',
          lines: fromFeedamp(lines),
          carrier: shipment?.carrier,
          trackingNumber: shipment?.tracking_number,
          trackingUrl: shipment?.tracking_url,
          shippedDate: shipment?.shipped_date,
          reason: w.kind === 'cancellation.create' ? w.body.reason : undefined,
          audit: auditOf(e),
        });
      } else if (sentUnseen && e.resultId) {
        // Uploaded after the last refresh: FeedAMP has it, the next refresh will show it.
        const seen = isFulfillment ? knownFulfillmentIds : knownCancellationIds;
        if (!seen.has(e.resultId)) {
          if (isFulfillment) shipments.push({ id: e.resultId, fulfillment_lines: lines });
          else cancellations.push({ id: e.resultId, cancellation_lines: lines });
          seen.add(e.resultId);
        }
      }
    } else if (
      w.kind === 'fulfillment.update' ||
      w.kind === 'fulfillment.delete' ||
      w.kind === 'cancellation.update' ||
      w.kind === 'cancellation.delete'
    ) {
      if (!isOpen(e) && !sentUnseen) continue;
      const target = 'fulfillmentId' in w ? w.fulfillmentId : w.cancellationId;
      if (w.kind === 'fulfillment.update')
        queued.push({ supersedes: target, fulfillment_lines: w.body.fulfillment_lines ?? [] });
      else if (w.kind === 'cancellation.update')
        queued.push({ supersedes: target, cancellation_lines: w.body.cancellation_lines });
      else queued.push({ supersedes: target });
      if (isOpen(e)) changes.set(target, w.kind.endsWith('delete') ? 'delete' : 'update');
    }
  }
  return effects;
}

/** What every uploaded record carries: FeedAMP's id, the entry that made it, what waits on it. */
function uploaded(id: string | null | undefined, { byResult, changes }: OutboxEffects) {
  const entry = id ? byResult.get(id) : undefined;
  return {
    id: id ?? undefined,
    entryId: entry?.id,
    status: 'uploaded' as const,
    pendingChange: id ? changes.get(id) : undefined,
    audit: entry && auditOf(entry),
  };
}

/** FeedAMP's records (and uploads not yet read back), with their audit and pending changes. */
function uploadedRecords(
  shipments: readonly KnownShipment[],
  cancellations: readonly KnownCancellation[],
  effects: OutboxEffects,
): PackRecord[] {
  return [
    ...shipments.map((f): PackRecord => ({
      ...uploaded(f.id, effects),
      kind: 'fulfillment',
      lines: fromFeedamp(f.fulfillment_lines),
      carrier: f.full?.shipment?.carrier ?? undefined,
      trackingNumber: f.full?.shipment?.tracking_number ?? undefined,
      trackingUrl: f.full?.shipment?.tracking_url ?? undefined,
      shippedDate: f.full?.shipment?.shipped_date ?? undefined,
    })),
    ...cancellations.map((c): PackRecord => ({
      ...uploaded(c.id, effects),
      kind: 'cancellation',
      lines: fromFeedamp(c.cancellation_lines),
      reason: c.full?.reason ?? undefined,
    })),
  ];
}

/** `entries`: this order's outbox entries, oldest first (sent and discarded ones included). */
export function projectPackState(
  order: Order & { id: string },
  known: Known | undefined,
  entries: readonly OutboxEntry[],
): PackState {
  const orderId = order.id;
  const refreshedMs = known ? Date.parse(known.refreshedAt) : -Infinity;
  const shipments: KnownShipment[] = (known?.fulfillments ?? []).map((f) => ({
    id: f.id ?? undefined,
    fulfillment_lines: toFeedamp(fromFeedamp(f.fulfillment_lines)),
    full: f,
  }));
  const cancellations: KnownCancellation[] = (known?.cancellations ?? []).map((c) => ({
    id: c.id ?? undefined,
    cancellation_lines: toFeedamp(fromFeedamp(c.cancellation_lines)),
    full: c,
  }));
  const effects = outboxEffects(entries, refreshedMs, shipments, cancellations);
  const uploaded = uploadedRecords(shipments, cancellations, effects);
  const { queued, records } = effects;
  const lines = orderProgress(order, shipments, cancellations, queued);
  const handsOff = marketplaceFulfilledMessage(order);
  return {
    orderId,
    lines,
    records: [...uploaded, ...records],
    refreshedAt: known?.refreshedAt,
    blocked: handsOff ?? cancelledMessage(order),
    ...(handsOff ? { readOnly: true } : {}),
    complete: lines.length > 0 && orderComplete(lines),
  };
}
