// Cancelling goes through the claim like shipping: a station cannot cancel lines of an order
// another station has open, and units one station cancelled cannot be shipped by another while
// that cancellation still waits to upload (FeedAMP does not know it yet) — unless it is discarded.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../main/feedamp/schemas';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import type { Harness } from '../outbox/harness';
import { refusal, startPackStations, stopPackStations, type PackStation } from './pack-stations';

const skip = postgresSkipReason();

describe.skipIf(skip)('warehouse: cancelling goes through the claim', () => {
  let server: TestPostgres;
  const open: PackStation[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(() => stopPackStations(open));

  async function stations(): Promise<[PackStation, PackStation]> {
    const made = await startPackStations(server, { count: 2, account: 'cancel', seed: 23 });
    open.push(...made);
    return [made[0]!, made[1]!];
  }

  /** Two untouched orders, the first with a line of at least 2 units. */
  async function orders(h: Harness): Promise<[Order & { id: string }, string, number, string]> {
    let target: [Order & { id: string }, string, number] | undefined;
    let other: string | undefined;
    for (const o of h.waitingOrders()) {
      if (o.is_marketplace_fulfilled || !(o.order_lines ?? []).length) continue;
      const [f, c] = await Promise.all([
        h.client.listFulfillments(o.id),
        h.client.listCancellations(o.id),
      ]);
      if (f.length || c.length) continue;
      const line = (o.order_lines ?? []).find((l) => (l.quantity ?? 0) >= 2);
      if (!target && line) target = [o, line.id!, line.quantity!];
      else other ??= o.id;
      if (target && other) return [...target, other];
    }
    throw new Error('no suitable orders in the sandbox');
  }

  it('another station cannot cancel an order claimed here; cancelled units cannot be shipped elsewhere until the cancellation is discarded', async () => {
    const [one, two] = await stations();
    const [order, lineId, quantity, elsewhere] = await orders(one.h);

    await one.pack.open(order.id);
    // Station 2 has not got the order: its cancellation is refused, with who has it.
    expect(
      await refusal(
        two.pack.cancel({
          orderId: order.id,
          lines: [{ lineId, quantity: 1 }],
          reason: 'customer_cancelled',
        }),
      ),
    ).toMatch(
      /^Station 1 \(Packer 1\) took this order over at \d\d:\d\d — nothing was cancelled; ask Packer 1 to cancel it\.$/,
    );

    // Station 1 cancels one unit; its upload waits (the station went offline, say).
    await one.h.worker.stop();
    const { entry: cancellation } = await one.pack.cancel({
      orderId: order.id,
      lines: [{ lineId, quantity: 1 }],
      reason: 'customer_cancelled',
    });
    await one.pack.open(elsewhere); // moves on: the order's claim is free

    // Station 2 reads FeedAMP (no cancellation there yet) and packs every unit: refused.
    await two.pack.open(order.id);
    expect(
      await refusal(
        two.pack.ship({
          orderId: order.id,
          lines: [{ lineId, quantity }],
          carrier: 'UPS',
          trackingNumber: '1ZCANCELLED1',
        }),
      ),
    ).toMatch(
      new RegExp(
        `^Other stations already packed or cancelled part of .+, only ${quantity - 1} left — this package was not shipped; take the rest out\\.$`,
      ),
    );
    // Station 1's packer discards the cancellation before it went up: every unit ships again.
    await one.h.outbox.discard(cancellation.id);
    await expect
      .poll(
        () =>
          two.pack
            .ship({
              orderId: order.id,
              lines: [{ lineId, quantity }],
              carrier: 'UPS',
              trackingNumber: '1ZCANCELLED2',
            })
            .then(
              () => 'shipped',
              (error: Error) => error.message,
            ),
        { timeout: 15_000, interval: 200 },
      )
      .toBe('shipped');
  }, 90_000);
});
