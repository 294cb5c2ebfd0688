// The pack service tells the packing log what it did: an order opened, a package queued (with its
// SKUs, carrier, tracking and packer), a cancellation with its reason. A refused ship logs nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { PackService } from '../../../main/station/packing/pack-service';
import { SettingsService } from '../../../main/station/settings';
import { PackingLog } from '../../../main/station/stats/packing-log';
import { startHarness, type Harness } from '../outbox/harness';
import { ups1Z } from '../scan/check-digits';

const open: { h: Harness; pack: PackService; log: PackingLog }[] = [];
afterEach(async () => {
  for (const { h, pack, log } of open.splice(0)) {
    pack.dispose();
    await pack.flush();
    await log.close();
    await h.close();
  }
});

describe('the pack service and the packing log', () => {
  it('logs the open, each queued package and a cancellation; not a refused ship', async () => {
    const h = await startHarness({ sandbox: { orders: 60, seed: 11 } });
    const settings = new SettingsService(h.dir, silentLogger);
    settings.update({ packerName: 'Ana' });
    const log = await PackingLog.open({
      dir: h.dir,
      log: silentLogger,
      order: (id) => h.orders.view(id),
      identity: () => settings.get(),
    });
    const pack = new PackService({
      orders: h.orders,
      outbox: h.outbox,
      entries: h.store,
      settings,
      client: () => h.client,
      dataDir: h.dir,
      log: silentLogger,
      packingLog: log,
    });
    open.push({ h, pack, log });
    await h.worker.stop();
    const order = h
      .waitingOrders()
      .find((o) => (o.order_lines ?? []).filter((l) => (l.quantity ?? 0) >= 2).length >= 2)!;
    const [a, b] = order.order_lines!;
    const view = h.orders.view(order.id)!;
    const sku = (lineId: string) => view.lines.find((l) => l.id === lineId)!.sku;

    await pack.open(order.id);
    await log.scanned(order.id, 'wrong-item');
    const { entry } = await pack.ship({
      orderId: order.id,
      lines: [{ lineId: a!.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: ups1Z('5R8939030000011'),
    });
    await expect(
      pack.ship({
        orderId: order.id,
        lines: [{ lineId: a!.id!, quantity: 999 }],
        carrier: 'UPS',
        trackingNumber: ups1Z('5R8939030000012'),
      }),
    ).rejects.toThrow();
    await pack.cancel({
      orderId: order.id,
      lines: [{ lineId: b!.id!, quantity: 1 }],
      reason: 'out_of_stock',
    });
    await log.flush();

    const packages = log.packagesToday();
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({
      orderId: order.id,
      entryId: entry.id,
      lines: [{ sku: sku(a!.id!), quantity: 1 }],
      carrier: 'UPS',
      tracking: ups1Z('5R8939030000011'),
      packer: 'Ana',
      misScans: 1,
    });
    expect(packages[0]!.openedAt).toBeDefined();
    expect(log.summary().cancellations).toEqual([{ reason: 'out_of_stock', count: 1, units: 1 }]);
  });
});
