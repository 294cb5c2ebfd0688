// What the Pack screen lists for an order's records already on FeedAMP: each with what it
// shipped or cancelled, who made it on this station, and a change of it still waiting.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../main/feedamp/schemas';
import type { OutboxEntry, OutboxWrite } from '../../../main/station/outbox/entries';
import { projectPackState } from '../../../main/station/packing/projection';

const order = {
  id: '100',
  normalized_marketplace_state: 'AWAITING_SHIPMENT',
  order_lines: [
    { id: '1', quantity: 3 },
    { id: '2', quantity: 2 },
  ],
} as Order & { id: string };

let seq = 0;
function entry(write: OutboxWrite, more: Partial<OutboxEntry>): OutboxEntry {
  seq++;
  return {
    id: `e${seq}`,
    seq,
    write,
    state: 'pending',
    attempts: 0,
    uncertain: false,
    createdAt: '2026-05-04T09:00:00.000Z',
    updatedAt: '2026-05-04T09:00:00.000Z',
    origin: 'station',
    ...more,
  };
}

const shipment = {
  shipped_date: '2026-05-04T09:00:00Z',
  carrier: 'UPS' as const,
  tracking_number: '1Z5R89390300000018',
};

describe('records on FeedAMP', () => {
  it('carry what they shipped or cancelled, the entry that made them and a change waiting', () => {
    const shipped = entry(
      {
        kind: 'fulfillment.create',
        orderId: '100',
        body: {
          fulfillment_type: 'shipment',
          shipment,
          fulfillment_lines: [{ line_id: '1', quantity: 2 }],
        },
      },
      {
        state: 'sent',
        sentAt: '2026-05-04T09:01:00.000Z',
        resultId: '9001',
        station: 'Bench 7',
        packer: 'Ana',
      },
    );
    const change = entry(
      { kind: 'fulfillment.delete', orderId: '100', fulfillmentId: '9001' },
      { state: 'pending' },
    );
    const state = projectPackState(
      order,
      {
        fulfillments: [
          {
            id: '9001',
            fulfillment_type: 'shipment',
            shipment: { ...shipment, tracking_url: 'https://ups.example/1Z' },
            fulfillment_lines: [{ line_id: '1', quantity: 2 }],
          },
        ],
        cancellations: [
          {
            id: '9002',
            reason: 'OUT_OF_STOCK',
            cancellation_lines: [{ line_id: '2', quantity: 1 }],
          },
        ],
        refreshedAt: '2026-05-04T10:00:00.000Z',
      },
      [shipped, change],
    );
    expect(state.records).toEqual([
      {
        id: '9001',
        entryId: shipped.id,
        kind: 'fulfillment',
        status: 'uploaded',
        lines: [{ lineId: '1', quantity: 2 }],
        carrier: 'UPS',
        trackingNumber: shipment.tracking_number,
        trackingUrl: 'https://ups.example/1Z',
        shippedDate: shipment.shipped_date,
        pendingChange: 'delete',
        audit: { station: 'Bench 7', packer: 'Ana', at: '2026-05-04T09:01:00.000Z', state: 'sent' },
      },
      {
        id: '9002',
        kind: 'cancellation',
        status: 'uploaded',
        lines: [{ lineId: '2', quantity: 1 }],
        reason: 'OUT_OF_STOCK',
      },
    ]);
    // The delete waits: the shipment's units are no longer counted as shipped.
    expect(state.lines.map((l) => [l.lineId, l.shipped, l.cancelled])).toEqual([
      ['1', 0, 0],
      ['2', 0, 1],
    ]);
  });
});
