// A package that will not go up stops holding its units: once the packer discards its upload
// or withdraws it, another station may pack those units. A package handed over to another
// station still counts (that station uploads it), also when the discard happens while alone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { OrderStore } from '../../../main/station/orders/store';
import type { OutboxEntry } from '../../../main/station/outbox/entries';
import { OutboxService } from '../../../main/station/outbox/service';
import { OutboxStore } from '../../../main/station/outbox/store';
import type { OutboxWorker } from '../../../main/station/outbox/worker';
import { SettingsService } from '../../../main/station/settings';
import type { WarehouseService } from '../../../main/station/warehouse/service';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import { createDatabase, startStation } from '../../support/warehouse';

const skip = postgresSkipReason();

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** This station's outbox, with no uploads: entries wait until the packer does something. */
const opened: { close: () => Promise<void> }[] = [];

async function outboxOf(dir: string) {
  const store = await OutboxStore.open(dir, silentLogger);
  const orders = await OrderStore.open(dir, silentLogger);
  opened.push(store, orders);
  const outbox = new OutboxService({
    store,
    worker: { kick: async () => undefined, idle: async () => undefined } as unknown as OutboxWorker,
    orders,
    settings: new SettingsService(dir, silentLogger),
    log: silentLogger,
  });
  return { store, outbox };
}

const shipment = (orderId: string, trackingNumber: string) => ({
  kind: 'fulfillment.create' as const,
  orderId,
  body: {
    fulfillment_type: 'shipment' as const,
    fulfillment_lines: [{ line_id: '11', quantity: 2 }],
    shipment: {
      shipped_date: '2026-12-03T05:00:00Z',
      carrier: 'UPS' as const,
      tracking_number: trackingNumber,
    },
  },
});

describe.skipIf(skip)('warehouse: packages that will not go up stop counting', () => {
  let server: TestPostgres;
  const stations: WarehouseService[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(async () => {
    for (const s of stations.splice(0)) await s.stop();
    for (const o of opened.splice(0)) await o.close();
  });

  async function station(database: string, name: string) {
    const s = await startStation(server, database, { name, timings: { heartbeatMs: 100 } });
    stations.push(s);
    return s;
  }

  /** Station A packs both units of the order and queues the upload, then moves on. */
  async function packed(a: WarehouseService, outbox: OutboxService, orderId: string) {
    await a.open(orderId);
    await a.ship({
      orderId,
      box: [{ lineId: '11', quantity: 2 }],
      allowed: new Map([['11', 2]]),
      trackingNumber: `1Z${orderId}`,
      lineName: () => 'SKU-1',
    });
    const entry = await outbox.enqueue(shipment(orderId, `1Z${orderId}`));
    a.shipped(orderId, true);
    return entry;
  }

  /** Whether station B may pack both units now (the package is recorded when it may). */
  const bMayPack = (b: WarehouseService, orderId: string) =>
    b.open(orderId).then(() =>
      b
        .ship({
          orderId,
          box: [{ lineId: '11', quantity: 1 }],
          allowed: new Map([['11', 2]]),
          trackingNumber: `1ZB${orderId}`,
          lineName: () => 'SKU-1',
        })
        .then(
          () => true,
          (error: Error) => {
            expect(error.message).toBe(
              'Other stations already packed every unit of SKU-1 — this package was not shipped; take SKU-1 out of the box.',
            );
            return false;
          },
        ),
    );

  /** Once Station A has let the order go (released in the background), B reads "every unit". */
  const bIsRefused = (b: WarehouseService, orderId: string) =>
    until(() =>
      bMayPack(b, orderId).then(
        (may) => {
          if (may) throw new Error('Station B could pack units that are still packed');
          return true;
        },
        () => false,
      ),
    );

  it('after the packer discards the upload (tracking number corrected first), another station can pack those units; a hand-over keeps them', async () => {
    const database = await createDatabase(server);
    const a = await station(database, 'Station 1');
    const b = await station(database, 'Station 2');
    const { store, outbox } = await outboxOf(mkdtempSync(join(tmpdir(), 'release-')));
    a.followOutbox(store);

    const handed = await packed(a, outbox, '1001');
    await outbox.handOver([handed.id]);
    const discarded = await packed(a, outbox, '1002');
    await bIsRefused(b, '1002');

    // The packer corrects the tracking number first: the package is still known by it.
    await outbox.fixShipment(discarded.id, 'UPS', '1ZCORRECTED');
    await outbox.discard(discarded.id);
    await until(() => bMayPack(b, '1002'));
    // The handed-over package goes up from the other station: still counted.
    await bIsRefused(b, '1001');
  }, 30_000);

  it('a withdrawn over-shipment stops counting', async () => {
    const database = await createDatabase(server);
    const a = await station(database, 'Station 1');
    const b = await station(database, 'Station 2');
    const { store, outbox } = await outboxOf(mkdtempSync(join(tmpdir(), 'release-')));
    a.followOutbox(store);
    const entry = await packed(a, outbox, '1003');
    // It went up, and FeedAMP then showed it past the order together with another station's.
    const sent: OutboxEntry = {
      ...entry,
      state: 'sent',
      resultId: '5001',
      overShipped: { sentence: 'Shipped 4 of 2', at: new Date().toISOString() },
    };
    await store.put(sent);
    await bIsRefused(b, '1003');
    await outbox.withdraw(entry.id);
    await until(() => bMayPack(b, '1003'));
  }, 30_000);

  it('a discard while alone is kept and applied when the database is back', async () => {
    const database = await createDatabase(server);
    const a = await station(database, 'Station 1');
    const b = await station(database, 'Station 2');
    const { store, outbox } = await outboxOf(mkdtempSync(join(tmpdir(), 'release-')));
    a.followOutbox(store);
    const entry = await packed(a, outbox, '1004');
    // Station A let the finished order go; its units count for Station B.
    await bIsRefused(b, '1004');

    server.stop();
    await until(() => a.status().state === 'alone');
    await outbox.discard(entry.id);
    server.start();
    await until(() => a.status().state === 'connected' && b.status().state === 'connected');
    await until(() => bMayPack(b, '1004'));
  }, 40_000);
});
