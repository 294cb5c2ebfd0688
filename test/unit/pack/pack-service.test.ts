// The Pack screen's service against a real sandbox over HTTP: progress from FeedAMP plus the
// outbox, two stations on one order, what a scan means, learned aliases, a cancelled order.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import type { Order } from '../../../main/feedamp/schemas';
import { PackService } from '../../../main/station/packing/pack-service';
import { merchantOrderNumber } from '../../../main/station/packing/merchant-order-number';
import { SettingsService } from '../../../main/station/settings';
import { startHarness, writes, type Harness } from '../outbox/harness';
import { ups1Z } from '../scan/check-digits';
import { gs1CheckDigit } from '../../../common/item-codes';

const open: { h: Harness; pack: PackService }[] = [];
afterEach(async () => {
  for (const { h, pack } of open.splice(0).reverse()) {
    pack.dispose();
    await pack.flush();
    await h.close();
  }
});

async function station(options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(options);
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
  open.push({ h, pack });
  return { h, pack, settings };
}

/** An open order with every line untouched and at least `lines` lines of 2+ units. */
function freshOrder(h: Harness, lines = 2): Order & { id: string } {
  const order = h
    .waitingOrders()
    .find(
      (o) =>
        (o.order_lines?.length ?? 0) >= lines &&
        (o.order_lines ?? []).every((l) => (l.quantity ?? 0) >= 2),
    );
  if (!order) throw new Error('no suitable order in the sandbox');
  return order;
}

async function untouched(h: Harness, order: Order & { id: string }) {
  const [f, c] = await Promise.all([
    h.client.listFulfillments(order.id),
    h.client.listCancellations(order.id),
  ]);
  return f.length === 0 && c.length === 0;
}

async function pickFresh(h: Harness, lines = 2) {
  for (const o of h.waitingOrders()) {
    if ((o.order_lines?.length ?? 0) < lines) continue;
    if (!(o.order_lines ?? []).every((l) => (l.quantity ?? 0) >= 2)) continue;
    if (await untouched(h, o)) return o;
  }
  return freshOrder(h, lines);
}

