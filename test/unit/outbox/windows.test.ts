// The windows in which an upload could land twice or over-ship, each opened on purpose against
// the sandbox: a crash while FeedAMP is still applying a POST, another station shipping the same
// units after this one queued them, an order the marketplace took over, a full disk.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/log';
import { OutboxStore } from '../../../main/station/outbox/store';
import { OutboxWorker } from '../../../main/station/outbox/worker';
import { lastRequest, requestsSince, startHarness, writes, type Harness } from './harness';

let open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const h of open.reverse()) await h.close();
  open = [];
});
async function harness(...args: Parameters<typeof startHarness>) {
  const h = await startHarness(...args);
  open.push(h);
  return h;
}

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse('2025-03-03T10:00:00Z')) {
  let t = start;
  return {
    now: () => new Date(t),
    set: (ms: number) => (t = ms),
    get: () => t,
  };
}

const FULFILLMENTS = /^\/api\/v2\/orders\/\d+\/fulfillments$/;

describe('outbox: a crash while FeedAMP is still applying an upload', () => {
  it('waits out the settle time from the moment the request left before looking, across a restart and "Upload now"', async () => {
    const settleMs = 10_000;
    const clock = fakeClock();
    const a = await harness({ settleMs, now: clock.now });
    const order = a.waitingOrders()[0]!;
    const line = order.order_lines![0]!;
    // FeedAMP holds the POST 1.5 s, then applies it whether or not anyone still waits.
    await a.admin('POST', '/faults/queue', {
      match: 'POST /api/v2/orders/\\d+/fulfillments',
      action: 'slowApply',
      ms: 1_500,
    });
    const leftAt = clock.get();
    const entry = await a.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZHELD0001',
    });
    await vi.waitFor(
      async () => {
        expect(a.store.get(entry.id)?.state).toBe('sending');
        expect((await a.admin<{ queue: unknown[] }>('GET', '/faults')).queue).toEqual([]);
      },
      { timeout: 5_000 },
    );
    expect(a.store.get(entry.id)?.uncertainSince).toBe(new Date(leftAt).toISOString());

    // The station dies now: its data folder as it is on disk is what the next start finds.
    const copy = mkdtempSync(join(tmpdir(), 'outbox-crash-'));
    cpSync(a.dir, copy, { recursive: true });
    clock.set(leftAt + 1_000); // restarted about a second later
    const before = await lastRequest(a);
    const store = await OutboxStore.open(copy, silentLogger, clock.now);
    const worker = new OutboxWorker({
      store,
      client: () => a.client,
      log: silentLogger,
      settleMs,
      baseDelayMs: 5,
      maxDelayMs: 50,
      now: clock.now,
    });
    open.push({ close: async () => (await worker.stop(), await store.close()) });
    expect(store.get(entry.id)).toMatchObject({
      state: 'pending',
      uncertain: true,
      uncertainSince: new Date(leftAt).toISOString(),
    });

    // Start-up's kick, then "Upload now" twice, the last a millisecond before the settle ends.
    await worker.kick(true);
    await worker.idle();
    clock.set(leftAt + 5_000);
    await worker.kick(true);
    await worker.idle();
    clock.set(leftAt + settleMs - 1);
    await worker.kick(true);
    await worker.idle();
    const early = (await requestsSince(a, before)).filter((r) => r.path.includes(order.id));
    expect(early, 'looked on FeedAMP before the held upload settled').toEqual([]);
    expect(store.get(entry.id)?.state).toBe('pending');

    // FeedAMP has applied the held POST by now; once settled, the lookup finds it.
    await vi.waitFor(async () => expect(await writes(a)).toHaveLength(1), { timeout: 5_000 });
    clock.set(leftAt + settleMs);
    await worker.kick(true);
    await worker.idle();
    expect(store.get(entry.id)).toMatchObject({
      state: 'sent',
      note: 'Found on FeedAMP; not sent again.',
    });
    const posts = (await requestsSince(a, before)).filter(
      (r) => r.method === 'POST' && FULFILLMENTS.test(r.path),
    );
    expect(posts, 'the restarted station posted the package again').toEqual([]);
    expect((await writes(a)).map((w) => w.body.shipment?.tracking_number)).toEqual(['1ZHELD0001']);
  });

  it('keeps the settle wait of an answer lost in this run when the network comes back ("Upload now")', async () => {
    const clock = fakeClock();
    const h = await harness({ settleMs: 10_000, now: clock.now });
    const order = h.waitingOrders()[0]!;
    await h.admin('POST', '/faults/queue', {
      match: 'POST /api/v2/orders/\\d+/fulfillments',
      action: 'lostAnswer',
    });
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: order.order_lines![0]!.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZLOST0001',
    });
    await h.worker.idle();
    expect(h.store.get(entry.id)).toMatchObject({ state: 'pending', uncertain: true });
    const before = await lastRequest(h);
    clock.set(clock.get() + 9_000);
    await h.worker.kick(true);
    await h.worker.idle();
    expect((await requestsSince(h, before)).filter((r) => r.path.includes(order.id))).toEqual([]);
    clock.set(clock.get() + 1_000);
    await h.worker.kick(true);
    await h.worker.idle();
    expect(h.store.get(entry.id)?.state).toBe('sent');
    expect(await writes(h)).toHaveLength(1);
  });
});

