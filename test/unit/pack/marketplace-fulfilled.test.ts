// Orders the marketplace fulfils itself (Amazon FBA): the station shows them but writes nothing
// for them, whichever way the write is asked for — Ship, Cancel, a fix, a CSV row, a command
// barcode, a refund — and the packer reads one sentence. The order comes from a real sandbox,
// placed by the "Amazon" marketplace app, and is synced like any other.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxHandlers } from '../../../main/bridge/handlers/outbox';
import { ordersHandlers } from '../../../main/bridge/handlers/orders';
import { packHandlers } from '../../../main/bridge/handlers/pack';
import { silentLogger } from '../../../main/log';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox/index';
import type { OrderSync } from '../../../main/station/orders/sync';
import { toSummary } from '../../../main/station/orders/views';
import { planCsvImport } from '../../../main/station/outbox/csv-import';
import { PackService } from '../../../main/station/packing/pack-service';
import { nextByShipBy } from '../../../main/station/printing/pick-list';
import { SettingsService } from '../../../main/station/settings';
import type { PacklineTransport } from '../../../preload/contract';
import { COMMANDS, usePackStore } from '../../../renderer/store/pack';
import { startHarness, type Harness } from '../outbox/harness';
import { ups1Z } from '../scan/check-digits';
import { placeAmazonOrder } from './marketplace-order';

const FBA_NUMBER = '114-7000001-0000001';
const SENTENCE = 'Fulfilled by Amazon — nothing to ship here.';

const open: { h: Harness; pack: PackService; sandbox: RunningSandbox }[] = [];
afterEach(async () => {
  for (const { h, pack, sandbox } of open.splice(0).reverse()) {
    pack.dispose();
    await pack.flush();
    await h.close();
    await sandbox.close();
  }
});

/** A station synced with a sandbox that holds one Amazon order Amazon fulfils. */
async function station(seed: number) {
  const sandbox = await startSandbox({ orders: 30, seed, listRateLimit: false });
  await placeAmazonOrder(sandbox.url, FBA_NUMBER);
  const h = await startHarness({ existingSandbox: sandbox });
  const settings = new SettingsService(h.dir, silentLogger);
  const pack = new PackService({
    orders: h.orders,
    outbox: h.outbox,
    entries: h.store,
    settings,
    client: () => h.client,
    dataDir: h.dir,
    log: silentLogger,
  });
  open.push({ h, pack, sandbox });
  const [fbaId] = h.orders.index.findOrders(FBA_NUMBER);
  if (!fbaId) throw new Error('the Amazon order did not sync');
  const fba = h.orders.get(fbaId)!.order;
  expect(fba).toMatchObject({ is_marketplace_fulfilled: true, marketplace_name: 'Amazon' });
  return { h, pack, settings, fba, line: fba.order_lines![0]! };
}

/** Everything the sandbox recorded as written for an order (any kind, any action). */
async function sandboxWrites(h: Harness, orderId: string): Promise<unknown[]> {
  const { writes } = await h.admin<{ writes: unknown[] }>('GET', `/writes?orderId=${orderId}`);
  return writes;
}

