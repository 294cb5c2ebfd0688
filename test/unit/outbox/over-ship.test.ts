// Two stations sending the same unit within the same instant both pass the check before sending,
// and FeedAMP (its quantity check off here) takes both: the line is shipped past its order. The
// package stays sent — it is on FeedAMP, and nothing may send it again — but the packer is told,
// with the facts, and can withdraw this station's package through the outbox.
import { afterEach, describe, expect, it } from 'vitest';
import type { Fulfillment, Order } from '../../../main/feedamp/schemas';
import { overShipment } from '../../../main/station/outbox/overship';
import { lastRequest, requestsSince, startHarness, type Harness } from './harness';

let open: Harness[] = [];
afterEach(async () => {
  for (const h of open.reverse()) await h.close();
  open = [];
});

/** `settleMs` also sets when a sent shipment is looked at once more (twice that). */
async function harness(existing?: Harness, settleMs?: number): Promise<Harness> {
  const h = await startHarness({
    ...(existing ? { existingSandbox: existing.sandbox } : {}),
    ...(settleMs ? { settleMs } : {}),
  });
  open.push(h);
  return h;
}

/** An order nothing has been shipped or cancelled from yet, with at least `lines` lines (the
 *  second of two holding at least 2 units, so two later uploads can each take one). */
async function untouchedOrder(h: Harness, lines: number): Promise<Order & { id: string }> {
  for (const o of h.waitingOrders()) {
    if (o.is_marketplace_fulfilled || (o.order_lines ?? []).length < lines) continue;
    if (lines > 1 && (o.order_lines![1]!.quantity ?? 0) < 2) continue;
    const [f, c] = await Promise.all([
      h.client.listFulfillments(o.id),
      h.client.listCancellations(o.id),
    ]);
    if (f.length === 0 && c.length === 0) return o;
  }
  throw new Error(`no untouched order with ${lines} lines`);
}

function shipmentBody(lineId: string, quantity: number, tracking: string) {
  return {
    fulfillment_type: 'shipment',
    fulfillment_lines: [{ line_id: lineId, quantity }],
    shipment: {
      shipped_date: '2026-01-05T10:00:00-05:00',
      carrier: 'USPS',
      tracking_number: tracking,
    },
  };
}

async function shippedOn(h: Harness, orderId: string, lineId: string): Promise<number> {
  const list = await h.client.listFulfillments(orderId);
  return list
    .flatMap((f) => f.fulfillment_lines ?? [])
    .filter((l) => l.line_id === lineId)
    .reduce((n, l) => n + (l.quantity ?? 0), 0);
}

