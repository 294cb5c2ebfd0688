import { afterEach, describe, expect, it } from 'vitest';
import { shipmentBody, startHarness, type Harness, type Order } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type Fulfillment = {
  id: string;
  fulfillment_lines: { line_id: string; quantity: number }[];
  shipment: Record<string, string>;
  state: string;
};

describe('sandbox fulfillments', () => {
  it('ships part of an order, moves marketplace_state_changed_at and keeps it AWAITING_SHIPMENT', async () => {
    h = await startHarness();
    const order = await h.firstOrder('AWAITING_SHIPMENT', 2);
    const line = order.order_lines[0]!;
    h.clock.advance(5000);
    const r = await h.api<Fulfillment>(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }]),
    );
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^\d{18}$/);
    expect(r.body.state).toBe('shipped');
    expect(r.body.fulfillment_lines).toEqual([{ line_id: line.id, quantity: 1 }]);
    const after = await h.api<Order>('GET', `/api/v2/orders/${order.id}`);
    expect(after.body.normalized_marketplace_state).toBe('AWAITING_SHIPMENT');
    expect(Date.parse(after.body.marketplace_state_changed_at)).toBeGreaterThan(
      Date.parse(order.marketplace_state_changed_at),
    );
    const list = await h.api<{ fulfillments: Fulfillment[] }>(
      'GET',
      `/api/v2/orders/${order.id}/fulfillments`,
    );
    expect(list.body.fulfillments.map((f) => f.id)).toEqual([r.body.id]);
  });

  it('marks the order SHIPPED once every unit is shipped', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const r = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody(order.order_lines.map((l) => ({ line_id: l.id, quantity: l.quantity }))),
    );
    expect(r.status).toBe(201);
    const after = await h.api<Order>('GET', `/api/v2/orders/${order.id}`);
    expect(after.body.normalized_marketplace_state).toBe('SHIPPED');
  });

  it('refuses a shipment of more units than are left on the line', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const over = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: line.quantity + 1 }]),
    );
    expect(over.status).toBe(400);
    expect(over.body.error).toMatch(/fulfillment_lines\[0\]\.quantity/);
    expect(
      (
        await h.api(
          'POST',
          `/api/v2/orders/${order.id}/fulfillments`,
          shipmentBody([{ line_id: line.id, quantity: line.quantity }]),
        )
      ).status,
    ).toBe(201);
    const again = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }], 'T2'),
    );
    expect(again.status).toBe(400);
    expect(again.body.error).toMatch(/0 unit\(s\) left/);
  });

  it('counts the same line listed twice in one shipment against what is left', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const r = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([
        { line_id: line.id, quantity: line.quantity },
        { line_id: line.id, quantity: 1 },
      ]),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/fulfillment_lines\[1\]/);
  });

  it('refuses a line id that is not on the order, naming the field', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const r = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: '123456789012345678', quantity: 1 }]),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/fulfillment_lines\[0\]\.line_id/);
  });

  it('refuses a line id sent as a JSON number (ids are strings)', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const body = shipmentBody([]) as Record<string, unknown>;
    const text = JSON.stringify(body).replace(
      '"fulfillment_lines":[]',
      `"fulfillment_lines":[{"line_id":${order.order_lines[0]!.id},"quantity":1}]`,
    );
    const r = await h.raw(`${h.sb.url}/api/v2/orders/${order.id}/fulfillments`, {
      method: 'POST',
      headers: { token: await h.token(), client: '1001', 'content-type': 'application/json' },
      body: text,
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/line_id/);
  });

  it('refuses missing required fields and bad enums, naming the field', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const lines = [{ line_id: order.order_lines[0]!.id, quantity: 1 }];
    const cases: [unknown, RegExp][] = [
      [{ fulfillment_type: 'shipment', fulfillment_lines: lines }, /shipment is required/],
      [
        { shipment: shipmentBody(lines).shipment, fulfillment_lines: lines },
        /fulfillment_type is required/,
      ],
      [{ ...shipmentBody(lines), fulfillment_type: 'teleport' }, /fulfillment_type must be one of/],
      [{ ...shipmentBody(lines), fulfillment_lines: undefined }, /fulfillment_lines is required/],
      [{ ...shipmentBody(lines), fulfillment_lines: [] }, /fulfillment_lines must list at least 1/],
      [
        { ...shipmentBody(lines), shipment: { ...shipmentBody(lines).shipment, carrier: 'Fedex' } },
        /shipment\.carrier must be one of/,
      ],
      [
        { ...shipmentBody(lines), shipment: { carrier: 'UPS', tracking_number: 'X' } },
        /shipment\.shipped_date is required/,
      ],
      [
        {
          ...shipmentBody(lines),
          shipment: { ...shipmentBody(lines).shipment, shipped_date: '2025-06-02 10:00' },
        },
        /shipment\.shipped_date/,
      ],
      [
        {
          ...shipmentBody(lines),
          fulfillment_lines: [{ line_id: lines[0]!.line_id, quantity: 0 }],
        },
        /fulfillment_lines\[0\]\.quantity/,
      ],
      [{ ...shipmentBody(lines), state: 'delivered' }, /state/],
    ];
    for (const [body, message] of cases) {
      const r = await h.api('POST', `/api/v2/orders/${order.id}/fulfillments`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatch(message);
    }
    const bad = await h.raw(`${h.sb.url}/api/v2/orders/${order.id}/fulfillments`, {
      method: 'POST',
      headers: { token: await h.token(), client: '1001', 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
  });

  it('tolerates extra fields in a fulfillment body', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const r = await h.api('POST', `/api/v2/orders/${order.id}/fulfillments`, {
      ...shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }]),
      station: 'bench-3',
    });
    expect(r.status).toBe(201);
  });

  it('refuses shipping an order the marketplace cancelled, with a sentence naming the marketplace', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('PUT', `/orders/${order.id}/state`, {
      normalized_marketplace_state: 'CANCELLED',
    });
    const r = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }]),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(new RegExp(`cancelled by ${order.marketplace_name}`));
  });

  it('refuses shipping a PENDING order', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('PUT', `/orders/${order.id}/state`, { normalized_marketplace_state: 'PENDING' });
    const r = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }]),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/PENDING/);
  });

  it('finds a fulfillment by tracking_number and carrier, and refuses an unknown carrier filter', async () => {
    h = await startHarness();
    const order = await h.firstOrder('AWAITING_SHIPMENT', 2);
    await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'TRACK-A'),
    );
    await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: order.order_lines[1]!.id, quantity: 1 }], 'TRACK-B'),
    );
    const byTracking = await h.api<{ fulfillments: Fulfillment[] }>(
      'GET',
      `/api/v2/orders/${order.id}/fulfillments?tracking_number=TRACK-B`,
    );
    expect(byTracking.body.fulfillments.map((f) => f.shipment.tracking_number)).toEqual([
      'TRACK-B',
    ]);
    const byCarrier = await h.api<{ fulfillments: Fulfillment[] }>(
      'GET',
      `/api/v2/orders/${order.id}/fulfillments?carrier=USPS`,
    );
    expect(byCarrier.body.fulfillments).toEqual([]);
    expect(
      (await h.api('GET', `/api/v2/orders/${order.id}/fulfillments?carrier=Pigeon`)).status,
    ).toBe(400);
  });

  it('replaces a fulfillment with PUT, checking quantities without counting its own units', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const made = await h.api<Fulfillment>(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: line.quantity }]),
    );
    const put = await h.api<Fulfillment>(
      'PUT',
      `/api/v2/orders/${order.id}/fulfillments/${made.body.id}`,
      shipmentBody([{ line_id: line.id, quantity: line.quantity }], 'NEW-TRACK'),
    );
    expect(put.status).toBe(200);
    expect(put.body.shipment.tracking_number).toBe('NEW-TRACK');
    const over = await h.api(
      'PUT',
      `/api/v2/orders/${order.id}/fulfillments/${made.body.id}`,
      shipmentBody([{ line_id: line.id, quantity: line.quantity + 1 }]),
    );
    expect(over.status).toBe(400);
  });

  it('deletes a fulfillment, giving its units back and reopening a SHIPPED order', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const made = await h.api<Fulfillment>(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody(order.order_lines.map((l) => ({ line_id: l.id, quantity: l.quantity }))),
    );
    expect(
      (await h.api<Order>('GET', `/api/v2/orders/${order.id}`)).body.normalized_marketplace_state,
    ).toBe('SHIPPED');
    const del = await h.api('DELETE', `/api/v2/orders/${order.id}/fulfillments/${made.body.id}`);
    expect(del.status).toBe(204);
    expect(
      (await h.api<Order>('GET', `/api/v2/orders/${order.id}`)).body.normalized_marketplace_state,
    ).toBe('AWAITING_SHIPMENT');
    expect(
      (await h.api('GET', `/api/v2/orders/${order.id}/fulfillments/${made.body.id}`)).status,
    ).toBe(404);
  });

  it('answers 404 for a fulfillment on an unknown order', async () => {
    h = await startHarness();
    const r = await h.api(
      'POST',
      '/api/v2/orders/111111111111111111/fulfillments',
      shipmentBody([{ line_id: '1', quantity: 1 }]),
    );
    expect(r.status).toBe(404);
  });

  it('serves fulfillment requests of an order, order_id printed as an exact integer', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const list = await h.raw(`${h.sb.url}/api/v2/orders/${order.id}/fulfillment_requests`, {
      headers: { token: await h.token(), client: '1001' },
    });
    const requests = (list.body as { fulfillment_requests: { id: string }[] }).fulfillment_requests;
    expect(requests.length).toBe(1);
    const res = await fetch(
      `${h.sb.url}/api/v2/orders/${order.id}/fulfillment_requests/${requests[0]!.id}`,
      { headers: { token: await h.token(), client: '1001' } },
    );
    const text = await res.text();
    expect(text).toContain(`"order_id":${order.id}`);
    expect((await h.api('GET', `/api/v2/orders/${order.id}/fulfillment_requests/1`)).status).toBe(
      404,
    );
  });
});
