import { afterEach, describe, expect, it } from 'vitest';
import { shipmentBody, startHarness, type Harness, type Order } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type Cancellation = {
  id: string;
  reason: string;
  cancellation_lines: { line_id: string; quantity: number }[];
};

describe('sandbox cancellations', () => {
  it('cancels every unit and the order becomes CANCELLED', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const body = {
      reason: 'out_of_stock',
      cancellation_lines: order.order_lines.map((l) => ({ line_id: l.id, quantity: l.quantity })),
    };
    const r = await h.api<Cancellation>('POST', `/api/v2/orders/${order.id}/cancellations`, body);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.stringMatching(/^\d{18}$/), ...body });
    const after = await h.api<Order>('GET', `/api/v2/orders/${order.id}`);
    expect(after.body.normalized_marketplace_state).toBe('CANCELLED');
  });

  it('ends SHIPPED, not CANCELLED, when some units shipped and the rest were cancelled', async () => {
    h = await startHarness();
    const order = await h.firstOrder('AWAITING_SHIPMENT', 2);
    const [first, ...rest] = order.order_lines;
    await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: first!.id, quantity: first!.quantity }]),
    );
    const c = await h.api('POST', `/api/v2/orders/${order.id}/cancellations`, {
      reason: 'out_of_stock',
      cancellation_lines: rest.map((l) => ({ line_id: l.id, quantity: l.quantity })),
    });
    expect(c.status).toBe(201);
    expect(
      (await h.api<Order>('GET', `/api/v2/orders/${order.id}`)).body.normalized_marketplace_state,
    ).toBe('SHIPPED');
  });

  it('refuses cancelling more units than are left after shipments', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }]),
    );
    const r = await h.api('POST', `/api/v2/orders/${order.id}/cancellations`, {
      reason: 'out_of_stock',
      cancellation_lines: [{ line_id: line.id, quantity: line.quantity }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/cancellation_lines\[0\]\.quantity/);
  });

  it('refuses an unknown reason and a missing reason, naming the field', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const lines = [{ line_id: order.order_lines[0]!.id, quantity: 1 }];
    const bad = await h.api('POST', `/api/v2/orders/${order.id}/cancellations`, {
      reason: 'bored',
      cancellation_lines: lines,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/reason must be one of/);
    const missing = await h.api('POST', `/api/v2/orders/${order.id}/cancellations`, {
      cancellation_lines: lines,
    });
    expect(missing.body.error).toMatch(/reason is required/);
    const noLines = await h.api('POST', `/api/v2/orders/${order.id}/cancellations`, {
      reason: 'other',
    });
    expect(noLines.body.error).toMatch(/cancellation_lines is required/);
  });

  it('refuses a cancellation on an order the marketplace cancelled', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('PUT', `/orders/${order.id}/state`, {
      normalized_marketplace_state: 'CANCELLED',
    });
    const r = await h.api('POST', `/api/v2/orders/${order.id}/cancellations`, {
      reason: 'other',
      cancellation_lines: [{ line_id: order.order_lines[0]!.id, quantity: 1 }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/cancelled by/);
  });

  it('updates a cancellation with PUT and deletes it, giving units back', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const made = await h.api<Cancellation>('POST', `/api/v2/orders/${order.id}/cancellations`, {
      reason: 'out_of_stock',
      cancellation_lines: [{ line_id: line.id, quantity: 1 }],
    });
    const put = await h.api<Cancellation>(
      'PUT',
      `/api/v2/orders/${order.id}/cancellations/${made.body.id}`,
      { reason: 'price_error', cancellation_lines: [{ line_id: line.id, quantity: 1 }] },
    );
    expect(put.status).toBe(200);
    expect(put.body.reason).toBe('price_error');
    const list = await h.api<{ cancellations: Cancellation[] }>(
      'GET',
      `/api/v2/orders/${order.id}/cancellations`,
    );
    expect(list.body.cancellations).toHaveLength(1);
    expect(
      (await h.api('DELETE', `/api/v2/orders/${order.id}/cancellations/${made.body.id}`)).status,
    ).toBe(204);
    expect(
      (await h.api('GET', `/api/v2/orders/${order.id}/cancellations/${made.body.id}`)).status,
    ).toBe(404);
    const ship = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: line.quantity }]),
    );
    expect(ship.status).toBe(201);
  });
});