async function posts(h: Harness, since: number, orderId: string): Promise<number> {
  return (await requestsSince(h, since)).filter(
    (r) => r.method === 'POST' && r.path === `/api/v2/orders/${orderId}/fulfillments`,
  ).length;
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('outbox: a shipment that went past its order', () => {
  it('is marked over-shipped with the facts, never sent again, and withdrawn on request', async () => {
    const h = await harness();
    await h.admin('PUT', '/settings', { enforceQuantities: false });
    const order = await untouchedOrder(h, 1);
    const line = order.order_lines![0]!;
    const ordered = line.quantity!;
    // Another station's shipment of every unit of the line lands just before this one's POST:
    // after this station's check, so the check passed.
    await h.admin('POST', '/faults/queue', {
      action: 'otherWrite',
      match: '^POST .*/fulfillments$',
      orderId: order.id,
      write: {
        kind: 'fulfillment',
        orderId: order.id,
        body: shipmentBody(line.id!, ordered, '9400111899'),
      },
    });
    const since = await lastRequest(h);

    const queued = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZOVER0001',
    });
    await h.worker.idle();

    const sent = h.store.get(queued.id)!;
    expect(sent.state).toBe('sent');
    expect(sent.resultId).toBeTruthy();
    expect(sent.overShipped?.sentence).toBe(
      `${line.sku}: ${ordered + 1} shipped of ${ordered} ordered — this station's package ` +
        `(tracking 1ZOVER0001) and another (tracking 9400111899).`,
    );
    expect(h.outbox.counts().attention).toBe(1);
    const view = h.outbox.list().find((e) => e.id === queued.id)!;
    expect(view.overShipped).toBe(sent.overShipped?.sentence);

    // Retry and Upload now must not ship it again.
    await expect(h.outbox.retry(queued.id)).rejects.toThrow(/finished/);
    await h.outbox.uploadNow();
    expect(await posts(h, since, order.id)).toBe(1);
    expect(await shippedOn(h, order.id, line.id!)).toBe(ordered + 1);

    // Withdraw: a delete of this station's shipment goes up through the outbox.
    const settled = await h.outbox.withdraw(queued.id);
    expect(settled.state).toBe('sent');
    expect(settled.overShipped).toBeUndefined();
    expect(settled.overShipSettled?.how).toBe('withdrawn');
    expect(h.outbox.counts().attention).toBe(0);
    await h.worker.idle();
    const withdrawal = h.store.get(settled.overShipSettled!.withdrawalId!)!;
    expect(withdrawal.write).toMatchObject({
      kind: 'fulfillment.delete',
      orderId: order.id,
      fulfillmentId: sent.resultId,
    });
    expect(withdrawal.state).toBe('sent');
    const deletes = (await requestsSince(h, since)).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path)).toEqual([
      `/api/v2/orders/${order.id}/fulfillments/${sent.resultId}`,
    ]);
    expect(await shippedOn(h, order.id, line.id!)).toBeLessThanOrEqual(ordered);
    // Pressing Withdraw again finds nothing to settle.
    await expect(h.outbox.withdraw(queued.id)).rejects.toThrow(/not shown as over-shipped/);
  });

  it('both stations say so: the one whose shipment landed first learns at its next check of the order', async () => {
    const a = await harness();
    // B's look once more after the settle time is far off here: its next upload's check tells it.
    const b = await harness(a, 60_000);
    await a.admin('PUT', '/settings', { enforceQuantities: false });
    const order = await untouchedOrder(a, 2);
    const [first, second] = order.order_lines!;
    const ordered = first!.quantity!;
    // A's POST is held a while before FeedAMP applies it: B checks (A's shipment not there yet),
    // sends and looks (still not there); then A's lands and A looks and sees both.
    await a.admin('POST', '/faults/queue', {
      action: 'slow',
      ms: 1500,
      match: '^POST .*/fulfillments$',
      orderId: order.id,
    });
    const since = await lastRequest(a);
    const fromA = await a.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: first!.id!, quantity: ordered }],
      carrier: 'UPS',
      trackingNumber: '1ZSTATIONA1',
    });
    await until('A to send', async () => (await posts(a, since, order.id)) === 1);
    const fromB = await b.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: first!.id!, quantity: ordered }],
      carrier: 'USPS',
      trackingNumber: '9400STATIONB',
    });
    await b.worker.idle();
    expect(b.store.get(fromB.id)!.state).toBe('sent');
    expect(b.store.get(fromB.id)!.overShipped).toBeUndefined();
    await a.worker.idle();

    const total = 2 * ordered;
    expect(a.store.get(fromA.id)!.overShipped?.sentence).toBe(
      `${first!.sku}: ${total} shipped of ${ordered} ordered — this station's package ` +
        `(tracking 1ZSTATIONA1) and another (tracking 9400STATIONB).`,
    );

    // B's next upload for the order reads it before sending, and B's package is marked too.
    const next = await b.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: second!.id!, quantity: 1 }],
      carrier: 'USPS',
      trackingNumber: '9400STATIONB2',
    });
    await b.worker.idle();
    expect(b.store.get(next.id)!.state).toBe('sent');
    expect(b.store.get(next.id)!.overShipped).toBeUndefined();
    expect(b.store.get(fromB.id)!.overShipped?.sentence).toBe(
      `${first!.sku}: ${total} shipped of ${ordered} ordered — this station's package ` +
        `(tracking 9400STATIONB) and another (tracking 1ZSTATIONA1).`,
    );
    expect(b.outbox.counts().attention).toBe(1);

    // "Keep both" settles it for good: a later check of the order does not raise it again.
    const kept = await b.outbox.keepBoth(fromB.id);
    expect(kept.overShipSettled?.how).toBe('kept');
    expect(b.outbox.counts().attention).toBe(0);
    const cancel = await b.outbox.submitCancellation({
      orderId: order.id,
      lines: [{ lineId: second!.id!, quantity: 1 }],
      reason: 'out_of_stock',
    });
    await b.worker.idle();
    expect(b.store.get(cancel.id)!.state).toBe('sent');
    expect(b.store.get(fromB.id)!.overShipped).toBeUndefined();
    expect(b.outbox.counts().attention).toBe(0);
  });
});

