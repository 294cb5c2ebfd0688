// The "slow apply" window: FeedAMP holds a write, the client gives up, and the write lands
// anyway. A client that treats a timed-out POST as "not sent" ships twice; these tests prove
// the sandbox really produces that window.
import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, pathNamesOrder } from '../../../main/sandbox/faults';
import { shipmentBody, startHarness, type Harness, type Order } from './harness';

let h: Harness;
afterEach(async () => h?.close());

type Writes = { counts: Record<string, number>; writes: { kind: string; body: unknown }[] };

async function fulfillmentWrites(): Promise<number> {
  return (await h.admin<Writes>('GET', '/writes?kind=fulfillment')).body.counts.fulfillment ?? 0;
}

async function trackingOnFeedamp(order: Order, tracking: string): Promise<number> {
  const r = await h.api<{ fulfillments: unknown[] }>(
    'GET',
    `/api/v2/orders/${order.id}/fulfillments?tracking_number=${tracking}`,
  );
  return r.body.fulfillments.length;
}

/** Polls until `check` is true; fails after `timeoutMs`. */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A seller POST through plain fetch, so the test can abort it. */
async function post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${h.sb.url}${path}`, {
    method: 'POST',
    headers: {
      token: await h.token(),
      client: h.sb.credentials.client,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

describe('sandbox slowApply fault', () => {
  it('applies a held POST after the hold although its client gave up after 200 ms, and not before', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const holdMs = 1500;
    await h.admin('POST', '/faults/queue', {
      match: 'POST .*/fulfillments$',
      action: 'slowApply',
      ms: holdMs,
    });
    const body = shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'SLOW-1');
    const started = Date.now();
    const gaveUp = new AbortController();
    setTimeout(() => gaveUp.abort(), 200);
    await expect(
      post(`/api/v2/orders/${order.id}/fulfillments`, body, gaveUp.signal),
    ).rejects.toThrow();

    // The client has gone; FeedAMP is still holding the write.
    expect(await fulfillmentWrites()).toBe(0);
    expect(await trackingOnFeedamp(order, 'SLOW-1')).toBe(0);
    expect(Date.now() - started).toBeLessThan(holdMs);

    await until(async () => (await fulfillmentWrites()) === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs - 5);
    expect(await trackingOnFeedamp(order, 'SLOW-1')).toBe(1);
    const writes = await h.admin<Writes>('GET', '/writes?kind=fulfillment');
    expect(writes.body.writes[0]).toMatchObject({ kind: 'fulfillment', body, by: 'seller' });
  });

  it('a plain slow fault also applies the write after its client gave up', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('POST', '/faults/queue', {
      match: 'POST .*/fulfillments$',
      action: 'slow',
      ms: 600,
    });
    const gaveUp = new AbortController();
    setTimeout(() => gaveUp.abort(), 100);
    await expect(
      post(
        `/api/v2/orders/${order.id}/fulfillments`,
        shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'SLOW-0'),
        gaveUp.signal,
      ),
    ).rejects.toThrow();
    expect(await fulfillmentWrites()).toBe(0);
    await until(async () => (await fulfillmentWrites()) === 1);
    expect(await trackingOnFeedamp(order, 'SLOW-0')).toBe(1);
  });

  it('answers a client that waits out the hold', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('POST', '/faults/queue', {
      match: 'POST .*/fulfillments$',
      action: 'slowApply',
      ms: 300,
    });
    const started = Date.now();
    const res = await post(
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'SLOW-2'),
    );
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    expect(await trackingOnFeedamp(order, 'SLOW-2')).toBe(1);
  });

  it('with loseAnswer applies the write after the hold and answers nothing', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    await h.admin('POST', '/faults/queue', {
      match: 'POST .*/fulfillments$',
      action: 'slowApply',
      ms: 300,
      loseAnswer: true,
    });
    const started = Date.now();
    await expect(
      post(
        `/api/v2/orders/${order.id}/fulfillments`,
        shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'SLOW-3'),
      ),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    // Applied before the connection was dropped: visible as soon as the client sees the drop.
    expect(await fulfillmentWrites()).toBe(1);
    expect(await trackingOnFeedamp(order, 'SLOW-3')).toBe(1);
  });

  it('takes random slow applies from the config, and GET /faults shows the config', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const put = await h.admin<{ config: Record<string, unknown> }>('PUT', '/faults', {
      slowApplyRate: 1,
      slowApplyMs: 200,
      slowApplyMaxMs: 250,
      slowApplyLoseAnswerRate: 1,
      routes: '^POST ',
    });
    expect(put.status).toBe(200);
    expect(put.body.config).toMatchObject({
      slowApplyRate: 1,
      slowApplyMs: 200,
      slowApplyMaxMs: 250,
      slowApplyLoseAnswerRate: 1,
    });
    const started = Date.now();
    await expect(
      post(
        `/api/v2/orders/${order.id}/fulfillments`,
        shipmentBody([{ line_id: order.order_lines[0]!.id, quantity: 1 }], 'SLOW-4'),
      ),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(await trackingOnFeedamp(order, 'SLOW-4')).toBe(1); // GETs are not held
  });

  it('refuses a hold range that ends before it starts', async () => {
    h = await startHarness();
    const r = await h.admin<{ error: string }>('PUT', '/faults', {
      slowApplyMs: 500,
      slowApplyMaxMs: 100,
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('slowApplyMaxMs');
  });
});

describe('slowApply draws', () => {
  const decisions = (config: Record<string, unknown>, n = 400) => {
    const faults = new FaultInjector();
    faults.configure(config);
    return Array.from({ length: n }, () => faults.decide('POST', '/api/v2/orders/1/fulfillments'));
  };

  it('holds uniformly within [slowApplyMs, slowApplyMaxMs] and replays for a seed', () => {
    const config = { slowApplyRate: 0.5, slowApplyMs: 1000, slowApplyMaxMs: 3000, seed: 9 };
    const first = decisions(config);
    expect(decisions(config)).toEqual(first);
    const holds = first.flatMap((d) => (d.kind === 'slowApply' ? [d.holdMs] : []));
    expect(holds.length).toBeGreaterThan(150);
    expect(holds.length).toBeLessThan(250);
    expect(Math.min(...holds)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...holds)).toBeLessThanOrEqual(3000);
    expect(holds.filter((ms) => ms < 2000).length / holds.length).toBeGreaterThan(0.35);
    expect(holds.filter((ms) => ms >= 2000).length / holds.length).toBeGreaterThan(0.35);
    expect(new Set(decisions({ ...config, seed: 10 }).map((d) => d.kind))).toContain('slowApply');
    expect(decisions({ ...config, seed: 10 })).not.toEqual(first);
  });

  it('loses the answer of the configured share of slow applies', () => {
    const lost = decisions({ slowApplyRate: 1, slowApplyLoseAnswerRate: 0.25, seed: 4 }).filter(
      (d) => d.kind === 'slowApply' && d.loseAnswer,
    ).length;
    expect(lost).toBeGreaterThan(60);
    expect(lost).toBeLessThan(140);
  });

  it('leaves the other faults of a seed exactly as they were', () => {
    const kinds = (extra: Record<string, unknown>) =>
      decisions({ errorRate: 0.3, resetRate: 0.2, seed: 5, ...extra }).map((d) =>
        d.kind === 'slowApply' ? 'none' : d.kind,
      );
    expect(kinds({ slowApplyRate: 0.5 })).toEqual(kinds({}));
  });
});

describe('pathNamesOrder', () => {
  it('matches the order and its sub-resources, not an id that merely starts the same', () => {
    expect(pathNamesOrder('/api/v2/orders/123', '123')).toBe(true);
    expect(pathNamesOrder('/api/v2/orders/123/fulfillments/9', '123')).toBe(true);
    expect(pathNamesOrder('/api/v2/orders/1234', '123')).toBe(false);
    expect(pathNamesOrder('/api/v2/orders', '123')).toBe(false);
  });
});
