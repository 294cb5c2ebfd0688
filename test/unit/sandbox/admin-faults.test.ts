import { afterEach, describe, expect, it } from 'vitest';
import { shipmentBody, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type Writes = {
  counts: Record<string, number>;
  writes: { kind: string; action: string; orderId: string; body: unknown }[];
};

async function fails(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise;
    return false;
  } catch {
    return true;
  }
}

describe('sandbox fault injection', () => {
  it('answers 503 to the next two scripted requests, then recovers', async () => {
    h = await startHarness();
    await h.token();
    await h.admin('POST', '/faults/queue', {
      match: '^GET /api/v2/orders$',
      action: 'error',
      status: 503,
      times: 2,
    });
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(503);
    expect((await h.api('GET', '/api/v2/orders/1')).status).toBe(404); // not matched
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(503);
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(200);
  });

  it('destroys the connection before applying a write on a reset fault', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('POST', '/faults/queue', { match: 'POST .*/fulfillments$', action: 'reset' });
    const body = shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }]);
    expect(await fails(h.api('POST', `/api/v2/orders/${order.id}/fulfillments`, body))).toBe(true);
    const writes = await h.admin<Writes>('GET', '/writes');
    expect(writes.body.counts.fulfillment).toBe(0);
    expect(
      (await h.api<{ fulfillments: unknown[] }>('GET', `/api/v2/orders/${order.id}/fulfillments`))
        .body.fulfillments,
    ).toEqual([]);
  });

  it('applies a write and then loses the answer on a lostAnswer fault', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('POST', '/faults/queue', {
      match: 'POST .*/fulfillments$',
      action: 'lostAnswer',
    });
    const body = shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'LOST-1');
    expect(await fails(h.api('POST', `/api/v2/orders/${order.id}/fulfillments`, body))).toBe(true);
    const writes = await h.admin<Writes>('GET', '/writes');
    expect(writes.body.counts.fulfillment).toBe(1);
    expect(writes.body.writes[0]).toMatchObject({
      kind: 'fulfillment',
      action: 'create',
      orderId: order.id,
      body,
    });
    const found = await h.api<{ fulfillments: unknown[] }>(
      'GET',
      `/api/v2/orders/${order.id}/fulfillments?tracking_number=LOST-1`,
    );
    expect(found.body.fulfillments).toHaveLength(1);
  });

  it('replays the same random faults for the same seed', async () => {
    h = await startHarness({ listRateLimit: false });
    await h.token();
    const run = async (): Promise<number[]> => {
      await h.admin('PUT', '/faults', { errorRate: 0.5, seed: 42, routes: '^GET /api/v2/orders/' });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1)
        statuses.push((await h.api('GET', '/api/v2/orders/1')).status);
      return statuses;
    };
    const first = await run();
    expect(first.some((s) => s === 500 || s === 503)).toBe(true);
    expect(first.some((s) => s === 404)).toBe(true);
    expect(await run()).toEqual(first);
    expect((await h.api('GET', '/api/v2/orders?limit=1')).status).toBe(200); // outside `routes`
  });

  it('delays answers by latencyMs', async () => {
    h = await startHarness();
    await h.token();
    await h.admin('PUT', '/faults', { latencyMs: 150 });
    const started = Date.now();
    await h.api('GET', '/api/v2/orders/1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const faults = await h.admin<{ config: { latencyMs: number } }>('GET', '/faults');
    expect(faults.body.config.latencyMs).toBe(150);
  });

  it('refuses a fault setting that is out of range', async () => {
    h = await startHarness();
    expect((await h.admin('PUT', '/faults', { errorRate: 2 })).status).toBe(400);
    expect((await h.admin('PUT', '/faults', { routes: '(' })).status).toBe(400);
  });
});

describe('sandbox admin surface', () => {
  it('logs raw requests with secrets redacted', async () => {
    h = await startHarness();
    await h.api('POST', '/api/v2/orders/1/confirm', { merchant_order_number: 'X' });
    const log = await h.admin<{
      requests: {
        method: string;
        path: string;
        headers: Record<string, string>;
        body: unknown;
        query: unknown;
      }[];
      last: number;
    }>('GET', '/requests?since=0');
    const token = log.body.requests.find((r) => r.path === '/api/v1/get_token');
    expect(token?.headers.authorization).toMatch(/^Basic /);
    expect(token?.headers.authorization).not.toBe(
      `Basic ${Buffer.from('demo:demo').toString('base64')}`,
    );
    const confirm = log.body.requests.find((r) => r.path === '/api/v2/orders/1/confirm');
    expect(confirm).toMatchObject({
      method: 'POST',
      body: { merchant_order_number: 'X' },
      headers: { token: '[redacted]', client: '1001' },
    });
    const later = await h.admin<{ requests: unknown[] }>('GET', `/requests?since=${log.body.last}`);
    expect(later.body.requests).toEqual([]);
  });

  it('counts and lists every write kind', async () => {
    h = await startHarness();
    const order = await h.firstOrder('AWAITING_SHIPMENT', 2);
    await h.api('POST', `/api/v2/orders/${order.id}/confirm`, {});
    await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }]),
    );
    await h.api('POST', `/api/v2/orders/${order.id}/cancellations`, {
      reason: 'other',
      cancellation_lines: [{ line_id: order.order_lines[1]!.id, quantity: 1 }],
    });
    await h.api('POST', `/api/v2/orders/${order.id}/refunds`, {
      cp_refund_number: 'A-1',
      refund_lines: [{ feedamp_order_line_id: order.order_lines[0]!.id }],
    });
    const w = await h.admin<Writes>('GET', '/writes');
    expect(w.body.counts).toMatchObject({ confirm: 1, fulfillment: 1, cancellation: 1, refund: 1 });
    expect(w.body.writes.map((x) => x.kind)).toEqual([
      'confirm',
      'fulfillment',
      'cancellation',
      'refund',
    ]);
    const only = await h.admin<Writes>('GET', '/writes?kind=refund');
    expect(only.body.writes).toHaveLength(1);
  });

  it('resets data, writes and faults to the starting seed', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }]),
    );
    await h.admin('PUT', '/faults', { latencyMs: 5 });
    expect((await h.admin('POST', '/reset')).status).toBe(200);
    expect((await h.admin<Writes>('GET', '/writes')).body.writes).toEqual([]);
    expect(
      (await h.admin<{ config: { latencyMs: number } }>('GET', '/faults')).body.config.latencyMs,
    ).toBe(0);
    const again = await h.api<{ fulfillments: unknown[] }>(
      'GET',
      `/api/v2/orders/${order.id}/fulfillments`,
    );
    expect(again.body.fulfillments).toEqual([]); // the token survived the reset
  });

  it('reseeds with a new order count', async () => {
    h = await startHarness();
    const r = await h.admin<{ orders: number }>('POST', '/seed', { seed: 7, orders: 15 });
    expect(r.body.orders).toBe(15);
    const page = await h.api<{ orders: unknown[] }>('GET', '/api/v2/orders?limit=250');
    expect(page.body.orders).toHaveLength(15);
  });

  it('expires every seller token on demand', async () => {
    h = await startHarness();
    await h.token();
    await h.admin('POST', '/tokens/expire');
    expect((await h.api('GET', '/api/v2/orders/1')).status).toBe(401);
  });
});