describe('outbox: the look once more after the settle time', () => {
  it('tells the station whose shipment landed first without any further upload', async () => {
    const a = await harness();
    const b = await harness(a, 1_000);
    await a.admin('PUT', '/settings', { enforceQuantities: false });
    const order = await untouchedOrder(a, 1);
    const line = order.order_lines![0]!;
    const ordered = line.quantity!;
    await a.admin('POST', '/faults/queue', {
      action: 'slow',
      ms: 1500,
      match: '^POST .*/fulfillments$',
      orderId: order.id,
    });
    const since = await lastRequest(a);
    await a.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: ordered }],
      carrier: 'UPS',
      trackingNumber: '1ZSTATIONA1',
    });
    await until('A to send', async () => (await posts(a, since, order.id)) === 1);
    const fromB = await b.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: ordered }],
      carrier: 'USPS',
      trackingNumber: '9400STATIONB',
    });
    await b.worker.idle();
    // B's look right after sending came before A's shipment landed.
    expect(b.store.get(fromB.id)!.state).toBe('sent');
    expect(b.store.get(fromB.id)!.overShipped).toBeUndefined();
    expect(b.store.get(fromB.id)!.lookAgain).toBeDefined();

    await until('B to look again', () => !!b.store.get(fromB.id)!.overShipped);
    expect(b.store.get(fromB.id)!.overShipped?.sentence).toBe(
      `${line.sku}: ${2 * ordered} shipped of ${ordered} ordered — this station's package ` +
        `(tracking 9400STATIONB) and another (tracking 1ZSTATIONA1).`,
    );
    expect(b.store.get(fromB.id)!.lookAgain).toBeUndefined();
    expect(b.outbox.counts().attention).toBe(1);
    // Two POSTs in all: one from each station, nothing sent again.
    expect(await posts(a, since, order.id)).toBe(2);
  });

  it('looks once and stops when the line is within its order', async () => {
    const h = await harness(undefined, 100);
    const order = await untouchedOrder(h, 1);
    const line = order.order_lines![0]!;
    const since = await lastRequest(h);
    const entry = await h.outbox.submitShipment({
      orderId: order.id,
      lines: [{ lineId: line.id!, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1ZALONE0001',
    });
    await h.worker.idle();
    await until('the look once more', () => !h.store.get(entry.id)!.lookAgain);
    expect(h.store.get(entry.id)!.overShipped).toBeUndefined();
    const lists = (await requestsSince(h, since)).filter(
      (r) => r.method === 'GET' && r.path === `/api/v2/orders/${order.id}/fulfillments`,
    );
    // The pre-send read, the look right after, the look once more.
    expect(lists).toHaveLength(3);
    expect(h.outbox.counts().attention).toBe(0);
  });
});

describe('the over-shipment sentence', () => {
  const order = {
    id: '100000000000000001',
    order_lines: [
      { id: '11', sku: 'PL-TEE-BLK-S', quantity: 2 },
      { id: '12', sku: 'PL-MUG-WHT', quantity: 1 },
    ],
  } as unknown as Order;
  const shipment = (id: string, tracking: string | undefined, lines: [string, number][]) =>
    ({
      id,
      fulfillment_lines: lines.map(([line_id, quantity]) => ({ line_id, quantity })),
      ...(tracking ? { shipment: { tracking_number: tracking } } : {}),
    }) as unknown as Fulfillment;

  it('names every line that went over, with each other package', () => {
    const fulfillments = [
      shipment('1', '1ZMINE', [
        ['11', 1],
        ['12', 1],
      ]),
      shipment('2', '9400A', [['11', 1]]),
      shipment('3', undefined, [['11', 1]]),
      shipment('4', '9400B', [['12', 1]]),
    ];
    expect(overShipment('1', { order, fulfillments })).toBe(
      "PL-TEE-BLK-S: 3 shipped of 2 ordered — this station's package (tracking 1ZMINE) and 2 others (tracking 9400A). " +
        "PL-MUG-WHT: 2 shipped of 1 ordered — this station's package (tracking 1ZMINE) and another (tracking 9400B).",
    );
  });

  it('says nothing when the lines are within the order or the package is gone from FeedAMP', () => {
    const within = [shipment('1', '1ZMINE', [['11', 1]]), shipment('2', '9400A', [['11', 1]])];
    expect(overShipment('1', { order, fulfillments: within })).toBeUndefined();
    const withdrawn = [shipment('2', '9400A', [['11', 2]]), shipment('3', '9400B', [['11', 1]])];
    expect(overShipment('1', { order, fulfillments: withdrawn })).toBeUndefined();
  });
});
