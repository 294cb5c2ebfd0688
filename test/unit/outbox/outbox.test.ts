import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxStore } from '../../../main/station/outbox/store';
import { silentLogger } from '../../../main/log';
import { planCsvImport } from '../../../main/station/outbox/csv-import';
import { startHarness, writes, type Harness } from './harness';

let open: Harness[] = [];
afterEach(async () => {
  for (const h of open) await h.close();
  open = [];
});
async function harness(...args: Parameters<typeof startHarness>) {
  const h = await startHarness(...args);
  open.push(h);
  return h;
}

function firstLine(h: Harness, index = 0) {
  const order = h.waitingOrders()[index]!;
  return { order, line: order.order_lines![0]! };
}

describe('outbox', () => {
  it('keeps a queued shipment on disk before it answers, and finds it after a restart', async () => {
    const h = await harness();
    await h.worker.stop(); // nothing uploads: only durability is under test
    const { order, line } = firstLine(h);
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZDURABLE',
    });
    const reopened = await OutboxStore.open(h.dir + '/', silentLogger).catch(() => undefined);
    // The same folder is still open in this process; a second reader sees the durable record.
    expect(reopened?.get(entry.id)).toMatchObject({
      state: 'pending',
      write: { kind: 'fulfillment.create' },
    });
    await reopened?.close();
  });

  it('uploads each shipment once and says so', async () => {
    const h = await harness();
    const [a, b] = [firstLine(h, 0), firstLine(h, 1)];
    const e1 = await h.outbox.submitShipment({
      orderId: a.order.id,
      lines: [{ lineId: a.line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZONE',
    });
    const e2 = await h.outbox.submitShipment({
      orderId: b.order.id,
      lines: [{ lineId: b.line.id!, quantity: 1 }],
      carrier: 'USPS',
      trackingNumber: '9400TWO',
    });
    await h.worker.idle();
    expect(h.store.get(e1.id)).toMatchObject({ state: 'sent' });
    expect(h.store.get(e2.id)?.resultId).toMatch(/^\d+$/);
    const sent = await writes(h);
    expect(sent.map((w) => w.body.shipment?.tracking_number).sort()).toEqual(['1ZONE', '9400TWO']);
    expect(h.outbox.counts()).toMatchObject({
      queued: 0,
      attention: 0,
      sentToday: 2,
      online: true,
    });
  });

  it('does not send a shipment twice when FeedAMP applied it but the answer was lost', async () => {
    const h = await harness();
    await h.admin('POST', '/faults/queue', {
      match: 'POST /api/v2/orders/\\d+/fulfillments',
      action: 'lostAnswer',
      times: 1,
    });
    const { order, line } = firstLine(h);
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'FedEx',
      trackingNumber: '123456789012',
    });
    await h.worker.idle();
    await new Promise((r) => setTimeout(r, 100));
    await h.worker.idle();
    expect(h.store.get(entry.id)).toMatchObject({
      state: 'sent',
      note: 'Found on FeedAMP; not sent again.',
    });
    expect(await writes(h)).toHaveLength(1);
  });

  it('moves a refused shipment to "needs attention" with FeedAMP\'s own message, holding later writes of that order only', async () => {
    const h = await harness();
    const twoLines = h.waitingOrders().find((o) => (o.order_lines?.length ?? 0) >= 2)!;
    const a = {
      order: twoLines,
      line: twoLines.order_lines![0]!,
      second: twoLines.order_lines![1]!,
    };
    const b = firstLine(h, h.waitingOrders().indexOf(twoLines) === 0 ? 1 : 0);
    // A refusal the check before sending cannot foresee: FeedAMP turns the order back to PENDING.
    await h.admin('PUT', `/orders/${a.order.id}/state`, {
      normalized_marketplace_state: 'PENDING',
    });
    // Queued before the station learned of the change (the cache still says waiting).
    const refused = await h.outbox.submitShipment({
      orderId: a.order.id,
      lines: [{ lineId: a.line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZREFUSED',
    });
    const behind = await h.outbox.submitCancellation({
      orderId: a.order.id,
      lines: [{ lineId: a.second.id!, quantity: 1 }],
      reason: 'out_of_stock',
    });
    const other = await h.outbox.submitShipment({
      orderId: b.order.id,
      lines: [{ lineId: b.line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZOTHER',
    });
    await h.worker.idle();
    const stuck = h.store.get(refused.id)!;
    expect(stuck.state).toBe('attention');
    expect(stuck.error?.message).toMatch(/^FeedAMP refused this: .*PENDING/);
    expect(h.store.get(behind.id)?.state).toBe('pending');
    expect(h.store.get(other.id)?.state).toBe('sent');
    expect(h.outbox.counts()).toMatchObject({ attention: 1, queued: 1 });

    // The packer discards the refused one; the cancellation behind it then goes (and is refused too).
    await h.outbox.discard(refused.id);
    await h.worker.kick(true);
    await h.worker.idle();
    expect(h.store.get(refused.id)?.state).toBe('discarded');
    expect(h.store.get(behind.id)?.state).toBe('attention');
  });

  it('sends the writes of one order in the order they were queued', async () => {
    const h = await harness({ concurrency: 8 });
    const order = h
      .waitingOrders()
      .find((o) => (o.order_lines ?? []).reduce((n, l) => n + (l.quantity ?? 0), 0) >= 3)!;
    const units = (order.order_lines ?? [])
      .flatMap((l) => Array.from({ length: l.quantity ?? 0 }, () => l.id!))
      .slice(0, 3);
    const ids: string[] = [];
    for (const [i, lineId] of units.entries()) {
      ids.push(
        (
          await h.outbox.submitShipment({
            orderId: order.id,
            lines: [{ lineId, quantity: 1 }],
            carrier: 'UPS',
            trackingNumber: `1ZSEQ${i}`,
          })
        ).id,
      );
    }
    await h.worker.idle();
    const sent = await writes(h);
    expect(sent.map((w) => w.body.shipment?.tracking_number)).toEqual([
      '1ZSEQ0',
      '1ZSEQ1',
      '1ZSEQ2',
    ]);
  });

  it('refreshes an expired token once in the middle of a drain and carries on', async () => {
    const h = await harness();
    const before = await h.admin<{ last: number }>('GET', '/requests');
    const targets = h.waitingOrders().slice(0, 6);
    await h.admin('POST', '/tokens/expire');
    for (const [i, o] of targets.entries()) {
      await h.outbox.submitShipment({
        orderId: o.id,
        lines: [{ lineId: o.order_lines![0]!.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: `1ZTOK${i}`,
      });
    }
    await h.worker.idle();
    expect(h.outbox.counts()).toMatchObject({ sentToday: 6, queued: 0 });
    const log = await h.admin<{ requests: { path: string }[] }>(
      'GET',
      `/requests?since=${before.last}`,
    );
    // The token from the first sync expired: exactly one refresh for all six uploads.
    expect(log.requests.filter((r) => r.path === '/api/v1/get_token')).toHaveLength(1);
  });

  it('hands its queue to another station without uploading anything twice', async () => {
    const a = await harness();
    await a.worker.stop();
    const [x, y] = [firstLine(a, 0), firstLine(a, 1)];
    await a.outbox.submitShipment({
      orderId: x.order.id,
      lines: [{ lineId: x.line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZMOVE1',
    });
    await a.outbox.submitShipment({
      orderId: y.order.id,
      lines: [{ lineId: y.line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZMOVE2',
    });
    // One of them had reached FeedAMP already (say, just before the station lost its network).
    await a.client.createFulfillment(x.order.id, {
      fulfillment_type: 'shipment',
      fulfillment_lines: [{ line_id: x.line.id!, quantity: 1 }],
      shipment: { shipped_date: new Date(), carrier: 'UPS', tracking_number: '1ZMOVE1' },
    });
    const file = a.outbox.exportFile();
    expect(file.ids).toHaveLength(2);
    // Nothing leaves the queue until the file is written; then both are handed over.
    expect(a.outbox.counts().queued).toBe(2);
    expect(await a.outbox.handOver(file.ids)).toBe(2);
    expect(a.outbox.counts().queued).toBe(0);

    const b = await harness({ existingSandbox: a.sandbox });
    expect(await b.outbox.import(file.text)).toEqual({ added: 2, alreadyHere: 0 });
    expect(await b.outbox.import(file.text)).toEqual({ added: 0, alreadyHere: 2 });
    await b.worker.idle();
    const sent = await writes(a);
    expect(sent.map((w) => w.body.shipment?.tracking_number).sort()).toEqual([
      '1ZMOVE1',
      '1ZMOVE2',
    ]);
  });

  it('refuses to queue more units than are left, or a shipment of an order the marketplace cancelled', async () => {
    const h = await harness();
    await h.worker.stop();
    const { order, line } = firstLine(h);
    await expect(
      h.outbox.submitShipment({
        orderId: order.id,
        lines: [{ lineId: line.id!, quantity: (line.quantity ?? 0) + 1 }],
        carrier: 'UPS',
        trackingNumber: '1ZTOOMANY',
      }),
    ).rejects.toThrow(/left to ship/);
    const cancelled = {
      ...order,
      normalized_marketplace_state: 'CANCELLED',
      marketplace_name: 'Target',
    };
    await h.orders.upsert([{ order: cancelled }]);
    await expect(
      h.outbox.submitShipment({
        orderId: order.id,
        lines: [{ lineId: line.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: '1ZNO',
      }),
    ).rejects.toThrow(/cancelled on Target .* do not ship it/);
  });

  it('checks CSV rows against what is really left (FeedAMP’s shipments too), not only this station’s uploads', async () => {
    const h = await harness();
    await h.worker.stop();
    const { order, line } = firstLine(h);
    const csv = `order_number,sku,quantity,carrier,tracking_number,ship_date\n${order.marketplace_order_number},${line.sku},1,UPS,1ZCSV1,\n`;
    // Another station shipped everything: nothing is left, the row says so.
    const none = planCsvImport(csv, h.orders, () => new Map([[line.id!, 0]]));
    expect(none.rows[0]!.errors).toEqual([expect.stringMatching(/^Only 0 of .* left on order/)]);
    expect(none.packages).toHaveLength(0);
    const some = planCsvImport(csv, h.orders, () => new Map([[line.id!, 1]]));
    expect(some.packages).toEqual([
      expect.objectContaining({ orderId: order.id, lines: [{ lineId: line.id, quantity: 1 }] }),
    ]);
  });

  it('puts an upload being sent into the export file, and hands it over only after its attempt settles', async () => {
    const h = await harness();
    await h.admin('POST', '/faults/queue', {
      match: 'POST /api/v2/orders/\\d+/fulfillments',
      action: 'slow',
      ms: 300,
    });
    const { order, line } = firstLine(h);
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZINFLIGHT',
    });
    await vi.waitFor(() => expect(h.store.get(entry.id)?.state).toBe('sending'));
    const file = h.outbox.exportFile();
    expect(file.ids).toEqual([entry.id]);
    // The slow attempt lands: nothing is left to hand over, and it is not discarded.
    expect(await h.outbox.handOver(file.ids)).toBe(0);
    expect(h.store.get(entry.id)?.state).toBe('sent');
  });
});
