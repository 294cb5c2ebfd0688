// Every sandbox answer on the documented seller routes, success and error alike, must match
// openapi.yaml: the sandbox may be strict, but never in a shape the reference does not allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../main/sandbox/index';
import { validateRequest, validateResponse } from './openapi';

let sb: RunningSandbox;
let token = '';
let clock = Date.parse('2025-06-02T15:00:00Z');
const basic = `Basic ${Buffer.from('demo:demo').toString('base64')}`;

interface Call {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

async function call(c: Call): Promise<{ status: number; body: unknown; problems: string[] }> {
  clock += 1000;
  const res = await fetch(`${sb.url}${c.path}`, {
    method: c.method,
    headers: {
      token,
      client: '1001',
      authorization: basic,
      ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...c.headers,
    },
    ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
  });
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  const path = c.path.split('?')[0] ?? c.path;
  return {
    status: res.status,
    body,
    problems: validateResponse({ method: c.method, path, status: res.status, body }),
  };
}

type Json = Record<string, unknown>;
const lines = (o: Json) => o.order_lines as { id: string; quantity: number }[];

beforeAll(async () => {
  sb = await startSandbox({ orders: 300, listRateLimit: false, now: () => new Date(clock) });
  const r = await fetch(`${sb.url}/api/v1/get_token`, { headers: { authorization: basic } });
  token = ((await r.json()) as { token: string }).token;
});
afterAll(async () => sb.close());

describe('sandbox responses match openapi.yaml', () => {
  it('answers get_token, success and 401, as documented', async () => {
    const ok = await fetch(`${sb.url}/api/v1/get_token`, { headers: { authorization: basic } });
    expect(
      validateResponse({
        method: 'GET',
        path: '/api/v1/get_token',
        status: ok.status,
        body: await ok.json(),
      }),
    ).toEqual([]);
    const bad = await fetch(`${sb.url}/api/v1/get_token`, {
      headers: { authorization: `Basic ${Buffer.from('demo:x').toString('base64')}` },
    });
    expect(bad.status).toBe(401);
    expect(
      validateResponse({
        method: 'GET',
        path: '/api/v1/get_token',
        status: 401,
        body: await bad.json(),
      }),
    ).toEqual([]);
  });

  it('answers every order, fulfillment, cancellation and refund route as documented', async () => {
    const list = await call({
      method: 'GET',
      path: '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=250&include_raw_data=true',
    });
    expect(list.problems).toEqual([]);
    const orders = (list.body as { orders: Json[] }).orders;
    const order =
      orders.find((o) => lines(o).length >= 2 && lines(o).every((l) => l.quantity >= 2)) ??
      orders[0]!;
    const id = String(order.id);
    const [l1, l2] = lines(order);
    const fulfillment = {
      fulfillment_type: 'shipment',
      fulfillment_lines: [{ line_id: l1!.id, quantity: 1 }],
      shipment: {
        shipped_date: '2025-06-02T10:30:00-05:00',
        carrier: 'FedEx',
        tracking_number: '123456789012',
      },
    };
    const created = await call({
      method: 'POST',
      path: `/api/v2/orders/${id}/fulfillments`,
      body: fulfillment,
    });
    const fid = String((created.body as Json).id);
    const cancellation = {
      reason: 'out_of_stock',
      cancellation_lines: [{ line_id: (l2 ?? l1)!.id, quantity: 1 }],
    };
    const cancelled = await call({
      method: 'POST',
      path: `/api/v2/orders/${id}/cancellations`,
      body: cancellation,
    });
    const cid = String((cancelled.body as Json).id);
    const refund = await call({
      method: 'POST',
      path: `/api/v2/orders/${id}/refunds`,
      body: {
        cp_refund_number: 'C-1',
        refund_lines: [{ feedamp_order_line_id: l1!.id, refund_reason: 'customer_cancelled' }],
      },
    });
    const rid = String((refund.body as Json).id);
    const orderWithRequest = await call({ method: 'GET', path: `/api/v2/orders/${id}` });
    const fr = await fetch(`${sb.url}/api/v2/orders/${id}/fulfillment_requests`, {
      headers: { token, client: '1001' },
    });
    const frId = ((await fr.json()) as { fulfillment_requests: Json[] }).fulfillment_requests[0]
      ?.id;

    const results = [
      list,
      created,
      cancelled,
      refund,
      orderWithRequest,
      await call({ method: 'GET', path: '/api/v2/orders?limit=2' }),
      await call({ method: 'GET', path: '/api/v2/orders?limit=0' }),
      await call({
        method: 'GET',
        path: '/api/v2/orders?marketplace_state_changed_after=2025-06-01T00:00:00.1Z',
      }),
      await call({ method: 'GET', path: '/api/v2/orders', headers: { client: '4242' } }),
      await call({ method: 'GET', path: '/api/v2/orders', headers: { token: 'nope' } }),
      await call({ method: 'GET', path: '/api/v2/orders/100000000000000000' }),
      await call({
        method: 'POST',
        path: `/api/v2/orders/${id}/confirm`,
        body: { merchant_order_number: 'M-1' },
      }),
      await call({ method: 'POST', path: `/api/v2/orders/${id}/confirm`, body: {} }),
      await call({ method: 'POST', path: `/api/v2/orders/100000000000000000/confirm`, body: {} }),
      await call({
        method: 'POST',
        path: `/api/v2/orders/${id}/run-operation?op=acknowledge`,
        body: {},
      }),
      await call({ method: 'POST', path: `/api/v2/orders/${id}/run-operation?op=nope`, body: {} }),
      await call({
        method: 'GET',
        path: `/api/v2/orders/${id}/fulfillment_requests/${String(frId)}`,
      }),
      await call({ method: 'GET', path: `/api/v2/orders/${id}/fulfillment_requests/1` }),
      await call({
        method: 'GET',
        path: `/api/v2/orders/${id}/fulfillments?tracking_number=123456789012&carrier=FedEx`,
      }),
      await call({ method: 'GET', path: `/api/v2/orders/${id}/fulfillments/${fid}` }),
      await call({
        method: 'PUT',
        path: `/api/v2/orders/${id}/fulfillments/${fid}`,
        body: fulfillment,
      }),
      await call({
        method: 'PUT',
        path: `/api/v2/orders/${id}/fulfillments/${fid}`,
        body: { ...fulfillment, fulfillment_lines: [{ line_id: '1', quantity: 1 }] },
      }),
      await call({
        method: 'POST',
        path: `/api/v2/orders/${id}/fulfillments`,
        body: { ...fulfillment, fulfillment_lines: [{ line_id: l1!.id, quantity: 99 }] },
      }),
      await call({ method: 'GET', path: `/api/v2/orders/${id}/cancellations` }),
      await call({ method: 'GET', path: `/api/v2/orders/${id}/cancellations/${cid}` }),
      await call({
        method: 'PUT',
        path: `/api/v2/orders/${id}/cancellations/${cid}`,
        body: cancellation,
      }),
      await call({
        method: 'POST',
        path: `/api/v2/orders/${id}/cancellations`,
        body: { ...cancellation, reason: 'bored' },
      }),
      await call({ method: 'GET', path: `/api/v2/orders/${id}/refunds` }),
      await call({ method: 'GET', path: `/api/v2/orders/${id}/refunds/${rid}` }),
      await call({ method: 'GET', path: `/api/v2/orders/${id}/refunds/1` }),
      await call({
        method: 'POST',
        path: `/api/v2/orders/${id}/refunds`,
        body: { cp_refund_number: 'C-1', refund_lines: [{ feedamp_order_line_id: l1!.id }] },
      }),
      await call({ method: 'DELETE', path: `/api/v2/orders/${id}/cancellations/${cid}` }),
      await call({ method: 'DELETE', path: `/api/v2/orders/${id}/fulfillments/${fid}` }),
      await call({ method: 'DELETE', path: `/api/v2/orders/${id}/fulfillments/${fid}` }),
    ];
    for (const r of results)
      expect(r.problems, String(JSON.stringify(r.body)).slice(0, 300)).toEqual([]);
    expect(results.map((r) => r.status)).toContain(403);
    expect(results.map((r) => r.status)).toContain(404);
  });

  it('answers every return route as documented', async () => {
    const list = await call({ method: 'GET', path: '/api/v2/returns?limit=3&include_order=true' });
    const ret = (list.body as { returns: Json[] }).returns[0]!;
    const rid = String(ret.id);
    const lineId = (ret.return_lines as Json[])[0]!.id as string;
    const results = [
      list,
      await call({ method: 'GET', path: '/api/v2/returns?return_type=BOAT' }),
      await call({ method: 'GET', path: `/api/v2/returns/${rid}?include_order=true` }),
      await call({
        method: 'POST',
        path: `/api/v2/returns/${rid}/refunds`,
        body: { merchant_refund_lines: [{ feedamp_return_line_id: lineId, item_refund: 1.99 }] },
      }),
      await call({
        method: 'POST',
        path: `/api/v2/returns/${rid}/refunds`,
        body: { merchant_refund_lines: [{ feedamp_return_line_id: '9' }] },
      }),
      await call({
        method: 'POST',
        path: `/api/v2/returns/${rid}/run-operation?op=process`,
        body: {},
      }),
      await call({
        method: 'POST',
        path: '/api/v2/returns/100000000000000000/refunds',
        body: { merchant_refund_lines: [{ feedamp_return_line_id: '9' }] },
      }),
    ];
    for (const r of results)
      expect(r.problems, String(JSON.stringify(r.body)).slice(0, 300)).toEqual([]);
  });

  it('accepts, and logs verbatim, requests that conform to openapi.yaml', async () => {
    const since = (
      (await (await fetch(`${sb.adminUrl}/requests?since=0`)).json()) as { last: number }
    ).last;
    await call({
      method: 'GET',
      path: '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=5',
    });
    const log = (await (await fetch(`${sb.adminUrl}/requests?since=${since}`)).json()) as {
      requests: Json[];
    };
    const logged = log.requests[0] as {
      method: string;
      path: string;
      query: Record<string, string>;
      headers: Record<string, string>;
    };
    expect(validateRequest(logged)).toEqual([]);
  });
});
