import { afterEach, describe, expect, it } from 'vitest';
import { shipmentBody, startHarness, type Harness, type Order } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type TokenReply = {
  access_token: string;
  token_type: string;
  refresh_token: string;
  expires_in: number;
  error?: string;
};

async function authorize(hh: Harness, clientId = 'target'): Promise<string> {
  const res = await fetch(
    `${hh.sb.marketplaceUrl}/api/v1/authorize?response_type=code&client_id=${clientId}&state=xyz&redirect_url=${encodeURIComponent('https://mp.example/cb')}`,
    { redirect: 'manual' },
  );
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(location.origin + location.pathname).toBe('https://mp.example/cb');
  expect(location.searchParams.get('state')).toBe('xyz');
  return location.searchParams.get('code') ?? '';
}

async function accessToken(hh: Harness, body: Record<string, string>, form = false) {
  return hh.raw<TokenReply>(`${hh.sb.marketplaceUrl}/api/v1/access_token`, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
}

async function bearer(hh: Harness): Promise<string> {
  const code = await authorize(hh);
  const r = await accessToken(hh, {
    grant_type: 'authorization_code',
    client_id: 'target',
    client_secret: 'target-secret',
    code,
  });
  return r.body.access_token;
}

function newOrder(number: string, state = 'AWAITING_SHIPMENT') {
  return {
    mp_order_number: number,
    sales_channel: 'Target.com',
    customer: { full_name: 'Ada Lovelace', email: 'ada@example.com' },
    purchase_date: '2025-06-02T12:00:00Z',
    currency: 'USD',
    shipping_address: {
      full_name: 'Ada Lovelace',
      address1: '1 Analytical Way',
      city: 'Austin',
      state: 'TX',
      postal_code: '78701',
      country_code: 'USA',
    },
    order_lines: [
      {
        mp_line_number: '1',
        sku: 'PL-MUG-SAGE',
        product_name: 'Mug',
        quantity: 2,
        unit_price: 14.99,
        upc: '012345678905',
      },
      { mp_line_number: '2', sku: 'PL-TEE-BLK-M', quantity: 1, unit_price: 18 },
    ],
    marketplace_state: state,
  };
}

describe('sandbox Order Source API (marketplace side)', () => {
  it('runs the authorization-code flow and issues 1-hour Bearer tokens', async () => {
    h = await startHarness();
    const code = await authorize(h);
    const r = await accessToken(h, {
      grant_type: 'authorization_code',
      client_id: 'target',
      client_secret: 'target-secret',
      code,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(r.body.refresh_token).toBeTruthy();
    const reuse = await accessToken(h, {
      grant_type: 'authorization_code',
      client_id: 'target',
      client_secret: 'target-secret',
      code,
    });
    expect(reuse.status).toBe(401);
  });

  it('accepts x-www-form-urlencoded access_token requests and the refresh_token grant', async () => {
    h = await startHarness();
    const code = await authorize(h);
    const first = await accessToken(
      h,
      {
        grant_type: 'authorization_code',
        client_id: 'target',
        client_secret: 'target-secret',
        code,
      },
      true,
    );
    expect(first.status).toBe(200);
    h.clock.advance(3_600_001);
    const expired = await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders`, {
      headers: { authorization: `Bearer ${first.body.access_token}` },
    });
    expect(expired.status).toBe(401);
    const refreshed = await accessToken(
      h,
      {
        grant_type: 'refresh_token',
        client_id: 'target',
        client_secret: 'target-secret',
        refresh_token: first.body.refresh_token,
      },
      true,
    );
    expect(refreshed.status).toBe(200);
    const okay = await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders`, {
      headers: { authorization: `Bearer ${refreshed.body.access_token}` },
    });
    expect(okay.status).toBe(200);
  });

  it('refuses a wrong client secret (401), a missing grant_type (400) and a non-code response_type (400)', async () => {
    h = await startHarness();
    const code = await authorize(h);
    expect(
      (
        await accessToken(h, {
          grant_type: 'authorization_code',
          client_id: 'target',
          client_secret: 'nope',
          code,
        })
      ).status,
    ).toBe(401);
    const missing = await accessToken(h, {
      client_id: 'target',
      client_secret: 'target-secret',
      code,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/grant_type/);
    const implicit = await fetch(
      `${h.sb.marketplaceUrl}/api/v1/authorize?response_type=token&client_id=target&redirect_url=https://x.example`,
      { redirect: 'manual' },
    );
    expect(implicit.status).toBe(400);
  });

  it('requires a Bearer token on order routes', async () => {
    h = await startHarness();
    expect((await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders`)).status).toBe(401);
  });

  it('places an order that the seller then sees as AWAITING_SHIPMENT with string line ids', async () => {
    h = await startHarness();
    const auth = { authorization: `Bearer ${await bearer(h)}`, 'content-type': 'application/json' };
    const put = await h.raw<{ feedamp_order_id: string; status: string }>(
      `${h.sb.marketplaceUrl}/api/v1/orders/TGT-1`,
      { method: 'PUT', headers: auth, body: JSON.stringify(newOrder('TGT-1')) },
    );
    expect(put.status).toBe(201);
    expect(put.body.status).toBe('ORDERED');
    const seller = await h.api<{ orders: Order[] }>(
      'GET',
      '/api/v2/orders?marketplace_order_number=TGT-1',
    );
    const order = seller.body.orders[0]!;
    expect(order.id).toBe(put.body.feedamp_order_id);
    expect(order.normalized_marketplace_state).toBe('AWAITING_SHIPMENT');
    expect(order.marketplace_name).toBe('Target');
    expect(order.order_lines[0]).toMatchObject({
      sku: 'PL-MUG-SAGE',
      quantity: 2,
      order_line_additional_properties: { upc: '012345678905' },
    });
  });

  it('refuses an order body missing required fields, naming the field', async () => {
    h = await startHarness();
    const auth = { authorization: `Bearer ${await bearer(h)}`, 'content-type': 'application/json' };
    const { currency: _c, ...noCurrency } = newOrder('TGT-2');
    const r = await h.raw<{ error: string }>(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-2`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(noCurrency),
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/currency is required/);
    const badDate = await h.raw<{ error: string }>(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-2`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ ...newOrder('TGT-2'), purchase_date: '2025-06-02T12:00:00-05:00' }),
    });
    expect(badDate.body.error).toMatch(/purchase_date/);
  });

  it('shows the seller’s shipments to the marketplace and blocks shipping once the marketplace cancels', async () => {
    h = await startHarness();
    const auth = { authorization: `Bearer ${await bearer(h)}`, 'content-type': 'application/json' };
    await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-3`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(newOrder('TGT-3')),
    });
    const order = (
      await h.api<{ orders: Order[] }>('GET', '/api/v2/orders?marketplace_order_number=TGT-3')
    ).body.orders[0]!;
    const line = order.order_lines[0]!;
    await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }], '1ZTRACK'),
    );
    const f = await h.raw<{
      status: string;
      fulfillments: {
        mp_line_number: string;
        shipments: { quantity: number; tracking_number: string; shipped_date: string }[];
        pending: { quantity: number };
        status: string;
      }[];
    }>(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-3/fulfillments`, { headers: auth });
    expect(f.body.status).toBe('IN_PROGRESS');
    expect(f.body.fulfillments[0]).toMatchObject({
      mp_line_number: '1',
      pending: { quantity: 1 },
      status: 'PARTIALLY_FULFILLED',
    });
    expect(f.body.fulfillments[0]?.shipments[0]).toMatchObject({
      quantity: 1,
      tracking_number: '1ZTRACK',
      shipped_date: '2025-06-02',
    });
    const partial = await h.raw<{ orders: { mp_order_number: string }[] }>(
      `${h.sb.marketplaceUrl}/api/v1/orders?fulfillment_status=PARTIALLY_FULFILLED&page_size=50`,
      { headers: auth },
    );
    expect(partial.body.orders.map((o) => o.mp_order_number)).toContain('TGT-3');

    const before = Date.parse(order.marketplace_state_changed_at);
    h.clock.advance(5000);
    const cancel = await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-3`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(newOrder('TGT-3', 'CANCELLED')),
    });
    expect(cancel.status).toBe(200);
    const after = (await h.api<Order>('GET', `/api/v2/orders/${order.id}`)).body;
    expect(after.normalized_marketplace_state).toBe('CANCELLED');
    expect(Date.parse(after.marketplace_state_changed_at)).toBeGreaterThan(before);
    const refused = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }], '1ZOTHER'),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/cancelled by Target/);
  });

  it('records fulfillment errors and filters orders by has_errors', async () => {
    h = await startHarness();
    const auth = { authorization: `Bearer ${await bearer(h)}`, 'content-type': 'application/json' };
    await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-4`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(newOrder('TGT-4')),
    });
    const posted = await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-4/errors`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify([
        {
          code: 'INVALID_TRACKING_NUMBER',
          message: 'Unknown tracking number',
          mp_line_number: '1',
        },
      ]),
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({});
    const withErrors = await h.raw<{ orders: { mp_order_number: string }[] }>(
      `${h.sb.marketplaceUrl}/api/v1/orders?has_errors=true`,
      { headers: auth },
    );
    expect(withErrors.body.orders.map((o) => o.mp_order_number)).toEqual(['TGT-4']);
    const notArray = await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders/TGT-4/errors`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code: 'X', message: 'y' }),
    });
    expect(notArray.status).toBe(400);
    expect(
      (
        await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders/NOPE/errors`, {
          method: 'POST',
          headers: auth,
          body: '[]',
        })
      ).status,
    ).toBe(404);
  });

  it('lists only this marketplace’s orders, refusing page_size outside 10..50', async () => {
    h = await startHarness();
    const auth = { authorization: `Bearer ${await bearer(h)}` };
    const r = await h.raw<{ orders: { sales_channel: string }[] }>(
      `${h.sb.marketplaceUrl}/api/v1/orders?page_size=50`,
      { headers: auth },
    );
    expect(r.body.orders.length).toBeGreaterThan(0);
    expect(r.body.orders.every((o) => o.sales_channel === 'Target.com')).toBe(true);
    expect(
      (await h.raw(`${h.sb.marketplaceUrl}/api/v1/orders?page_size=5`, { headers: auth })).status,
    ).toBe(400);
  });
});
