import { afterEach, describe, expect, it } from 'vitest';
import { shipmentBody, startHarness, type Harness, type Order } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type Page = { orders: Order[]; next_cursor?: string; error?: string };

describe('sandbox orders list', () => {
  it('refuses an unknown normalized_marketplace_state with 400 naming the field', async () => {
    h = await startHarness();
    const r = await h.api<Page>(
      'GET',
      '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT,SHIPPING',
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/normalized_marketplace_state/);
  });

  it('refuses date filters with fractional seconds or without an offset', async () => {
    h = await startHarness();
    for (const value of [
      '2025-06-01T10:00:00.000Z',
      '2025-06-01T10:00:00',
      '2025-06-01',
      '2025-02-30T10:00:00-05:00',
    ]) {
      const r = await h.api<Page>(
        'GET',
        `/api/v2/orders?marketplace_state_changed_after=${encodeURIComponent(value)}`,
      );
      expect(r.status, value).toBe(400);
      expect(r.body.error).toMatch(/marketplace_state_changed_after/);
    }
    const okay = await h.api(
      'GET',
      `/api/v2/orders?imported_after=${encodeURIComponent('2025-06-01T10:00:00+00:00')}`,
    );
    expect(okay.status).toBe(200);
  });

  it('refuses limit outside 1..250', async () => {
    h = await startHarness();
    for (const limit of ['0', '251', 'ten', '1.5', '-1']) {
      const r = await h.api<Page>('GET', `/api/v2/orders?limit=${limit}`);
      expect(r.status, limit).toBe(400);
      expect(r.body.error).toMatch(/limit/);
    }
    expect((await h.api('GET', '/api/v2/orders?limit=250')).status).toBe(200);
  });

  it('pages with next_cursor through every order exactly once, with a default page of 100', async () => {
    h = await startHarness({ orders: 230 });
    const first = await h.api<Page>('GET', '/api/v2/orders');
    expect(first.body.orders).toHaveLength(100);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const r: { body: Page } = await h.api<Page>(
        'GET',
        `/api/v2/orders?limit=70${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...r.body.orders.map((o) => o.id));
      cursor = r.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(230);
    expect(new Set(seen).size).toBe(230);
  });

  it('keeps cursor paging stable while orders change state underneath', async () => {
    h = await startHarness({ orders: 120 });
    const all = await h.api<Page>(
      'GET',
      '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=250',
    );
    const expected = all.body.orders.map((o) => o.id);
    const page1 = await h.api<Page>(
      'GET',
      '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=10',
    );
    // Ship an order already seen and one not yet seen; neither may cause a skip or a repeat.
    const seenOrder = page1.body.orders[0] as Order;
    const unseen = all.body.orders.find(
      (o) => !page1.body.orders.some((p) => p.id === o.id),
    ) as Order;
    for (const order of [seenOrder, unseen]) {
      const left = await h.api<Order>('GET', `/api/v2/orders/${order.id}`);
      await h.admin('PUT', `/orders/${left.body.id}/state`, {
        normalized_marketplace_state: 'CANCELLED',
      });
    }
    const ids = page1.body.orders.map((o) => o.id);
    let cursor = page1.body.next_cursor;
    while (cursor) {
      const r: { body: Page } = await h.api<Page>(
        'GET',
        `/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=10&cursor=${cursor}`,
      );
      ids.push(...r.body.orders.map((o) => o.id));
      cursor = r.body.next_cursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected.filter((id) => id !== unseen.id));
  });

  it('refuses a cursor it never issued', async () => {
    h = await startHarness();
    const r = await h.api<Page>('GET', '/api/v2/orders?cursor=garbage');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/cursor/);
  });

  it('finds orders whose state changed after a watermark, including ones just shipped', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const watermark = new Date(h.clock.now).toISOString().replace(/\.\d+Z$/, '+00:00');
    h.clock.advance(2000);
    const shipped = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody(order.order_lines.map((l) => ({ line_id: l.id, quantity: l.quantity }))),
    );
    expect(shipped.status).toBe(201);
    const r = await h.api<Page>(
      'GET',
      `/api/v2/orders?marketplace_state_changed_after=${encodeURIComponent(watermark)}`,
    );
    expect(r.body.orders.map((o) => o.id)).toEqual([order.id]);
    expect(r.body.orders[0]?.normalized_marketplace_state).toBe('SHIPPED');
  });

  it('filters by order numbers and location, client_location_id winning over source_location_id', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const byNumber = await h.api<Page>(
      'GET',
      `/api/v2/orders?marketplace_order_number=${encodeURIComponent(order.marketplace_order_number)}`,
    );
    expect(byNumber.body.orders.map((o) => o.id)).toContain(order.id);
    const loc = order.location as { client_location_id: string };
    const r = await h.api<Page>(
      'GET',
      `/api/v2/orders?client_location_id=${loc.client_location_id}&source_location_id=NOPE&limit=250`,
    );
    expect(r.body.orders.length).toBeGreaterThan(0);
    expect(
      r.body.orders.every(
        (o) =>
          (o.location as { client_location_id: string }).client_location_id ===
          loc.client_location_id,
      ),
    ).toBe(true);
  });

  it('serves ids as 18-digit strings and date-times as RFC 3339 with an offset', async () => {
    h = await startHarness();
    const r = await h.api<Page>('GET', '/api/v2/orders?limit=20');
    for (const o of r.body.orders) {
      expect(o.id).toMatch(/^\d{18}$/);
      for (const l of o.order_lines) expect(l.id).toMatch(/^\d{18}$/);
      expect(o.marketplace_state_changed_at).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/,
      );
    }
  });
});

describe('sandbox single order', () => {
  it('answers 404 for an unknown order id', async () => {
    h = await startHarness();
    const r = await h.api('GET', '/api/v2/orders/999999999999999999');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/999999999999999999/);
  });

  it('confirms an order once, records merchant_order_number, and refuses a second confirm with 400', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const first = await h.api('POST', `/api/v2/orders/${order.id}/confirm`, {
      merchant_order_number: 'M-1001',
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: order.id, merchant_order_number: 'M-1001' });
    const again = await h.api('POST', `/api/v2/orders/${order.id}/confirm`, {});
    expect(again.status).toBe(400);
    expect(again.body.error).toMatch(/already confirmed/);
    const found = await h.api<Page>('GET', '/api/v2/orders?merchant_order_number=M-1001');
    expect(found.body.orders.map((o) => o.id)).toEqual([order.id]);
  });

  it('refuses an empty merchant_order_number on confirm', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const r = await h.api('POST', `/api/v2/orders/${order.id}/confirm`, {
      merchant_order_number: '',
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/merchant_order_number/);
  });

  it('acknowledges an order with run-operation and refuses a missing or unknown op', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    // The marketplace asks for an explicit acknowledgement before the order may ship.
    await h.admin('PUT', `/orders/${order.id}/state`, {
      normalized_marketplace_state: 'AWAITING_ACKNOWLEDGEMENT',
    });
    const r = await h.api('POST', `/api/v2/orders/${order.id}/run-operation?op=acknowledge`, {});
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ operation: 'acknowledge', response: {} });
    const after = await h.api<Order>('GET', `/api/v2/orders/${order.id}`);
    expect(after.body.normalized_marketplace_state).toBe('AWAITING_SHIPMENT');
    expect((await h.api('POST', `/api/v2/orders/${order.id}/run-operation`, {})).status).toBe(400);
    expect(
      (await h.api('POST', `/api/v2/orders/${order.id}/run-operation?op=explode`, {})).status,
    ).toBe(400);
  });

  it('includes raw marketplace data only when include_raw_data=true', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    expect((await h.api('GET', `/api/v2/orders/${order.id}`)).body.raw_data).toBeUndefined();
    expect(
      (await h.api('GET', `/api/v2/orders/${order.id}?include_raw_data=true`)).body.raw_data,
    ).toBeDefined();
    expect((await h.api('GET', `/api/v2/orders/${order.id}?include_raw_data=yes`)).status).toBe(
      400,
    );
  });
});
