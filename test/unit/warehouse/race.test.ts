// Three stations of one account, one warehouse database: each opens and ships each of 20
// orders at the same moment. FeedAMP here lets over-shipments through (the sandbox's quantity
// check is off), so only the claims keep a line from going out twice. Without warehouse mode the
// same race over-ships, which is what makes this test able to fail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import {
  startPackStations,
  stopPackStations,
  untouchedOrders,
  type PackStation,
} from './pack-stations';
import { audit, race } from './same-moment';

const skip = postgresSkipReason();

describe.skipIf(skip)('warehouse: three stations race for the same 20 orders', () => {
  let server: TestPostgres;
  const open: PackStation[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(() => stopPackStations(open));

  async function stations(withWarehouse: boolean, seed: number): Promise<PackStation[]> {
    const made = await startPackStations(server, {
      count: 3,
      account: 'race',
      seed,
      warehouse: withWarehouse,
    });
    open.push(...made);
    await made[0]!.h.admin('PUT', '/settings', { enforceQuantities: false });
    return made;
  }

  it('with warehouse mode: 0 over-shipped lines, 0 lost packages, every order shipped once', async () => {
    const all = await stations(true, 71);
    const orders = await untouchedOrders(all[0]!.h, 20);
    const { accepted, refused } = await race(all, orders);
    const { overShipped, lost } = await audit(all[0]!.h, orders, accepted);
    expect(overShipped).toEqual([]);
    expect(lost).toEqual([]);
    // Exactly one station shipped each order; the others were told why in one sentence (the
    // claim, or once the winner's upload landed, FeedAMP's own figures).
    expect(accepted.map((a) => a.orderId).sort()).toEqual(orders.map((o) => o.id).sort());
    expect(refused.length).toBeGreaterThanOrEqual(40);
    for (const sentence of refused)
      expect(sentence).toMatch(
        /^(Being packed at Station \d by Packer \d since \d\d:\d\d — |Station \d \(Packer \d\) took this order over|Other stations already packed |Another station already shipped or cancelled )/,
      );
    // Finished orders' claims were released, also where a station opened an order and then
    // found it already packed by another (its release is not awaited by the ship call).
    const db = all[0]!.warehouse!.db!;
    await expect
      .poll(async () => (await db.query('SELECT order_id, station_id FROM claims')).rows)
      .toEqual([]);
  }, 120_000);

  it('without it, the same race over-ships (what the claims prevent)', async () => {
    const all = await stations(false, 71);
    const orders = await untouchedOrders(all[0]!.h, 20);
    const { accepted } = await race(all, orders);
    const { overShipped } = await audit(all[0]!.h, orders, accepted);
    expect(overShipped.length).toBeGreaterThan(0);
  }, 120_000);
});
