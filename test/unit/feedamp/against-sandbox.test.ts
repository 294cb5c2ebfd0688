// FeedampClient against the sandbox over real HTTP: every endpoint, then the faults the sandbox
// can script (expired tokens, 5xx, lost answers, a foreign client id, the 2/s list limit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import {
  ClientNotAllowedError,
  FeedampClient,
  MemoryTokenStore,
  NotFoundError,
  RateBudget,
  OutcomeUnknownError,
  ServerError,
  ValidationError,
  type FeedampClientOptions,
  type Order,
} from '../../../main/feedamp/index.js';
import { startSandbox } from '../../../main/sandbox/index.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
const clients: FeedampClient[] = [];
// One list budget for every client in this process, as the app shares it: the sandbox counts
// list calls per user, not per client object.
const listBudget = new RateBudget({ perSecond: 2, burst: 1, marginMs: 8 });

function makeClient(options: Partial<FeedampClientOptions> = {}): FeedampClient {
  const c = new FeedampClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.user,
    password: sandbox.credentials.password,
    clientId: sandbox.credentials.client,
    tokenStore: new MemoryTokenStore(),
    budgets: {
      list: listBudget,
      read: { perSecond: 500, burst: 50 },
      write: { perSecond: 500, burst: 50 },
    },
    retry: { baseDelayMs: 20, random: () => 0.5 },
    ...options,
  });
  clients.push(c);
  return c;
}