describe('pack service', () => {
  it('counts units shipped on FeedAMP and units still queued in the outbox', async () => {
    const { h, pack } = await station({ sandbox: { orders: 60, seed: 3 } });
    const order = await pickFresh(h);
    const [a, b] = order.order_lines!;
    // Another station (straight to FeedAMP) ships one unit of line A.
    await h.client.createFulfillment(order.id, {
      fulfillment_type: 'shipment',
      fulfillment_lines: [{ line_id: a!.id!, quantity: 1 }],
      shipment: {
        shipped_date: '2024-05-01T10:00:00-05:00',
        carrier: 'UPS',
        tracking_number: ups1Z('5R8939030000001'),
      },
    });
    expect(await pack.refresh(order.id)).toBe(true);
    let state = pack.state(order.id)!;
    const lineA = state.lines.find((l) => l.lineId === a!.id)!;
    expect(lineA).toMatchObject({ ordered: a!.quantity, shipped: 1, queued: 0 });
    expect(lineA.left).toBe(a!.quantity! - 1);

    // This station queues a package with the worker stopped: it counts as queued, not shipped.
    await h.worker.stop();
    const { state: after } = await pack.ship({
      orderId: order.id,
      lines: [{ lineId: b!.id!, quantity: 2 }],
      carrier: 'UPS',
      trackingNumber: ups1Z('5R8939030000002'),
    });
    state = after;
    const lineB = state.lines.find((l) => l.lineId === b!.id)!;
    expect(lineB).toMatchObject({ shipped: 0, queued: 2, left: b!.quantity! - 2 });
    expect(state.records.map((r) => [r.kind, r.status])).toEqual([
      ['fulfillment', 'uploaded'],
      ['fulfillment', 'queued'],
    ]);
    expect(state.records[1]!.audit?.station).toBe('Station 1');
  });

  it('never ships more than is left when two stations pack one order', async () => {
    const one = await station({ sandbox: { orders: 60, seed: 5 } });
    const two = await station({ existingSandbox: one.h.sandbox });
    const order = await pickFresh(one.h, 1);
    const line = order.order_lines![0]!;
    const all = line.quantity!;
    // Both open the order; station one packs every unit and uploads.
    await one.pack.open(order.id);
    await two.pack.open(order.id);
    await two.pack.refresh(order.id);
    await one.pack.ship({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: all }],
      carrier: 'UPS',
      trackingNumber: ups1Z('5R8939030000003'),
    });
    await one.h.outbox.uploadNow();
    // Station two still believes every unit is left, and tries to ship one.
    expect(two.pack.state(order.id)!.lines[0]!.left).toBe(all);
    await expect(
      two.pack.ship({
        orderId: order.id,
        lines: [{ lineId: line.id!, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: ups1Z('5R8939030000004'),
      }),
    ).rejects.toThrow(
      /^Another station already shipped or cancelled some of these units: nothing is left/,
    );
    const landed = (await writes(one.h)).filter((w) => w.orderId === order.id);
    expect(landed).toHaveLength(1);
    expect(two.h.store.all()).toHaveLength(0);
  });

  it('warns when a scanned tracking label is already on another order, queued or shipped', async () => {
    const { h, pack } = await station({ sandbox: { orders: 60, seed: 13 } });
    const [first, seen, second] = h.waitingOrders().filter((o) => o.order_lines?.length);
    const number = (o: Order) => o.marketplace_order_number ?? o.id;
    const label = ups1Z('5R8939030000011');
    expect(pack.scan(label, second!.id)).not.toHaveProperty('usedElsewhere', expect.anything());
    // This station queued a package with the label (the worker is stopped: it stays queued).
    await h.worker.stop();
    await pack.open(first!.id);
    await pack.ship({
      orderId: first!.id,
      lines: [{ lineId: first!.order_lines![0]!.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: label,
    });
    expect(pack.scan(label, second!.id)).toMatchObject({
      kind: 'tracking',
      usedElsewhere: `Tracking ${label} is already on a package for order ${number(first!)} waiting to upload — check the label before you ship.`,
    });
    // On its own order the label is no surprise.
    expect(pack.scan(label, first!.id)).not.toHaveProperty('usedElsewhere', expect.anything());
    // Another station shipped a package with another label; this station read that order since.
    const other = ups1Z('5R8939030000012');
    await h.client.createFulfillment(seen!.id, {
      fulfillment_type: 'shipment',
      fulfillment_lines: [{ line_id: seen!.order_lines![0]!.id!, quantity: 1 }],
      shipment: {
        shipped_date: '2024-05-01T10:00:00-05:00',
        carrier: 'UPS',
        tracking_number: other,
      },
    });
    await pack.refresh(seen!.id);
    expect(pack.scan(other, second!.id)).toMatchObject({
      usedElsewhere: `Tracking ${other} was already shipped on order ${number(seen!)} — check the label before you ship.`,
    });
  });

  it('resolves a scan: order number, item on the order, wrong item, tracking, unknown', async () => {
    const { h, pack } = await station({ sandbox: { orders: 60, seed: 7 } });
    const [order, other] = h.waitingOrders();
    const view = h.orders.view(order!.id)!;
    const line = view.lines[0]!;
    expect(pack.scan(order!.marketplace_order_number ?? order!.id, null)).toMatchObject({
      kind: 'order',
      orderIds: [order!.id],
    });
    expect(pack.scan(line.sku!.toLowerCase(), order!.id)).toMatchObject({
      kind: 'item',
      lineIds: [line.id],
    });
    if (line.codes[0]) {
      expect(pack.scan(line.codes[0], order!.id)).toMatchObject({
        kind: 'item',
        lineIds: [line.id],
      });
    }
    const foreign = h.orders
      .view(other!.id)!
      .lines.find((l) => !view.lines.some((m) => m.sku === l.sku))!;
    expect(pack.scan(foreign.sku!, order!.id)).toMatchObject({
      kind: 'unknown',
      reason: 'wrong-item',
      learnable: false,
      // The product is named, not only the code the packer cannot read at arm's length.
      message: `${foreign.name} (${foreign.sku}) is not on this order — put it back.`,
    });
    const tracking = ups1Z('5R8939030000005');
    expect(pack.scan(tracking, order!.id)).toMatchObject({
      kind: 'tracking',
      trackingNumber: tracking,
      candidates: [
        { carrier: 'UPS', checkDigit: 'valid', trackingUrl: expect.stringContaining(tracking) },
      ],
    });
    // A code that is nothing (perhaps part of a scan) is never offered to learn...
    expect(pack.scan('NO-SUCH-THING', order!.id)).toMatchObject({
      kind: 'unknown',
      reason: 'unrecognised',
      learnable: false,
      message: 'NO-SUCH-THING was not understood — scan it again.',
    });
    expect(pack.scan('07333', order!.id)).toMatchObject({ learnable: false });
    // ...a well-formed product barcode nobody knows is.
    expect(pack.scan('4006381333931', order!.id)).toMatchObject({
      kind: 'unknown',
      reason: 'unrecognised',
      learnable: true,
      message: '4006381333931 is a product barcode this station does not know.',
    });
  });

  it('learns an unknown code as an alias of a SKU and packs it from then on', async () => {
    const { h, pack, settings } = await station({ sandbox: { orders: 40, seed: 9 } });
    const order = h.waitingOrders()[0]!;
    const line = h.orders.view(order.id)!.lines[0]!;
    expect(pack.scan('case-of-six-1', order.id).kind).toBe('unknown');
    pack.learnAlias('case-of-six-1', line.sku!);
    expect(settings.get().aliases['CASE-OF-SIX-1']).toBe(line.sku);
    expect(pack.scan('CASE-OF-SIX-1', order.id)).toMatchObject({
      kind: 'item',
      lineIds: [line.id],
    });
  });

  it("a learned case code scans as its units; the order's own codes stay one unit", async () => {
    const { h, pack, settings } = await station({ sandbox: { orders: 40, seed: 9 } });
    const order = h.waitingOrders()[0]!;
    const line = h.orders.view(order.id)!.lines[0]!;
    pack.learnAlias('case-of-six-2', line.sku!, 6);
    expect(settings.get().aliasUnits).toEqual({ 'CASE-OF-SIX-2': 6 });
    expect(pack.scan('Case-Of-Six-2', order.id)).toMatchObject({
      kind: 'item',
      lineIds: [line.id],
      units: 6,
    });
    expect(pack.scan(line.sku!, order.id)).not.toHaveProperty('units');
    // Learned again as a plain alias: one unit again.
    pack.learnAlias('case-of-six-2', line.sku!);
    expect(pack.scan('CASE-OF-SIX-2', order.id)).not.toHaveProperty('units');
  });

  it("offers a GTIN-14 whose packaging indicator wraps a line's barcode as a case of that line", async () => {
    const { h, pack } = await station({ sandbox: { orders: 40, seed: 9 } });
    const found = h
      .waitingOrders()
      .flatMap((o) => h.orders.view(o.id)!.lines.map((l) => ({ order: o, line: l })))
      .find(({ line }) => line.codes[0] !== undefined)!;
    const item14 = found.line.codes[0]!.padStart(14, '0');
    const body = `3${item14.slice(1, 13)}`;
    const caseCode = `${body}${gs1CheckDigit(body)}`;
    expect(pack.scan(caseCode, found.order.id)).toMatchObject({
      kind: 'unknown',
      learnable: true,
      caseOf: { lineId: found.line.id, sku: found.line.sku },
    });
    // Not a case of anything on another order.
    const other = h
      .waitingOrders()
      .find(
        (o) => !h.orders.view(o.id)!.lines.some((l) => l.codes.includes(found.line.codes[0]!)),
      )!;
    expect(pack.scan(caseCode, other.id)).not.toHaveProperty('caseOf');
    pack.learnAlias(caseCode, found.line.sku!, 12);
    expect(pack.scan(caseCode, found.order.id)).toMatchObject({ kind: 'item', units: 12 });
  });

  it('blocks shipping an order the marketplace cancelled, naming the marketplace and time', async () => {
    const { h, pack } = await station({ sandbox: { orders: 40, seed: 11 } });
    const order = await pickFresh(h, 1);
    await pack.open(order.id);
    await h.admin('PUT', `/orders/${order.id}/state`, {
      normalized_marketplace_state: 'CANCELLED',
    });
    const attempt = pack.ship({
      orderId: order.id,
      lines: [{ lineId: order.order_lines![0]!.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: ups1Z('5R8939030000006'),
    });
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `^This order was cancelled on ${order.marketplace_name} at \\d\\d:\\d\\d — do not ship it\\.$`,
      ),
    );
    expect(pack.state(order.id)!.blocked).toMatch(/do not ship it/);
    expect(h.store.all()).toHaveLength(0);
  });

  it('keeps the last known shipments so an order opens with them offline', async () => {
    const { h, pack } = await station({ sandbox: { orders: 40, seed: 13 } });
    const order = await pickFresh(h, 1);
    const line = order.order_lines![0]!;
    await h.client.createFulfillment(order.id, {
      fulfillment_type: 'shipment',
      fulfillment_lines: [{ line_id: line.id!, quantity: 1 }],
      shipment: {
        shipped_date: '2024-05-01T10:00:00-05:00',
        carrier: 'UPS',
        tracking_number: ups1Z('5R8939030000007'),
      },
    });
    await pack.refresh(order.id);
    await pack.flush();
    const settings = new SettingsService(h.dir, silentLogger);
    const offline = new PackService({
      orders: h.orders,
      outbox: h.outbox,
      entries: h.store,
      settings,
      client: () => undefined,
      dataDir: h.dir,
      log: silentLogger,
    });
    const { state } = await offline.open(order.id);
    expect(state.lines[0]).toMatchObject({ shipped: 1 });
    offline.dispose();
  });

  it('fixes a mistake: a shipment’s tracking number is changed, then the shipment is deleted, each once', async () => {
    const { h, pack } = await station({ sandbox: { orders: 60, seed: 11 } });
    const order = await pickFresh(h, 1);
    const line = order.order_lines![0]!;
    await pack.open(order.id);
    await pack.ship({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: ups1Z('5R8939030000011'),
    });
    await h.outbox.uploadNow();
    const [shipped] = await h.client.listFulfillments(order.id);
    expect(shipped?.shipment?.tracking_number).toBe(ups1Z('5R8939030000011'));

    // Wrong label: the packer puts the right tracking number on the same shipment.
    await pack.updateFulfillment({
      orderId: order.id,
      fulfillmentId: shipped!.id!,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: ups1Z('5R8939030000012'),
    });
    await h.outbox.uploadNow();
    expect((await h.client.getFulfillment(order.id, shipped!.id!)).shipment?.tracking_number).toBe(
      ups1Z('5R8939030000012'),
    );

    // The box never left: the shipment is deleted and its unit is back to pack.
    await pack.deleteRecord({ orderId: order.id, kind: 'fulfillment', id: shipped!.id! });
    await h.outbox.uploadNow();
    expect(await h.client.listFulfillments(order.id)).toEqual([]);
    await pack.refresh(order.id);
    const state = pack.state(order.id)!;
    expect(state.lines.find((l) => l.lineId === line.id)!.left).toBe(line.quantity);
    const { writes: all } = await h.admin<{
      writes: { kind: string; action: string; orderId: string }[];
    }>('GET', `/writes?orderId=${order.id}`);
    expect(all.map((w) => `${w.kind} ${w.action}`)).toEqual([
      'fulfillment create',
      'fulfillment update',
      'fulfillment delete',
    ]);
  });

  it('confirms an order once when it is opened, with the station’s merchant order number', async () => {
    const { h, pack, settings } = await station({ sandbox: { orders: 60, seed: 13 } });
    settings.update({
      stationName: 'B4',
      packing: {
        confirmOnOpen: true,
        merchantOrderNumberFormat: '{station}-{marketplace_order_number}',
      },
    });
    const order = await pickFresh(h, 1);
    await pack.open(order.id);
    await pack.open(order.id); // opening again does not confirm again
    await h.outbox.uploadNow();
    const { writes: confirms } = await h.admin<{
      writes: { kind: string; body: { merchant_order_number?: string } }[];
    }>('GET', `/writes?kind=confirm&orderId=${order.id}`);
    expect(confirms.map((w) => w.body.merchant_order_number)).toEqual([
      `B4-${order.marketplace_order_number}`,
    ]);
  });

  it('builds the merchant order number from the station format', () => {
    const order = { id: '123', marketplace_order_number: 'T-9' } as Order & { id: string };
    expect(
      merchantOrderNumber('{station}-{marketplace_order_number}', order, 'Bench 2', 'Ana'),
    ).toBe('Bench 2-T-9');
  });
});
