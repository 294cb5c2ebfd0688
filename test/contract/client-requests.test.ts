// Every request FeedampClient sends, for every endpoint, checked against openapi.yaml by the
// project's independent validator. The replies come from a recording scripted server and are
// themselves checked against the spec, so the canned data cannot drift from the docs either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedampClient, MemoryTokenStore } from '../../main/feedamp/index.js';
import {
  startScriptedServer,
  type RecordedRequest,
  type Reply,
  type ScriptedServer,
} from '../unit/feedamp/scripted-server.js';
import { validateRequest, validateResponse } from './openapi.js';

const ORDER_ID = '109872189273617283';
const LINE_ID = '209872189273617283';
const order = {
  id: ORDER_ID,
  marketplace_order_number: 'M-1',
  order_lines: [{ id: LINE_ID, sku: 'SKU-1', quantity: 2 }],
  normalized_marketplace_state: 'AWAITING_SHIPMENT',
};
const fulfillment = {
  id: '5',
  fulfillment_type: 'shipment',
  state: 'shipped',
  shipment: { shipped_date: '2024-06-15T10:30:00-04:00', carrier: 'UPS', tracking_number: '1Z' },
  fulfillment_lines: [{ line_id: LINE_ID, quantity: 1 }],
};
const cancellation = {
  id: '6',
  reason: 'out_of_stock',
  cancellation_lines: [{ line_id: LINE_ID, quantity: 1 }],
};
const refund = {
  id: '7',
  cp_refund_number: 'R-1',
  refund_lines: [{ feedamp_order_line_id: LINE_ID, refund_reason: 'customer_cancelled' }],
};
const ret = {
  id: '8',
  order_id: ORDER_ID,
  return_type: 'SHIP',
  return_lines: [{ id: '81', quantity: 1 }],
};

