// Before re-sending a write whose earlier attempt may have reached FeedAMP, ask FeedAMP whether
// it is already there. FeedAMP has no idempotency key, so each kind is matched by what makes
// it unique: a shipment by tracking number and lines, a cancellation by lines and reason, a
// refund by its cp_refund_number. Records already claimed by other entries never match twice.
import type { FeedampClient } from '../../feedamp/client';
import { NotFoundError } from '../../feedamp/errors';
import type { Cancellation, Fulfillment } from '../../feedamp/schemas';
import type { OutboxEntry } from './entries';

export type Reconciliation =
  | { found: true; resultId?: string | undefined; note: string }
  | { found: false }
  | { found: 'unknowable'; message: string };

type Lines = readonly { line_id?: string | null; quantity?: number | null }[] | null | undefined;

/** Same lines and quantities, in any order. */
function sameLines(a: Lines, b: Lines): boolean {
  const key = (lines: Lines) =>
    (lines ?? [])
      .map((l) => `${l.line_id ?? ''}×${l.quantity ?? 0}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

const FOUND_NOTE = 'Found on FeedAMP; not sent again.';

/**
 * The entry's own record among what FeedAMP holds for its order, for a shipment or cancellation
 * create (other kinds: not found). Used both here and by the check before sending, which reads
 * these lists anyway.
 */
export function findCreated(
  entry: OutboxEntry,
  held: { fulfillments: readonly Fulfillment[]; cancellations: readonly Cancellation[] },
  claimed: ReadonlySet<string>,
): Reconciliation {
  const write = entry.write;
  const free = (id: string | null | undefined): id is string => !!id && !claimed.has(id);
  if (write.kind === 'fulfillment.create') {
    const body = write.body;
    const tracking =
      body.fulfillment_type === 'shipment' ? body.shipment.tracking_number : undefined;
    const match = held.fulfillments.find(
      (f) =>
        free(f.id) &&
        sameLines(f.fulfillment_lines, body.fulfillment_lines) &&
        (tracking === undefined || f.shipment?.tracking_number === tracking),
    );
    return match
      ? { found: true, resultId: match.id ?? undefined, note: FOUND_NOTE }
      : { found: false };
  }
  if (write.kind === 'cancellation.create') {
    const match = held.cancellations.find(
      (c) =>
        free(c.id) &&
        c.reason === write.body.reason &&
        sameLines(c.cancellation_lines, write.body.cancellation_lines),
    );
    return match
      ? { found: true, resultId: match.id ?? undefined, note: FOUND_NOTE }
      : { found: false };
  }
  return { found: false };
}

export async function reconcile(
  client: FeedampClient,
  entry: OutboxEntry,
  claimed: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<Reconciliation> {
  const write = entry.write;
  switch (write.kind) {
    case 'fulfillment.create': {
      const body = write.body;
      const tracking =
        body.fulfillment_type === 'shipment' ? body.shipment.tracking_number : undefined;
      const fulfillments = await client.listFulfillments(
        write.orderId,
        tracking ? { tracking_number: tracking } : {},
        { signal },
      );
      return findCreated(entry, { fulfillments, cancellations: [] }, claimed);
    }
    case 'cancellation.create': {
      const cancellations = await client.listCancellations(write.orderId, { signal });
      return findCreated(entry, { fulfillments: [], cancellations }, claimed);
    }
    case 'refund.create': {
      const list = await client.listOrderRefunds(write.orderId, { signal });
      const match = list.find((r) => r.cp_refund_number === write.body.cp_refund_number);
      return match
        ? {
            found: true,
            resultId: match.id ?? undefined,
            note: 'Refund number already on FeedAMP; not sent again.',
          }
        : { found: false };
    }
    case 'confirm': {
      const wanted = write.body.merchant_order_number;
      if (!wanted)
        return {
          found: 'unknowable',
          message: 'Packline cannot tell whether this confirmation reached FeedAMP.',
        };
      const order = await client.getOrder(write.orderId, { signal });
      return order.merchant_order_number === wanted
        ? { found: true, note: 'Already confirmed on FeedAMP.' }
        : { found: false };
    }
    case 'fulfillment.update':
    case 'cancellation.update':
      // A PUT of the whole record: sending it again leaves the same result.
      return { found: false };
    case 'fulfillment.delete':
    case 'cancellation.delete': {
      try {
        if (write.kind === 'fulfillment.delete')
          await client.getFulfillment(write.orderId, write.fulfillmentId, { signal });
        else await client.getCancellation(write.orderId, write.cancellationId, { signal });
        return { found: false };
      } catch (error) {
        if (error instanceof NotFoundError)
          return { found: true, note: 'Already deleted on FeedAMP.' };
        throw error;
      }
    }
    case 'order.operation':
    case 'return.operation':
    case 'return.refund':
      return {
        found: 'unknowable',
        message:
          'FeedAMP did not answer and offers no way to check whether this went through — check the marketplace, then retry or discard.',
      };
  }
}
