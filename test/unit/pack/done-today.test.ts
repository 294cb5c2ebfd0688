// Which orders leave the Orders queue for "Done today": finished (nothing left) and touched by
// this station since local midnight; a discarded package does not count.
import { describe, expect, it } from 'vitest';
import { outboxEntrySchema, type OutboxEntry } from '../../../main/station/outbox/entries';
import { finishedToday } from '../../../main/station/packing/done-today';

let seq = 0;
function entry(
  orderId: string,
  createdAt: Date,
  kind: 'fulfillment.create' | 'cancellation.create' | 'confirm' = 'fulfillment.create',
  state: OutboxEntry['state'] = 'pending',
): OutboxEntry {
  const write =
    kind === 'fulfillment.create'
      ? {
          kind,
          orderId,
          body: {
            fulfillment_type: 'shipment',
            fulfillment_lines: [{ line_id: '9', quantity: 1 }],
            shipment: {
              shipped_date: '2026-12-03T09:00:00Z',
              carrier: 'UPS',
              tracking_number: '1Z999AA10123456784',
            },
          },
        }
      : kind === 'cancellation.create'
        ? {
            kind,
            orderId,
            body: { reason: 'out_of_stock', cancellation_lines: [{ line_id: '9', quantity: 1 }] },
          }
        : { kind, orderId, body: { merchant_order_number: 'M-1' } };
  return outboxEntrySchema.parse({
    id: `e${++seq}`,
    seq,
    write,
    state,
    attempts: 0,
    uncertain: false,
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
  });
}

describe('orders done today', () => {
  const now = new Date(2026, 11, 3, 15, 30);
  const today = (h: number) => new Date(2026, 11, 3, h, 0);
  const yesterday = new Date(2026, 11, 2, 23, 59);

  it('lists finished orders this station shipped or cancelled today, with the latest time', () => {
    const done = finishedToday(
      [
        entry('101', today(9)),
        entry('101', today(11)),
        entry('102', today(10), 'cancellation.create'),
        entry('103', yesterday),
        entry('104', today(12)), // 104 still has units left
        entry('105', today(13), 'fulfillment.create', 'discarded'),
        entry('106', today(14), 'confirm'),
      ],
      (id) => id !== '104',
      now,
    );
    expect([...done]).toEqual([
      ['101', today(11).toISOString()],
      ['102', today(10).toISOString()],
    ]);
  });
});
