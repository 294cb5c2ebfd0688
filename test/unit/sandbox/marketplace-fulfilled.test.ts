// Orders Amazon fulfils itself: in the demo data, refused by the seller API, and settable by
// the admin so a test can turn any order into one.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../main/sandbox/demo-data';
import { shipmentBody, START, startHarness, type Harness, type Order } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const demo = (seed: number, orders: number) =>
  generateDemoData({ seed, orders, now: START, clientId: '1001', users: [] });

/**
 * sha256 of `{orders, returns, lastId}` with every `is_marketplace_fulfilled` set to false,
 * computed from the generator before marketplace-fulfilled orders existed: every seeded order,
 * return and id must stay exactly as it was (tests and benchmarks rely on them).
 */
const DIGESTS_BEFORE_FBA: [seed: number, orders: number, sha256: string][] = [
  [1, 200, '253e2684c7481c6b46a1cfc9e2f24cca0d3b36b9a218bea001e010492b695957'],
  [1, 60, '7ef4ccdbae78c3926e4b4b5383ffe27157fc2e87ce2bbcfdf85be164919e96c0'],
  [7, 500, '6fc9c857cdecd60d37ede57638877c40ee8bf26e93a7f0f843abd31486c4f667'],
  [42, 1000, '15ff3da7742895eb539ba609cd5e49df5d91e1a0b8d0561a907df2ade864cb11'],
];

function digestWithoutFba(seed: number, orders: number): string {
  const data = demo(seed, orders);
  for (const o of data.orders) o.is_marketplace_fulfilled = false;
  const { orders: list, returns, lastId } = data;
  return createHash('sha256')
    .update(JSON.stringify({ orders: list, returns, lastId }))
    .digest('hex');
}

describe('marketplace-fulfilled demo orders', () => {
  it('marks about 3 % of orders, at least 2 of 200, all open Amazon orders nothing was shipped from', () => {
    for (const [seed, count] of [
      [1, 200],
      [2, 200],
      [3, 200],
      [5, 1000],
    ] as const) {
      const fba = demo(seed, count).orders.filter((o) => o.is_marketplace_fulfilled);
      expect(fba.length).toBeGreaterThanOrEqual(count === 200 ? 2 : 20);
      expect(fba.length).toBeLessThanOrEqual(Math.ceil(count * 0.04));
      for (const o of fba) {
        expect(o.marketplace_name).toBe('Amazon');
        expect(o.normalized_marketplace_state).toBe('AWAITING_SHIPMENT');
        expect(o.fulfillments).toEqual([]);
      }
    }
  });

  it('picks the same orders for the same seed, others for another seed', () => {
    const ids = (seed: number) =>
      demo(seed, 200)
        .orders.filter((o) => o.is_marketplace_fulfilled)
        .map((o) => o.id + o.marketplace_order_number);
    expect(ids(1)).toEqual(ids(1));
    expect(ids(2)).not.toEqual(ids(1));
  });

  it('leaves every other generated value as it was before such orders existed', () => {
    for (const [seed, count, digest] of DIGESTS_BEFORE_FBA) {
      expect(digestWithoutFba(seed, count), `seed ${seed}, ${count} orders`).toBe(digest);
    }
  });
});

describe('seller writes on a marketplace-fulfilled order', () => {
  async function fbaOrder(harness: Harness): Promise<Order> {
    const r = await harness.api<{ orders: Order[] }>(
      'GET',
      '/api/v2/orders?normalized_marketplace_state=AWAITING_SHIPMENT&limit=250',
    );
    const found = r.body.orders.find((o) => o.is_marketplace_fulfilled === true);
    if (!found) throw new Error('no marketplace-fulfilled order in the demo data');
    return found;
  }

  it('refuses a fulfillment and a cancellation with the sentence, and writes nothing', async () => {
    h = await startHarness({ orders: 200 });
    const order = await fbaOrder(h);
    const line = order.order_lines[0]!;
    const sentence = `Order ${order.id} is fulfilled by Amazon; the seller cannot ship or cancel it.`;
    const ship = await h.api<{ error: string }>(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }]),
    );
    expect(ship).toMatchObject({ status: 400, body: { error: sentence } });
    const cancel = await h.api<{ error: string }>(
      'POST',
      `/api/v2/orders/${order.id}/cancellations`,
      { cancellation_lines: [{ line_id: line.id, quantity: 1 }], reason: 'out_of_stock' },
    );
    expect(cancel).toMatchObject({ status: 400, body: { error: sentence } });
    // Another client of the account is refused just the same.
    const other = await h.admin<{ error: string }>(
      'POST',
      `/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }]),
    );
    expect(other).toMatchObject({ status: 400, body: { error: sentence } });
    const writes = await h.admin<{ writes: unknown[] }>('GET', '/writes');
    expect(writes.body.writes).toEqual([]);
  });

  it('lets the admin flip any order, naming its marketplace, and flip it back', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const line = order.order_lines[0]!;
    const before = order.marketplace_state_changed_at;
    h.clock.advance(60_000);
    const flip = await h.admin<Order>('PUT', `/orders/${order.id}/state`, {
      is_marketplace_fulfilled: true,
    });
    expect(flip.status).toBe(200);
    expect(flip.body).toMatchObject({
      is_marketplace_fulfilled: true,
      normalized_marketplace_state: 'AWAITING_SHIPMENT',
    });
    const seen = (await h.api<Order>('GET', `/api/v2/orders/${order.id}`)).body;
    expect(seen.is_marketplace_fulfilled).toBe(true);
    expect(seen.marketplace_state_changed_at).not.toBe(before);
    const ship = await h.api<{ error: string }>(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }]),
    );
    expect(ship.status).toBe(400);
    expect(ship.body.error).toBe(
      `Order ${order.id} is fulfilled by ${order.marketplace_name}; the seller cannot ship or cancel it.`,
    );

    await h.admin('PUT', `/orders/${order.id}/state`, { is_marketplace_fulfilled: false });
    const again = await h.api(
      'POST',
      `/api/v2/orders/${order.id}/fulfillments`,
      shipmentBody([{ line_id: line.id, quantity: 1 }]),
    );
    expect(again.status).toBe(201);
  });

  it('still takes a state change alone and refuses an empty state body', async () => {
    h = await startHarness();
    const order = await h.firstOrder();
    const set = await h.admin<Order>('PUT', `/orders/${order.id}/state`, {
      normalized_marketplace_state: 'CANCELLED',
    });
    expect(set.body).toMatchObject({
      normalized_marketplace_state: 'CANCELLED',
      is_marketplace_fulfilled: false,
    });
    expect((await h.admin('PUT', `/orders/${order.id}/state`, {})).status).toBe(400);
  });
});
