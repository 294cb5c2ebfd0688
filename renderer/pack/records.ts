// The packer's changes to the order's records: cancel lines, fix or delete a fulfilment or a
// cancellation. Each is one write to main, refused at once on an order the marketplace fulfils.
import { PACK_SENTENCES as S, cancelledQueued } from '../../common/pack-sentences';
import type { CancellationReason, Carrier } from '../../preload/api/pack';

import { handsOff, write } from './box-rules';
import type { EventOf, Step } from './model';

export function cancelLines(s: Step, event: EventOf<'cancelLines'>): boolean | undefined {
  const { orderId } = s.state;
  if (!orderId || handsOff(s)) return false;
  const count = event.lines.reduce((n, l) => n + l.quantity, 0);
  write(s, {
    method: 'pack.cancel',
    input: { orderId, lines: event.lines, reason: event.reason },
    done: cancelledQueued(count, event.reason),
  });
  return undefined;
}

export function updateRecord(s: Step, event: EventOf<'updateRecord'>): boolean | undefined {
  const { orderId } = s.state;
  const { record, patch } = event;
  if (!orderId || !record.id || handsOff(s)) return false;
  if (record.kind === 'fulfillment')
    write(s, {
      method: 'pack.updateFulfillment',
      input: {
        orderId,
        fulfillmentId: record.id,
        lines: patch.lines,
        carrier: patch.carrier ?? (record.carrier as Carrier),
        trackingNumber: patch.trackingNumber ?? record.trackingNumber ?? '',
        confirmed: true,
      },
      done: S.fulfillmentChanged,
    });
  else
    write(s, {
      method: 'pack.updateCancellation',
      input: {
        orderId,
        cancellationId: record.id,
        lines: patch.lines,
        reason: patch.reason ?? (record.reason as CancellationReason),
        confirmed: true,
      },
      done: S.cancellationChanged,
    });
  return undefined;
}

export function deleteRecord(s: Step, event: EventOf<'deleteRecord'>): boolean | undefined {
  const { orderId } = s.state;
  const { record } = event;
  if (!orderId || !record.id || handsOff(s)) return false;
  write(s, {
    method: 'pack.deleteRecord',
    input: { orderId, kind: record.kind, id: record.id, confirmed: true },
    done: record.kind === 'fulfillment' ? S.fulfillmentDeleted : S.cancellationDeleted,
  });
  return undefined;
}