async function admin(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await request(`${sandbox.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function requestLog(): Promise<{ method: string; path: string }[]> {
  const log = await admin('GET', '/requests');
  return (Array.isArray(log) ? log : ((log as { requests?: unknown[] }).requests ?? [])) as {
    method: string;
    path: string;
  }[];
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, orders: 60 });
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await sandbox.close();
});

async function shippableOrder(client: FeedampClient): Promise<Order & { id: string }> {
  for await (const o of client.iterateOrders({
    normalized_marketplace_state: 'AWAITING_SHIPMENT',
    limit: 50,
  })) {
    const lines = o.order_lines ?? [];
    // The marketplace ships its own orders (Amazon FBA); the seller's shipment is refused.
    if (o.is_marketplace_fulfilled === true) continue;
    if (o.id && lines.length > 0 && lines.every((l) => (l.quantity ?? 0) >= 2))
      return o as Order & { id: string };
  }
  for await (const o of client.iterateOrders({
    normalized_marketplace_state: 'AWAITING_SHIPMENT',
  })) {
    if (o.id && (o.order_lines ?? []).length > 0 && o.is_marketplace_fulfilled !== true)
      return o as Order & { id: string };
  }
  throw new Error('sandbox has no shippable order');
}

describe('every endpoint against the sandbox', () => {
  it('gets a token and pages through orders', async () => {
    const client = makeClient();
    expect(await client.getToken()).toMatch(/.+/);
    const ids: string[] = [];
    for await (const o of client.iterateOrders({ limit: 25 })) ids.push(o.id ?? '');
    expect(ids.length).toBe(60);
    expect(new Set(ids).size).toBe(60);
    const since = await client.listOrders({
      imported_after: new Date(Date.now() - 365 * 86400_000),
      limit: 1,
    });
    expect(since.orders.length).toBeLessThanOrEqual(1);
  });

  it('reads, confirms and acknowledges an order', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    const again = await client.getOrder(order.id, { includeRawData: false });
    expect(again.id).toBe(order.id);
    const confirmed = await client.confirmOrder(order.id, {
      merchant_order_number: `PL-${order.id.slice(-6)}`,
    });
    expect(confirmed.id).toBe(order.id);
    const op = await client.runOrderOperation(order.id, 'acknowledge');
    expect(op.operation).toBe('acknowledge');
    await expect(client.getOrder('999999999999999999')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reads a fulfillment request', async () => {
    const client = makeClient();
    const token = await client.getToken();
    // R2 is not documented, so the client has no method for it; the test uses the
    // sandbox's inferred route only to discover an id.
    for await (const o of client.iterateOrders({ limit: 100 })) {
      const res = await request(`${sandbox.url}/api/v2/orders/${o.id}/fulfillment_requests`, {
        headers: { token, client: sandbox.credentials.client },
      });
      const body = (await res.body.json()) as { fulfillment_requests?: { id: string }[] };
      const fr = body.fulfillment_requests?.[0];
      if (!fr) continue;
      const got = await client.getFulfillmentRequest(o.id ?? '', fr.id);
      expect(got.id).toBe(fr.id);
      expect(typeof got.order_id).toBe('string');
      return;
    }
    throw new Error('no fulfillment request in the sandbox');
  });

  it('creates, reads, finds, updates and deletes a fulfillment', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    const line = order.order_lines![0]!;
    const tracking = `1Z${order.id.slice(-8)}`;
    const input = {
      fulfillment_type: 'shipment' as const,
      fulfillment_lines: [{ line_id: line.id!, quantity: 1 }],
      shipment: { shipped_date: new Date(), carrier: 'UPS' as const, tracking_number: tracking },
    };
    const created = await client.createFulfillment(order.id, input);
    expect(created.id).toMatch(/^\d+$/);
    expect((await client.getFulfillment(order.id, created.id!)).shipment?.tracking_number).toBe(
      tracking,
    );
    const found = await client.listFulfillments(order.id, {
      tracking_number: tracking,
      carrier: 'UPS',
    });
    expect(found.map((f) => f.id)).toEqual([created.id]);
    const updated = await client.updateFulfillment(order.id, created.id!, {
      ...input,
      shipment: { ...input.shipment, carrier: 'FedEx' },
    });
    expect(updated.shipment?.carrier).toBe('FedEx');
    await client.deleteFulfillment(order.id, created.id!);
    await expect(client.getFulfillment(order.id, created.id!)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('creates, reads, updates and deletes a cancellation', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    const line = order.order_lines![order.order_lines!.length - 1]!;
    const created = await client.createCancellation(order.id, {
      cancellation_lines: [{ line_id: line.id!, quantity: 1 }],
      reason: 'out_of_stock',
    });
    expect((await client.listCancellations(order.id)).some((c) => c.id === created.id)).toBe(true);
    expect((await client.getCancellation(order.id, created.id!)).reason).toBe('out_of_stock');
    const updated = await client.updateCancellation(order.id, created.id!, {
      cancellation_lines: [{ line_id: line.id!, quantity: 1 }],
      reason: 'customer_cancelled',
    });
    expect(updated.reason).toBe('customer_cancelled');
    await client.deleteCancellation(order.id, created.id!);
    expect((await client.listCancellations(order.id)).some((c) => c.id === created.id)).toBe(false);
  });

  it('creates, lists and reads an order refund', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    const cp = `REFUND-${Date.now()}`;
    const created = await client.createOrderRefund(order.id, {
      cp_refund_number: cp,
      refund_lines: [
        {
          feedamp_order_line_id: order.order_lines![0]!.id!,
          refund_reason: 'customer_cancelled',
          item_refund: 1,
        },
      ],
    });
    expect(created.cp_refund_number).toBe(cp);
    expect((await client.listOrderRefunds(order.id)).map((r) => r.cp_refund_number)).toContain(cp);
    expect((await client.getOrderRefund(order.id, created.id!)).id).toBe(created.id);
  });

  it('lists, reads, refunds and processes a return', async () => {
    const client = makeClient();
    const returns = [];
    for await (const r of client.iterateReturns({ limit: 10, include_order: false }))
      returns.push(r);
    expect(returns.length).toBeGreaterThan(0);
    const ret = returns.find((r) => (r.return_lines ?? []).length > 0) ?? returns[0]!;
    const full = await client.getReturn(ret.id!, { includeOrder: true });
    expect(full.id).toBe(ret.id);
    const op = await client.runReturnOperation(ret.id!, 'process');
    expect(op.operation).toBe('process');
    const lineId = ret.return_lines?.[0]?.id;
    if (lineId) {
      const refund = await client.refundReturn(ret.id!, {
        merchant_refund_lines: [
          { feedamp_return_line_id: lineId, item_refund: 1, merchant_full_refund: false },
        ],
      });
      expect(refund.id).toBeTruthy();
    }
  });

  it('carries the sandbox’s reason when it refuses a write', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    const err = (await client
      .createCancellation(order.id, {
        cancellation_lines: [{ line_id: order.order_lines![0]!.id!, quantity: 9999 }],
        reason: 'out_of_stock',
      })
      .catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.serverMessages.length).toBeGreaterThan(0);
  });
});

describe('faults against the sandbox', () => {
  it('refreshes expired tokens once for 20 concurrent calls', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    await admin('POST', '/tokens/expire');
    const before = (await requestLog()).length;
    await Promise.all(Array.from({ length: 20 }, () => client.getOrder(order.id)));
    const after = (await requestLog()).slice(before);
    expect(after.filter((r) => r.path === '/api/v1/get_token')).toHaveLength(1);
  });

  it('reports a client id the user may not use as ClientNotAllowed', async () => {
    const client = makeClient({ clientId: '424242' });
    await expect(client.listCancellations('1')).rejects.toBeInstanceOf(ClientNotAllowedError);
  });

  it('retries a GET through a 503 but not a POST', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    await admin('POST', '/faults/queue', [
      { match: '^GET /api/v2/orders/\\d+$', action: 'error', status: 503 },
    ]);
    expect((await client.getOrder(order.id)).id).toBe(order.id);
    await admin('POST', '/faults/queue', [
      { match: '^POST .*/cancellations$', action: 'error', status: 503 },
    ]);
    await expect(
      client.createCancellation(order.id, {
        cancellation_lines: [{ line_id: order.order_lines![0]!.id!, quantity: 1 }],
        reason: 'out_of_stock',
      }),
    ).rejects.toBeInstanceOf(ServerError);
    await admin('DELETE', '/faults');
  });

  it('reports a POST whose answer was lost as OutcomeUnknown, and the write did land', async () => {
    const client = makeClient();
    const order = await shippableOrder(client);
    const tracking = `LOST${Date.now()}`;
    await admin('POST', '/faults/queue', [
      { match: '^POST .*/fulfillments$', action: 'lostAnswer' },
    ]);
    const err = await client
      .createFulfillment(order.id, {
        fulfillment_type: 'shipment',
        fulfillment_lines: [{ line_id: order.order_lines![0]!.id!, quantity: 1 }],
        shipment: { shipped_date: new Date(), carrier: 'USPS', tracking_number: tracking },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    // The outbox's check before resending: exactly one record exists.
    expect(await client.listFulfillments(order.id, { tracking_number: tracking })).toHaveLength(1);
  });

  it('stays inside the 2/s list limit with no 429s', async () => {
    const client = makeClient();
    const before = (await requestLog()).length;
    const t0 = Date.now();
    for (let i = 0; i < 4; i++) await client.listOrders({ limit: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    const lists = (await requestLog()).slice(before).filter((r) => r.path === '/api/v2/orders');
    expect(lists).toHaveLength(4);
  });
});