describe('outbox: what is left is checked just before every send', () => {
  /** An order with one line of at least two units, and its line. */
  function twoUnitLine(h: Harness) {
    const order = h.waitingOrders().find((o) => (o.order_lines?.[0]?.quantity ?? 0) >= 2)!;
    return { order, line: order.order_lines![0]! };
  }

  it('does not send a package another station already shipped: needs attention, one sentence, no POST', async () => {
    const h = await harness();
    await h.admin('PUT', '/settings', { enforceQuantities: false });
    const { order, line } = twoUnitLine(h);
    const all = line.quantity!;
    await h.worker.stop(); // queued while offline, say
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZMINE0001',
    });
    // Meanwhile another station ships every unit of that line.
    await h.admin('POST', `/orders/${order.id}/fulfillments`, {
      fulfillment_type: 'shipment',
      fulfillment_lines: [{ line_id: line.id, quantity: all }],
      shipment: {
        shipped_date: '2025-03-03T09:00:00Z',
        carrier: 'UPS',
        tracking_number: '1ZOTHER01',
      },
    });
    const before = await lastRequest(h);
    const worker = new OutboxWorker({ store: h.store, client: () => h.client, log: silentLogger });
    open.push({ close: () => worker.stop() });
    await worker.kick();
    await worker.idle();
    const stuck = h.store.get(entry.id)!;
    expect(stuck.state).toBe('attention');
    expect(stuck.error?.message).toBe(
      `FeedAMP already shows ${all} of ${all} units of ${line.sku} (${line.product_name}) shipped in another package (tracking 1ZOTHER01); this package was not sent.`,
    );
    const sent = (await requestsSince(h, before)).filter((r) => r.method === 'POST');
    expect(sent, 'a POST left although nothing was left to ship').toEqual([]);
  });

  it('checks again at every attempt: a retry after a 503 finds the units shipped elsewhere meanwhile', async () => {
    const clock = fakeClock();
    const h = await harness({ now: clock.now });
    await h.admin('PUT', '/settings', { enforceQuantities: false });
    const { order, line } = twoUnitLine(h);
    await h.worker.stop();
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: line.quantity! }],
      carrier: 'UPS',
      trackingNumber: '1ZMINE0002',
    });
    // The first POST is answered 503 (not applied) and waits its back-off ...
    await h.admin('POST', '/faults/queue', {
      match: 'POST /api/v2/orders/\\d+/fulfillments',
      action: 'error',
      status: 503,
    });
    const worker = new OutboxWorker({
      store: h.store,
      client: () => h.client,
      log: silentLogger,
      baseDelayMs: 5,
      maxDelayMs: 20,
      settleMs: 1_000,
      now: clock.now,
    });
    open.push({ close: () => worker.stop() });
    await worker.kick();
    await worker.idle();
    // A 503 may come after the write: uncertain, so the retry also looks for it first.
    expect(h.store.get(entry.id)).toMatchObject({ state: 'pending', uncertain: true });
    // ... during which the seller's back office cancels one unit of the line.
    await h.admin('POST', `/orders/${order.id}/cancellations`, {
      reason: 'out_of_stock',
      cancellation_lines: [{ line_id: line.id, quantity: 1 }],
    });
    clock.set(clock.get() + 1_000);
    await worker.kick(true);
    await worker.idle();
    const stuck = h.store.get(entry.id)!;
    expect(stuck.state).toBe('attention');
    expect(stuck.error?.message).toMatch(
      new RegExp(
        `^FeedAMP already shows 1 of ${line.quantity} units of ${line.sku} \\(.*\\) cancelled, leaving ${line.quantity! - 1} for the ${line.quantity} in this package; it was not sent\\.$`,
      ),
    );
    expect(await writes(h)).toEqual([]);
  });

  it('finds its own earlier attempt as sent rather than calling it over-shipped', async () => {
    const h = await harness();
    const { order, line } = twoUnitLine(h);
    // Every unit of the line in one package; FeedAMP applies it but the answer is lost.
    await h.admin('POST', '/faults/queue', {
      match: 'POST /api/v2/orders/\\d+/fulfillments',
      action: 'lostAnswer',
    });
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: line.quantity! }],
      carrier: 'UPS',
      trackingNumber: '1ZWHOLE001',
    });
    await vi.waitFor(
      async () => {
        await h.worker.kick();
        await h.worker.idle();
        expect(h.store.get(entry.id)?.state).toBe('sent');
      },
      { timeout: 5_000, interval: 60 },
    );
    expect(h.store.get(entry.id)?.note).toBe('Found on FeedAMP; not sent again.');
    expect(await writes(h)).toHaveLength(1);
  });

  it('sends nothing for an order the marketplace now fulfils itself, or has cancelled', async () => {
    const h = await harness();
    await h.worker.stop();
    const [fba, cancelled] = h.waitingOrders();
    const ship = (o: typeof fba, tracking: string) =>
      h.outbox.submitShipment({
        orderId: o!.id,
        lines: [{ lineId: o!.order_lines![0]!.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: tracking,
      });
    const a = await ship(fba, '1ZFBA00001');
    const b = await ship(cancelled, '1ZCANC0001');
    await h.admin('PUT', `/orders/${fba!.id}/state`, { is_marketplace_fulfilled: true });
    await h.admin('PUT', `/orders/${cancelled!.id}/state`, {
      normalized_marketplace_state: 'CANCELLED',
    });
    const before = await lastRequest(h);
    const worker = new OutboxWorker({ store: h.store, client: () => h.client, log: silentLogger });
    open.push({ close: () => worker.stop() });
    await worker.kick();
    await worker.idle();
    expect(h.store.get(a.id)).toMatchObject({
      state: 'attention',
      error: { message: `Fulfilled by ${fba!.marketplace_name} — nothing to ship here.` },
    });
    expect(h.store.get(b.id)).toMatchObject({
      state: 'attention',
      error: {
        message: `Order ${cancelled!.marketplace_order_number} was cancelled on ${cancelled!.marketplace_name}; this package was not sent — discard it.`,
      },
    });
    expect((await requestsSince(h, before)).filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('outbox: disk first, then memory', () => {
  it('leaves the outbox exactly as it was when the disk refuses a write, and tells the caller', async () => {
    const h = await harness();
    await h.worker.stop();
    const journal = (h.store as unknown as { journal: { append: (r: unknown) => Promise<void> } })
      .journal;
    const full = Object.assign(new Error('The disk is full — nothing was queued.'), {
      code: 'disk_full',
    });
    const spy = vi.spyOn(journal, 'append').mockRejectedValueOnce(full);
    const seen: string[] = [];
    h.store.onChange((e) => seen.push(e.id));
    const order = h.waitingOrders()[0]!;
    const before = h.store.all();
    await expect(
      h.outbox.submitShipment({
        orderId: order.id,
        lines: [{ lineId: order.order_lines![0]!.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: '1ZFULL0001',
      }),
    ).rejects.toBe(full);
    expect(h.store.all()).toEqual(before);
    expect(h.outbox.counts()).toMatchObject({ queued: 0, sending: 0 });
    expect(seen).toEqual([]);
    spy.mockRestore();
  });

  it('sends nothing when the disk refuses the "sending" record, and sends once the disk is back', async () => {
    const h = await harness();
    await h.worker.stop();
    const order = h.waitingOrders()[0]!;
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: order.order_lines![0]!.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZFULL0002',
    });
    const journal = (h.store as unknown as { journal: { append: (r: unknown) => Promise<void> } })
      .journal;
    const spy = vi.spyOn(journal, 'append').mockRejectedValue(new Error('ENOSPC'));
    const worker = new OutboxWorker({
      store: h.store,
      client: () => h.client,
      log: silentLogger,
      baseDelayMs: 5,
      maxDelayMs: 20,
    });
    open.push({ close: () => worker.stop() });
    await expect(worker.kick()).resolves.toBeUndefined();
    await worker.idle();
    expect(h.store.get(entry.id)?.state).toBe('pending');
    expect(await writes(h)).toEqual([]);
    spy.mockRestore();
    await vi.waitFor(
      async () => {
        await worker.kick();
        await worker.idle();
        expect(h.store.get(entry.id)?.state).toBe('sent');
      },
      { timeout: 5_000, interval: 30 },
    );
    expect(await writes(h)).toHaveLength(1);
  });
});