function reply(req: RecordedRequest): Reply {
  const p = req.path;
  const m = req.method;
  if (p === '/api/v1/get_token') return { status: 200, body: { token: 'tok' } };
  if (p === '/api/v2/orders') return { status: 200, body: { orders: [order], next_cursor: '' } };
  if (p === '/api/v2/returns') return { status: 200, body: { returns: [ret], next_cursor: '' } };
  if (/\/confirm$/.test(p))
    return { status: 200, body: { id: ORDER_ID, merchant_order_number: 'O-1' } };
  if (/\/run-operation$/.test(p))
    return { status: 200, body: { operation: req.query.op, response: {} } };
  if (/\/fulfillment_requests\//.test(p))
    return { status: 200, body: { id: '4', order_id: 12345, fulfillment_request_lines: [] } };
  if (/\/fulfillments$/.test(p))
    return m === 'GET'
      ? { status: 200, body: { fulfillments: [fulfillment] } }
      : { status: 201, body: fulfillment };
  if (/\/fulfillments\/\d+$/.test(p))
    return m === 'DELETE' ? { status: 204 } : { status: 200, body: fulfillment };
  if (/\/cancellations$/.test(p))
    return m === 'GET'
      ? { status: 200, body: { cancellations: [cancellation] } }
      : { status: 201, body: cancellation };
  if (/\/cancellations\/\d+$/.test(p))
    return m === 'DELETE' ? { status: 204 } : { status: 200, body: cancellation };
  if (/\/orders\/\d+\/refunds$/.test(p))
    return m === 'GET'
      ? { status: 200, body: { cancellations: [refund] } }
      : { status: 201, body: refund };
  if (/\/orders\/\d+\/refunds\/\d+$/.test(p)) return { status: 200, body: refund };
  if (/\/returns\/\d+\/refunds$/.test(p))
    return {
      status: 201,
      body: { id: '9', merchant_refund_lines: [{ feedamp_return_line_id: '81' }] },
    };
  if (/\/returns\/\d+$/.test(p)) return { status: 200, body: { ...ret, order } };
  if (/\/orders\/\d+$/.test(p)) return { status: 200, body: order };
  return { status: 404, body: { error: 'Not found' } };
}

let server: ScriptedServer;
let client: FeedampClient;
const replies = new Map<RecordedRequest, Reply>();

beforeAll(async () => {
  server = await startScriptedServer((req) => {
    const r = reply(req);
    replies.set(req, r);
    return r;
  });
  client = new FeedampClient({
    baseUrl: server.url,
    username: 'pack1',
    password: 's3cret',
    clientId: '1234',
    tokenStore: new MemoryTokenStore(),
    budgets: {
      list: { perSecond: 1000, burst: 100 },
      read: { perSecond: 1000, burst: 100 },
      write: { perSecond: 1000, burst: 100 },
    },
  });
  const ship = {
    fulfillment_type: 'shipment' as const,
    fulfillment_lines: [{ line_id: LINE_ID, quantity: 1 }],
    shipment: {
      shipped_date: new Date('2024-06-15T14:30:00.250Z'),
      carrier: 'Fedex Freight' as const,
      tracking_number: 'T-1',
    },
  };
  const cancel = {
    cancellation_lines: [{ line_id: LINE_ID, quantity: 1 }],
    reason: 'customer_rejected' as const,
  };
  await client.getToken();
  await client.listOrders({
    marketplace_state: ['Shipped', 'Open'],
    normalized_marketplace_state: ['AWAITING_SHIPMENT', 'PENDING'],
    marketplace_state_changed_after: new Date('2024-03-13T08:50:59.123Z'),
    marketplace_state_changed_before: '2024-03-14T08:50:59-08:00',
    imported_after: '2024-03-13T08:50:59Z',
    imported_before: new Date('2024-03-15T00:00:00Z'),
    id: [ORDER_ID, '2'],
    marketplace_order_number: 'M-1',
    customer_order_number: 'C-1',
    merchant_order_number: 'O-1',
    integration_id: '109872189273617283',
    source_location_id: 'S1',
    client_location_id: 'L1',
    feedamp_status: 'FULFILLMENT_REPORTED',
    limit: 250,
    cursor: 'abc',
    include_raw_data: true,
  });
  for await (const o of client.iterateOrders({ normalized_marketplace_state: 'AWAITING_SHIPMENT' }))
    void o;
  await client.getOrder(ORDER_ID, { includeRawData: false });
  await client.confirmOrder(ORDER_ID, { merchant_order_number: 'O-1' });
  await client.confirmOrder(ORDER_ID);
  await client.runOrderOperation(ORDER_ID, 'acknowledge');
  await client.getFulfillmentRequest(ORDER_ID, '4');
  await client.listFulfillments(ORDER_ID);
  await client.listFulfillments(ORDER_ID, { tracking_number: 'T-1', carrier: 'R+L' });
  await client.createFulfillment(ORDER_ID, ship);
  await client.createFulfillment(ORDER_ID, {
    ...ship,
    state: 'shipped',
    shipment: { ...ship.shipment, tracking_url: 'https://t/1' },
  });
  await client.createFulfillment(ORDER_ID, {
    fulfillment_type: 'local_delivery',
    fulfillment_lines: [{ line_id: LINE_ID, quantity: 1 }],
  });
  await client.createFulfillment(ORDER_ID, {
    fulfillment_type: 'pickup',
    fulfillment_lines: [{ line_id: LINE_ID, quantity: 1 }],
  });
  await client.getFulfillment(ORDER_ID, '5');
  await client.updateFulfillment(ORDER_ID, '5', ship);
  await client.deleteFulfillment(ORDER_ID, '5');
  await client.listCancellations(ORDER_ID);
  await client.createCancellation(ORDER_ID, cancel);
  await client.getCancellation(ORDER_ID, '6');
  await client.updateCancellation(ORDER_ID, '6', { ...cancel, reason: 'fraud' });
  await client.deleteCancellation(ORDER_ID, '6');
  await client.createOrderRefund(ORDER_ID, {
    cp_refund_number: 'R-1',
    refund_lines: [
      { feedamp_order_line_id: LINE_ID, refund_reason: 'customer_cancelled' },
      {
        feedamp_order_line_id: LINE_ID,
        refund_reason: 'customer_return',
        refund_quantity: 1,
        currency: 'USD',
        item_refund: 1.99,
        item_tax_refund: 0.19,
        shipping_refund: 2,
        shipping_tax_refund: 0.2,
        discount_refund: 1,
        refund_notes: 'sorry',
        refund_line_number: 'XX-1',
      },
    ],
  });
  await client.listOrderRefunds(ORDER_ID);
  await client.getOrderRefund(ORDER_ID, '7');
  await client.listReturns({
    marketplace_state: 'Open',
    normalized_marketplace_state: 'PENDING_AUTHORIZATION',
    marketplace_state_changed_after: new Date('2024-03-13T08:50:59Z'),
    marketplace_state_changed_before: new Date('2024-03-14T08:50:59Z'),
    imported_after: '2024-03-13T08:50:59+01:00',
    imported_before: '2024-03-14T08:50:59+01:00',
    id: '8',
    marketplace_return_number: 'MR-1',
    rma: ['RMA-1', 'RMA-2'],
    customer_order_number: 'C-1',
    return_type: 'IN_STORE',
    integration_id: '1',
    limit: 1,
    cursor: 'c',
    include_order: true,
  });
  for await (const r of client.iterateReturns()) void r;
  await client.getReturn('8', { includeOrder: true });
  await client.getReturn('8');
  await client.refundReturn('8', {
    merchant_refund_lines: [
      {
        feedamp_return_line_id: '81',
        item_refund: 5,
        shipping_refund: 1,
        refund_notes: 'n',
        merchant_full_refund: false,
      },
    ],
  });
  await client.runReturnOperation('8', 'process', {
    lines: [
      { id: 'RETURN-LINE-1' },
      { id: 'RETURN_LINE-2', additional_info: 'INFO', code: 'RETURN_NON_COMPLIANT_MISSING_ITEM' },
    ],
  });
  await client.runReturnOperation('8', 'process');
});

afterAll(async () => {
  await client.close();
  await server.close();
});

const OPERATIONS = [
  'GET /api/v1/get_token',
  'GET /api/v2/orders',
  'GET /api/v2/orders/{order-id}',
  'POST /api/v2/orders/{order-id}/confirm',
  'POST /api/v2/orders/{order-id}/run-operation',
  'GET /api/v2/orders/{order-id}/fulfillment_requests/{id}',
  'GET /api/v2/orders/{order-id}/fulfillments',
  'POST /api/v2/orders/{order-id}/fulfillments',
  'GET /api/v2/orders/{order-id}/fulfillments/{id}',
  'PUT /api/v2/orders/{order-id}/fulfillments/{id}',
  'DELETE /api/v2/orders/{order-id}/fulfillments/{id}',
  'GET /api/v2/orders/{order-id}/cancellations',
  'POST /api/v2/orders/{order-id}/cancellations',
  'GET /api/v2/orders/{order-id}/cancellations/{id}',
  'PUT /api/v2/orders/{order-id}/cancellations/{id}',
  'DELETE /api/v2/orders/{order-id}/cancellations/{id}',
  'GET /api/v2/orders/{order-id}/refunds',
  'POST /api/v2/orders/{order-id}/refunds',
  'GET /api/v2/orders/{order-id}/refunds/{id}',
  'GET /api/v2/returns',
  'GET /api/v2/returns/{id}',
  'POST /api/v2/returns/{id}/refunds',
  'POST /api/v2/returns/{id}/run-operation',
];

function operationOf(req: RecordedRequest): string {
  const template = req.path
    .replace(/^\/api\/v2\/orders\/\d+/, '/api/v2/orders/{order-id}')
    .replace(/^\/api\/v2\/returns\/\d+/, '/api/v2/returns/{id}')
    .replace(/\/(fulfillment_requests|fulfillments|cancellations|refunds)\/\d+$/, '/$1/{id}');
  return `${req.method} ${template}`;
}

describe('requests the client sends', () => {
  it('covers every documented endpoint', () => {
    const seen = new Set(server.requests.map(operationOf));
    expect([...seen].sort()).toEqual([...OPERATIONS].sort());
  });

  it('validate against openapi.yaml, Basic auth included', () => {
    const problems = server.requests.flatMap((req) =>
      validateRequest({
        method: req.method,
        path: req.url,
        headers: req.headers,
        body: req.body,
      }).map((p) => `${req.method} ${req.url}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('carry token and client on every V2 call', () => {
    for (const req of server.requests.filter((r) => r.path.startsWith('/api/v2'))) {
      expect(req.headers.token).toBe('tok');
      expect(req.headers.client).toBe('1234');
    }
  });

  it('send date filters as RFC 3339 with an offset and whole seconds', () => {
    const list = server.requests.find(
      (r) => r.path === '/api/v2/orders' && r.query.cursor === 'abc',
    )!;
    expect(list.query.marketplace_state_changed_after).toBe('2024-03-13T08:50:59+00:00');
    expect(list.query.imported_after).toBe('2024-03-13T08:50:59+00:00');
    expect(list.url).toContain('%2B00%3A00');
    const created = server.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith('/fulfillments'),
    )!;
    expect((created.body as { shipment: { shipped_date: string } }).shipment.shipped_date).toBe(
      '2024-06-15T14:30:00+00:00',
    );
  });

  it('got replies that are themselves valid by the spec', () => {
    const problems = server.requests.flatMap((req) => {
      const r = replies.get(req);
      if (!r || !('status' in r)) return [];
      return validateResponse({
        method: req.method,
        path: req.path,
        status: r.status,
        body: r.body,
      }).map((p) => `${req.method} ${req.path}: ${p}`);
    });
    expect(problems).toEqual([]);
  });
});
