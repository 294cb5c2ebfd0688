// Races a single station never sees on its own: another client of the same account shipping or
// cancelling between two reads, FeedAMP letting an over-shipment through, and faults aimed at
// one order only.
import { afterEach, describe, expect, it } from 'vitest';
import { shipmentBody, startHarness, type Harness, type Order } from './harness';

let h: Harness;
afterEach(async () => h?.close());

interface Write {
  kind: string;
  action: string;
  by: string;
  orderId: string;
  id?: string;
  body: unknown;
}
type Writes = { counts: Record<string, number>; writes: Write[] };
type Line = { line_id: string; quantity: number };

const cancelBody = (lines: Line[]) => ({
  cancellation_lines: lines,
  reason: 'customer_cancelled',
});

async function fulfillments(order: Order): Promise<{ id: string; fulfillment_lines: Line[] }[]> {
  const r = await h.api<{ fulfillments: { id: string; fulfillment_lines: Line[] }[] }>(
    'GET',
    `/api/v2/orders/${order.id}/fulfillments`,
  );
  return r.body.fulfillments;
}

async function orderNow(order: Order): Promise<Order> {
  return (await h.api<Order>('GET', `/api/v2/orders/${order.id}`)).body;
}

describe('sandbox other-client writes (admin)', () => {
  it('ships through the admin as another station: 201, listed by the seller API, by admin', async () => {
    h = await startHarness();
    const order = await h.firstOrder('AWAITING_SHIPMENT', 2);
    const line = order.order_lines[0]!;
    const before = order.marketplace_state_changed_at;
    h.clock.advance(60_000);
    const body = shipmentBody([{ line_id: line.id, quantity: line.quantity }], 'OTHER-1');
    const r = await h.admin<{ id: string; fulfillment_lines: Line[] }>(
      'POST',
      `/orders/${order.id}/fulfillments`,
      body,
    );
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^\d+$/);
    expect(r.body.fulfillment_lines).toEqual([{ line_id: line.id, quantity: line.quantity }]);

    expect((await fulfillments(order)).map((f) => f.id)).toEqual([r.body.id]);
    expect((await orderNow(order)).marketplace_state_changed_at).not.toBe(before);

    // The seller's own write is told apart from the other client's.
    const other = order.order_lines[1]!;
    const own = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: other.id, quantity: 1 }], 'OWN-1'),
    );
    expect(own.status).toBe(201);
    const writes = await h.admin<Writes>('GET', `/writes?orderId=${order.id}`);
    expect(writes.body.writes[0]).toMatchObject({
      kind: 'fulfillment',
      action: 'create',
      by: 'admin',
      id: r.body.id,
      body,
    });
    expect(writes.body.writes[1]).toMatchObject({ by: 'seller' });
    const adminOnly = await h.admin<Writes>('GET', '/writes?by=admin');
    expect(adminOnly.body.writes).toHaveLength(1);
  });

  it('takes the seller API’s checks: units left, line ids, unknown orders', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const tooMany = await h.admin<{ error: string }>(
      'POST',
      `/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: line.quantity + 1 }]),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toContain('exceeds');
    const badLine = await h.admin(
      'POST',
      `/orders/${order.id}/cancellations`,
      cancelBody([{ line_id: '1', quantity: 1 }]),
    );
    expect(badLine.status).toBe(400);
    const badReason = await h.admin('POST', `/orders/${order.id}/cancellations`, {
      cancellation_lines: [{ line_id: line.id, quantity: 1 }],
      reason: 'BECAUSE',
    });
    expect(badReason.status).toBe(400);
    expect(
      (await h.admin('POST', '/orders/999999999999999999/fulfillments', shipmentBody([]))).status,
    ).toBe(404);
    expect((await h.admin<Writes>('GET', '/writes')).body.writes).toEqual([]);
  });

  it('cancels through the admin: the order leaves AWAITING_SHIPMENT when every unit is gone', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const all = order.order_lines.map((l) => ({ line_id: l.id, quantity: l.quantity }));
    const r = await h.admin<{ id: string; reason: string }>(
      'POST',
      `/orders/${order.id}/cancellations`,
      cancelBody(all),
    );
    expect(r.status).toBe(201);
    expect(r.body.reason).toBe('customer_cancelled');
    const listed = await h.api<{ cancellations: { id: string }[] }>(
      'GET',
      `/api/v2/orders/${order.id}/cancellations`,
    );
    expect(listed.body.cancellations.map((c) => c.id)).toEqual([r.body.id]);
    expect((await orderNow(order)).normalized_marketplace_state).toBe('CANCELLED');
    // The seller's next shipment of those units is refused, as after a real race.
    const late = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: all[0]!.line_id, quantity: 1 }]),
    );
    expect(late.status).toBe(400);
  });
});

describe('sandbox otherWrite fault', () => {
  it('ships from another station between two reads of the same order', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const theirs = shipmentBody([{ line_id: line.id, quantity: line.quantity }], 'STATION-B');
    await h.admin('POST', '/faults/queue', {
      match: '^GET /api/v2/orders/\\d+/fulfillments$',
      orderId: order.id,
      action: 'otherWrite',
      write: { kind: 'fulfillment', orderId: order.id, body: theirs },
    });
    // First read: already includes the other station's write, applied just before it.
    const seen = await fulfillments(order);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.fulfillment_lines).toEqual([{ line_id: line.id, quantity: line.quantity }]);
    // Used up: nothing more is written.
    expect(await fulfillments(order)).toHaveLength(1);
    const mine = await h.api<{ error: string }>(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }], 'STATION-A'),
    );
    expect(mine.status).toBe(400);
    const writes = await h.admin<Writes>('GET', '/writes?kind=fulfillment');
    expect(writes.body.writes.map((w) => w.by)).toEqual(['admin']);
    const faults = await h.admin<{ otherWrites: { status: number; orderId: string }[] }>(
      'GET',
      '/faults',
    );
    expect(faults.body.otherWrites).toMatchObject([{ status: 201, orderId: order.id }]);
  });

  it('lands before the seller’s own POST, which then meets the other client’s units', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    await h.admin('POST', '/faults/queue', {
      match: '^POST ',
      action: 'otherWrite',
      write: {
        kind: 'cancellation',
        orderId: order.id,
        body: cancelBody([{ line_id: line.id, quantity: line.quantity }]),
      },
    });
    const mine = await h.api<{ error: string }>(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }]),
    );
    expect(mine.status).toBe(400);
    expect(mine.body.error).toContain('exceeds the 0 unit(s) left');
  });

  it('notes a refused other write and still handles the request normally', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('POST', '/faults/queue', {
      action: 'otherWrite',
      write: {
        kind: 'fulfillment',
        orderId: order.id,
        body: shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 99 }]),
      },
    });
    expect((await h.api('GET', `/api/v2/orders/${order.id}`)).status).toBe(200);
    const faults = await h.admin<{ otherWrites: { status: number; error?: string }[] }>(
      'GET',
      '/faults',
    );
    expect(faults.body.otherWrites[0]).toMatchObject({ status: 400 });
    expect(faults.body.otherWrites[0]?.error).toContain('exceeds');
  });

  it('refuses an otherWrite fault without its write', async () => {
    h = await startHarness();
    const r = await h.admin<{ error: string }>('POST', '/faults/queue', { action: 'otherWrite' });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('write');
  });
});

describe('sandbox quantity check switch', () => {
  it('refuses an over-shipment by default and records it once switched off, until reset', async () => {
    h = await startHarness();
    const order = await h.firstOrder('AWAITING_SHIPMENT', 2);
    const line = order.order_lines[0]!;
    const over = shipmentBody([{ line_id: line.id, quantity: line.quantity + 2 }], 'OVER-1');
    expect((await h.admin('GET', '/settings')).body).toEqual({ enforceQuantities: true });
    expect((await h.api('POST', `/api/v2/orders/${order.id}/fulfillments`, over)).status).toBe(400);

    const put = await h.admin('PUT', '/settings', { enforceQuantities: false });
    expect(put.body).toEqual({ enforceQuantities: false });
    expect((await h.api('POST', `/api/v2/orders/${order.id}/fulfillments`, over)).status).toBe(201);
    const extra = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/cancellations`,
      cancelBody([{ line_id: line.id, quantity: 1 }]),
    );
    expect(extra.status).toBe(201);
    const shipped = (await fulfillments(order))
      .flatMap((f) => f.fulfillment_lines)
      .filter((l) => l.line_id === line.id)
      .reduce((n, l) => n + l.quantity, 0);
    expect(shipped).toBe(line.quantity + 2);
    // Another line still open keeps the order awaiting shipment.
    expect((await orderNow(order)).normalized_marketplace_state).toBe('AWAITING_SHIPMENT');
    // Unknown lines stay refused.
    const unknown = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: '1', quantity: 1 }]),
    );
    expect(unknown.status).toBe(400);

    await h.admin('POST', '/reset');
    expect((await h.admin('GET', '/settings')).body).toEqual({ enforceQuantities: true });
  });

  it('refuses settings it does not know', async () => {
    h = await startHarness();
    expect((await h.admin('PUT', '/settings', { enforceQuantities: 'no' })).status).toBe(400);
    expect((await h.admin('PUT', '/settings', { enforce: false })).status).toBe(400);
  });
});

describe('sandbox faults scoped to one order', () => {
  it('hits only requests naming that order, scripted and random', async () => {
    h = await startHarness();
    const r = await h.api<{ orders: Order[] }>(
      'GET',
      '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=2',
    );
    const [target, other] = r.body.orders;
    await h.admin('POST', '/faults/queue', { orderId: target!.id, action: 'error', times: 2 });
    expect((await h.api('GET', `/api/v2/orders/${other!.id}`)).status).toBe(200);
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(200);
    expect((await h.api('GET', `/api/v2/orders/${target!.id}`)).status).toBe(503);
    expect((await h.api('GET', `/api/v2/orders/${target!.id}/fulfillments`)).status).toBe(503);
    expect((await h.api('GET', `/api/v2/orders/${target!.id}`)).status).toBe(200);

    await h.admin('PUT', '/faults', { errorRate: 1, orderId: other!.id });
    expect((await h.api('GET', `/api/v2/orders/${target!.id}`)).status).toBe(200);
    expect([500, 503]).toContain(
      (await h.api('GET', `/api/v2/orders/${other!.id}/cancellations`)).status,
    );
  });
});
