// Claims on a real PostgreSQL: what a packer sees when another station has the order open,
// a stale claim taken over only after asking, leases freed, released when the order ships.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../main/station/errors';
import type { WarehouseService } from '../../../main/station/warehouse/service';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import { createDatabase, startStation, stopHeartbeat } from '../../support/warehouse';

const skip = postgresSkipReason();

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(StationError);
    return (error as StationError).message;
  }
  throw new Error('expected a refusal');
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const box = [{ lineId: 'L1', quantity: 2 }];
const allowed = new Map([['L1', 2]]);
const shipInput = (orderId: string, tracking = '1Z999') => ({
  orderId,
  box,
  allowed,
  trackingNumber: tracking,
  lineName: () => 'SKU-1',
});

describe.skipIf(skip)('warehouse claims', () => {
  let server: TestPostgres;
  let database: string;
  const stations: WarehouseService[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(async () => {
    for (const s of stations.splice(0)) await s.stop();
  });

  async function station(name: string, timings = {}) {
    database ??= await createDatabase(server);
    const s = await startStation(server, database, { name, packer: `Ann ${name}`, timings });
    stations.push(s);
    expect(s.status().state).toBe('connected');
    return s;
  }

  it('a second station opening a claimed order reads who packs it since when, and cannot ship it', async () => {
    const a = await station('Station 3');
    const b = await station('Station 4');
    await a.open('ORDER-1');
    const said = await refusal(b.open('ORDER-1'));
    expect(said).toMatch(/^Being packed at Station 3 by Ann Station 3 since \d\d:\d\d — /);
    expect(await refusal(b.ship(shipInput('ORDER-1')))).toMatch(
      /^Station 3 \(Ann Station 3\) took this order over/,
    );
    // The holder ships; a finished order's claim is released and the other station may open it.
    const held = await a.ship(shipInput('ORDER-1'));
    expect(held).toBeDefined();
    a.shipped('ORDER-1', true);
    await until(async () => {
      try {
        await b.open('ORDER-1');
        return true;
      } catch {
        return false;
      }
    });
  });

  it('what every station packed counts: a second package of the same units is refused', async () => {
    const a = await station('Station 1');
    const b = await station('Station 2');
    await a.open('ORDER-2');
    await a.ship(shipInput('ORDER-2', '1ZA'));
    a.shipped('ORDER-2', false); // not complete: the claim stays
    expect(await refusal(b.open('ORDER-2'))).toMatch(/^Being packed at Station 1/);
    a.shipped('ORDER-2', true);
    await until(async () =>
      b.open('ORDER-2').then(
        () => true,
        () => false,
      ),
    );
    expect(await refusal(b.ship(shipInput('ORDER-2', '1ZB')))).toBe(
      'Other stations already packed every unit of SKU-1 — this package was not shipped; take SKU-1 out of the box.',
    );
    // Nothing is left of the order: B lets its claim go, so a third station never reads
    // "being packed at Station 2" about a finished order.
    const c = await station('Station 5');
    await until(async () =>
      c.open('ORDER-2').then(
        () => true,
        () => false,
      ),
    );
  });

  it('lists every station’s shipments since a time, by name, for the Stats screen', async () => {
    const a = await station('Station 6');
    const b = await station('Station 7');
    const since = new Date(Date.now() - 60_000);
    for (const order of ['ORDER-10', 'ORDER-11']) {
      await a.open(order);
      await a.ship(shipInput(order, `1Z${order}`));
    }
    await b.open('ORDER-12');
    await b.ship(shipInput('ORDER-12', '1ZB12'));
    const rows = (await b.stationsSince(since))!.filter((r) => /Station [67]/.test(r.station));
    expect(rows).toEqual([
      { station: 'Station 6', self: false, orders: 2, packages: 2, units: 4 },
      { station: 'Station 7', self: true, orders: 1, packages: 1, units: 2 },
    ]);
    expect(await a.stationsSince(new Date(Date.now() + 60_000))).toEqual([]);
  });

  it('moving on to another order releases the previous claim; stopping releases all', async () => {
    const a = await station('Station 1');
    const b = await station('Station 2');
    await a.open('ORDER-3');
    await a.open('ORDER-4');
    await b.open('ORDER-3');
    await refusal(b.open('ORDER-4'));
    await a.stop();
    await b.open('ORDER-4');
  });

  it('heartbeats keep a claim; a silent station becomes stale, is taken over only after asking, then expires', async () => {
    const timings = { heartbeatMs: 100, staleMs: 800, leaseMs: 2_500 };
    const a = await station('Station 1', timings);
    const b = await station('Station 2', timings);
    await a.open('ORDER-5');
    // Alive for several stale periods thanks to its heartbeats.
    const started = Date.now();
    while (Date.now() - started < 2_000) {
      expect(await refusal(b.open('ORDER-5'))).toMatch(
        /^Being packed at Station 1 by Ann Station 1 since/,
      );
      await new Promise((r) => setTimeout(r, 200));
    }
    // Station 1 freezes: its heartbeat stops (its claim stays in the database).
    stopHeartbeat(a);
    await until(async () => {
      const c = await b.open('ORDER-5').then(
        () => 'taken',
        (e: Error) => e.message,
      );
      if (c === 'taken') throw new Error('a stale claim was taken without asking');
      return /has not answered for \d+ min — open the order again to take it over\.$/.test(c);
    });
    // Opening it again is the yes.
    await b.open('ORDER-5');
    expect(await refusal(a.ship(shipInput('ORDER-5')))).toMatch(
      /^Station 2 \(Ann Station 2\) took this order over/,
    );
    // A claim left past its lease is simply free.
    const c = await station('Station 3', timings);
    await c.open('ORDER-6');
    stopHeartbeat(c);
    const db = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
    await db.connect();
    await until(async () => {
      const { rows } = await db.query(
        "SELECT heartbeat_at < now() - interval '2.6 seconds' AS expired FROM claims WHERE order_id = 'ORDER-6'",
      );
      return rows[0]?.expired === true;
    });
    await db.end();
    await a.open('ORDER-6'); // at the first try: nothing to ask about
  }, 20_000);
});
