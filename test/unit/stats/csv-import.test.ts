// Shipments queued by Outbox → Import CSV are in the packing log like the Pack screen's: counted
// in the day's numbers and listed in the exported log, marked as imported, with no packer time
// (nobody opened the order) and not credited to whoever was signed in.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxHandlers } from '../../../main/bridge/handlers/outbox';
import { silentLogger } from '../../../main/log';
import { SettingsService } from '../../../main/station/settings';
import { PackingLog } from '../../../main/station/stats/packing-log';
import { startHarness, type Harness } from '../outbox/harness';
import { ups1Z } from '../scan/check-digits';

const open: { h: Harness; log: PackingLog }[] = [];
afterEach(async () => {
  for (const { h, log } of open.splice(0)) {
    await log.close();
    await h.close();
  }
});

async function station() {
  const h = await startHarness({ sandbox: { orders: 60, seed: 12 } });
  await h.worker.stop();
  const settings = new SettingsService(h.dir, silentLogger);
  settings.update({ packerName: 'Ana', stationName: 'Bench 4' });
  const options = {
    dir: h.dir,
    log: silentLogger,
    order: (id: string) => h.orders.view(id),
    identity: () => settings.get(),
  };
  const log = await PackingLog.open(options);
  log.followImports(h.store);
  open.push({ h, log });
  return { h, log, options };
}

describe('a CSV import in the packing log', () => {
  it('counts the two imported shipments today and lists them, marked imported, in the log', async () => {
    const { h, log, options } = await station();
    const [a, b] = h
      .waitingOrders()
      .filter((o) => !o.is_marketplace_fulfilled && o.order_lines?.[0]?.sku);
    const tracking = [ups1Z('5R8939030000201'), ups1Z('5R8939030000202')];
    const csv = [
      'order_number,sku,quantity,carrier,tracking_number',
      `${a!.id},${a!.order_lines![0]!.sku},1,UPS,${tracking[0]}`,
      `${b!.id},${b!.order_lines![0]!.sku},1,UPS,${tracking[1]}`,
    ].join('\n');
    const handlers = outboxHandlers(
      h.outbox,
      h.orders,
      () => new Map(),
      (pkg) => h.outbox.submitShipment(pkg, 'csv'),
    );
    expect(await handlers['outbox.queueCsv']({ text: csv })).toMatchObject({ queued: 2 });
    await log.flush();

    const summary = log.summary();
    expect(summary.today).toEqual({ orders: 2, packages: 2, units: 2 });
    expect(summary.averageOpenToShipMs).toBeUndefined();
    // Ana was signed in, but she packed none of them.
    expect(summary.packers).toEqual([]);

    const file = log.exportToday();
    expect(file.packages).toBe(2);
    const rows: Record<string, string>[] = parse(file.text, { bom: true, columns: true });
    expect(
      rows.map((r) => [r['order id'], r.tracking, r.source, r.opened, r['mis-scans']]),
    ).toEqual([
      [a!.id, tracking[0], 'csv import', '', ''],
      [b!.id, tracking[1], 'csv import', '', ''],
    ]);

    // Uploading them changes the entries, not the log; a restart reads the mark back.
    for (const entry of h.store.all()) await h.store.put({ ...entry, state: 'sent' });
    await log.close();
    open.splice(0, 1, { h, log: await PackingLog.open(options) });
    const again = open[0]!.log;
    expect(again.packagesToday().map((p) => [p.tracking, p.source])).toEqual([
      [tracking[0], 'csv import'],
      [tracking[1], 'csv import'],
    ]);
  });

  it('leaves out what a handover brought from another station: that station logged it', async () => {
    const { h, log } = await station();
    const order = h.waitingOrders().find((o) => !o.is_marketplace_fulfilled)!;
    await h.outbox.submitShipment(
      {
        orderId: order.id,
        lines: [{ lineId: order.order_lines![0]!.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: ups1Z('5R8939030000203'),
      },
      'import',
    );
    await log.flush();
    expect(log.summary().today.packages).toBe(0);
  });
});
