// Outbox → Import shipments (CSV) in warehouse mode goes through the claims like a packed box: a
// package for an order another station has open, or for units another station packed already, is
// not queued, with the sentence; the rest of the file is; and the import holds no claim after.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../../main/bridge/handlers/outbox';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import { ups1Z } from '../scan/check-digits';
import {
  refusal,
  startPackStations,
  stopPackStations,
  untouchedOrders,
  type PackStation,
} from './pack-stations';

const skip = postgresSkipReason();

describe.skipIf(skip)('warehouse: a CSV import goes through the claims', () => {
  let server: TestPostgres;
  const open: PackStation[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(() => stopPackStations(open));

  it('queues only the package no other station has; says why for the others; keeps no claim', async () => {
    const made = await startPackStations(server, { count: 2, account: 'csv', seed: 31 });
    open.push(...made);
    const [one, two] = made as [PackStation, PackStation];
    // Nothing uploads: FeedAMP knows nothing of what either station packs, only the database does.
    await one.h.worker.stop();
    await two.h.worker.stop();
    const [held, free, packed] = await untouchedOrders(one.h, 3);

    // Station 2 packs every unit of the first line of one order, then opens another and keeps it.
    await two.pack.open(packed!.id);
    const line = packed!.order_lines![0]!;
    await two.pack.ship({
      orderId: packed!.id,
      lines: [{ lineId: line.id!, quantity: line.quantity! }],
      carrier: 'UPS',
      trackingNumber: ups1Z('5R8939030000301'),
    });
    await two.pack.open(held!.id);

    const tracking = ['5R8939030000311', '5R8939030000312', '5R8939030000313'].map(ups1Z);
    const csv = [
      'order_number,sku,quantity,carrier,tracking_number',
      ...[held!, free!, packed!].map(
        (o, i) => `${o.id},${o.order_lines![0]!.sku},1,UPS,${tracking[i]}`,
      ),
    ].join('\n');
    const handlers = outboxHandlers(
      one.h.outbox,
      one.h.orders,
      (id) => new Map(one.pack.state(id)?.lines.map((l) => [l.lineId, l.left])),
      (pkg) => one.pack.queueImported(pkg),
    );
    const result = await handlers['outbox.queueCsv']({ text: csv });

    expect(result).toMatchObject({ queued: 1, rows: 3, rejectedRows: 0 });
    expect(result.refused).toEqual([
      {
        orderNumber: held!.id,
        trackingNumber: tracking[0],
        reason: expect.stringMatching(
          /^Being packed at Station 2 by Packer 2 since \d\d:\d\d — not queued; leave it to Packer 2, or import the row again once the order is let go\.$/,
        ) as unknown,
      },
      {
        orderNumber: packed!.id,
        trackingNumber: tracking[2],
        reason: expect.stringMatching(
          /^Other stations already packed every unit of .+ — not queued; check the file\.$/,
        ) as unknown,
      },
    ]);
    const queuedFor = one.h.store
      .all()
      .map((e) => ('orderId' in e.write ? e.write.orderId : undefined));
    expect(queuedFor).toEqual([free!.id]);

    // Station 2 still has its order; the imported one is nobody's, so station 2 can open it.
    expect(await refusal(one.pack.open(held!.id))).toMatch(
      /^Being packed at Station 2 by Packer 2/,
    );
    await expect(two.pack.open(free!.id)).resolves.toMatchObject({ order: { id: free!.id } });
  });
});