describe('an order the marketplace fulfils', () => {
  it('opens read-only with the sentence, and confirms nothing even with confirm-on-open', async () => {
    const { h, pack, settings, fba } = await station(21);
    settings.update({ packing: { confirmOnOpen: true, merchantOrderNumberFormat: '{id}' } });
    const { state } = await pack.open(fba.id);
    expect(state).toMatchObject({ readOnly: true, blocked: SENTENCE });
    await pack.refresh(fba.id);
    expect(pack.state(fba.id)).toMatchObject({ readOnly: true, blocked: SENTENCE });
    expect(h.store.all()).toEqual([]);
    await h.outbox.uploadNow();
    expect(await sandboxWrites(h, fba.id)).toEqual([]);
  });

  it('refuses Ship and Cancel with the sentence: no outbox entry, nothing sent', async () => {
    const { h, pack, fba, line } = await station(22);
    await pack.open(fba.id);
    await expect(
      pack.ship({
        orderId: fba.id,
        lines: [{ lineId: line.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: ups1Z('5R8939030000101'),
      }),
    ).rejects.toThrow(SENTENCE);
    await expect(
      pack.cancel({
        orderId: fba.id,
        lines: [{ lineId: line.id!, quantity: 1 }],
        reason: 'out_of_stock',
      }),
    ).rejects.toThrow(SENTENCE);
    // The bridge's own handlers say the same (what the renderer's buttons and keys call).
    const bridge = packHandlers(pack);
    await expect(
      bridge['pack.ship']({
        orderId: fba.id,
        lines: [{ lineId: line.id!, quantity: 2 }],
        carrier: 'UPS',
        trackingNumber: ups1Z('5R8939030000102'),
      }),
    ).rejects.toThrow(SENTENCE);
    expect(h.store.all()).toEqual([]);
    await h.outbox.uploadNow();
    expect(await sandboxWrites(h, fba.id)).toEqual([]);
  });

  it('refuses fixes (change or delete a record) before looking for the record', async () => {
    const { h, pack, fba, line } = await station(23);
    await expect(
      pack.updateFulfillment({
        orderId: fba.id,
        fulfillmentId: '1',
        lines: [{ lineId: line.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: ups1Z('5R8939030000103'),
      }),
    ).rejects.toThrow(SENTENCE);
    await expect(
      pack.updateCancellation({
        orderId: fba.id,
        cancellationId: '1',
        lines: [{ lineId: line.id!, quantity: 1 }],
        reason: 'out_of_stock',
      }),
    ).rejects.toThrow(SENTENCE);
    await expect(
      pack.deleteRecord({ orderId: fba.id, kind: 'fulfillment', id: '1' }),
    ).rejects.toThrow(SENTENCE);
    expect(h.store.all()).toEqual([]);
  });

  it('names the CSV row with the sentence and queues only the other orders’ rows', async () => {
    const { h, pack } = await station(24);
    const other = h
      .waitingOrders()
      .find((o) => !o.is_marketplace_fulfilled && o.order_lines?.[0]?.sku)!;
    const otherLine = other.order_lines![0]!;
    const csv = [
      'order_number,sku,quantity,carrier,tracking_number,ship_date',
      `${FBA_NUMBER},PL-MUG-SAGE,1,UPS,${ups1Z('5R8939030000104')},`,
      `${other.marketplace_order_number},${otherLine.sku},1,UPS,${ups1Z('5R8939030000105')},`,
    ].join('\n');
    const leftOf = (orderId: string) =>
      new Map((pack.state(orderId)?.lines ?? []).map((l) => [l.lineId, l.left]));
    const plan = planCsvImport(csv, h.orders, leftOf);
    expect(plan.rows[0]).toMatchObject({ row: 2, errors: [SENTENCE] });
    expect(plan.packages.map((p) => p.orderId)).toEqual([other.id]);

    await h.worker.stop();
    const handlers = outboxHandlers(h.outbox, h.orders, leftOf, (pkg) =>
      h.outbox.submitShipment(pkg, 'csv'),
    );
    expect(await handlers['outbox.queueCsv']({ text: csv })).toEqual({
      queued: 1,
      rows: 2,
      rejectedRows: 1,
      refused: [],
    });
    const queuedFor = h.store.all().map((e) => ('orderId' in e.write ? e.write.orderId : ''));
    expect(queuedFor).toEqual([other.id]);
  });

  it('is refused by the outbox itself, whoever asks: shipment, cancellation, confirm, refund', async () => {
    const { h, fba, line } = await station(25);
    const lines = [{ lineId: line.id!, quantity: 1 }];
    await expect(
      h.outbox.submitShipment({
        orderId: fba.id,
        lines,
        carrier: 'UPS',
        trackingNumber: ups1Z('5R8939030000106'),
      }),
    ).rejects.toThrow(SENTENCE);
    await expect(
      h.outbox.submitCancellation({ orderId: fba.id, lines, reason: 'out_of_stock' }),
    ).rejects.toThrow(SENTENCE);
    await expect(h.outbox.enqueue({ kind: 'confirm', orderId: fba.id, body: {} })).rejects.toThrow(
      SENTENCE,
    );
    await expect(
      h.outbox.enqueue({
        kind: 'refund.create',
        orderId: fba.id,
        body: {
          cp_refund_number: 'PL-T-20250101-FBA',
          refund_lines: [{ feedamp_order_line_id: line.id!, refund_reason: 'customer_return' }],
        },
      }),
    ).rejects.toThrow(SENTENCE);
    expect(h.store.all()).toEqual([]);
  });

  it('says "the marketplace" when the order names none, from the cache alone (offline)', async () => {
    const { h, fba } = await station(26);
    const other = h.waitingOrders().find((o) => !o.is_marketplace_fulfilled)!;
    await h.orders.upsert([
      { order: { ...other, marketplace_name: null, is_marketplace_fulfilled: true } },
    ]);
    const offline = new PackService({
      orders: h.orders,
      outbox: h.outbox,
      entries: h.store,
      settings: new SettingsService(h.dir, silentLogger),
      client: () => undefined,
      dataDir: h.dir,
      log: silentLogger,
    });
    try {
      const { state } = await offline.open(other.id);
      expect(state.blocked).toBe('Fulfilled by the marketplace — nothing to ship here.');
      await expect(
        offline.ship({
          orderId: other.id,
          lines: [{ lineId: other.order_lines![0]!.id!, quantity: 1 }],
          carrier: 'UPS',
          trackingNumber: ups1Z('5R8939030000107'),
        }),
      ).rejects.toThrow('Fulfilled by the marketplace — nothing to ship here.');
      expect(h.store.all()).toEqual([]);
      expect(fba.id).not.toBe(other.id);
    } finally {
      offline.dispose();
      await offline.flush();
    }
  });

  it('is left out of orders.list and the next-by-ship-by pick list unless asked for', async () => {
    const { h, fba } = await station(27);
    const handlers = ordersHandlers(h.orders, undefined as unknown as OrderSync);
    const packable = (await handlers['orders.list']({})).orders.map((o) => o.id);
    const all = (await handlers['orders.list']({ includeMarketplaceFulfilled: true })).orders;
    expect(packable).not.toContain(fba.id);
    expect(all.find((o) => o.id === fba.id)).toMatchObject({
      marketplaceFulfilled: true,
      marketplace: 'Amazon',
    });
    // The demo data may hold marketplace-fulfilled orders of its own besides the one placed here.
    const flagged = [...h.orders.all()].filter((e) => e.order.is_marketplace_fulfilled).length;
    expect(flagged).toBeGreaterThanOrEqual(1);
    expect(all).toHaveLength(packable.length + flagged);
    expect(all.filter((o) => o.marketplaceFulfilled)).toHaveLength(flagged);
    // The Amazon order ships soonest of all, and still is not on the wave.
    const summaries = [...h.orders.all()].map(toSummary);
    const soonest = summaries.map((s) =>
      s.id === fba.id ? { ...s, shipBy: '2000-01-01T00:00:00Z' } : s,
    );
    expect(nextByShipBy(soonest, 5).map((s) => s.id)).not.toContain(fba.id);
  });
});

describe('the command barcodes on an order the marketplace fulfils', () => {
  // The renderer's pack store, over a transport that hands each call to main's real handlers
  // and writes down what was asked: a refused command must not even reach main.
  const calls: string[] = [];
  let handlers: ReturnType<typeof packHandlers> | undefined;
  const transport: PacklineTransport = {
    async invoke(method, input) {
      calls.push(method);
      const handle = (handlers as Record<string, ((i: unknown) => unknown) | undefined>)?.[method];
      if (!handle) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
      try {
        return { ok: true, result: (await handle(input)) as never };
      } catch (error) {
        return { ok: false, error: { code: 'BAD_INPUT', message: (error as Error).message } };
      }
    },
    on: () => () => undefined,
  };
  const g = globalThis as { window?: unknown };
  let before: unknown;
  beforeAll(() => {
    before = g.window;
    g.window = { packline: transport };
  });
  afterAll(() => {
    if (before === undefined) delete g.window;
    else g.window = before;
  });

  it('ship and empty box say the sentence and send nothing; the order still cannot take a unit', async () => {
    const { h, pack, fba, line } = await station(28);
    handlers = packHandlers(pack);
    const store = usePackStore.getState();
    await store.open(fba.id);
    expect(usePackStore.getState().progress).toMatchObject({ readOnly: true });
    expect(usePackStore.getState().message?.text).toBe('Scan the next order.');
    calls.length = 0;

    await store.scan(COMMANDS.ship);
    expect(usePackStore.getState().message?.text).toBe(SENTENCE);
    await store.scan(COMMANDS.emptyBox);
    expect(usePackStore.getState().message?.text).toBe(SENTENCE);
    expect(calls).toEqual([]);
    // An item scan is asked about (main says it is on the order) and still goes in no box.
    await store.scan('PL-MUG-SAGE');
    expect(usePackStore.getState().box).toEqual({});
    expect(usePackStore.getState().addUnits(line.id!, 1)).toBe(false);
    // Counted for Stats (after the frame that shows the scan, so not at once).
    await vi.waitFor(() => expect(calls).toEqual(['pack.scan']));
    expect(h.store.all()).toEqual([]);
    expect(await sandboxWrites(h, fba.id)).toEqual([]);
    usePackStore.getState().close();
  });
});
