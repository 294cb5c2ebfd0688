// The warehouse database stops mid-shift: the station keeps packing from its own cache, says it
// works alone, and when the database is back it rejoins — its open order claimed again and the
// packages it shipped meanwhile counted for the other stations — also after a restart while
// alone, and once only however often the replay runs.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../main/station/errors';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import { createDatabase, startStation } from '../../support/warehouse';

const skip = postgresSkipReason();

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(skip)('warehouse: the database stops mid-shift', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());

  it('packing goes on alone, then the station rejoins and its claims and packages are seen', async () => {
    const database = await createDatabase(server);
    const timings = { heartbeatMs: 100, staleMs: 5_000, leaseMs: 60_000 };
    const a = await startStation(server, database, { name: 'Station 1', timings, retryMs: 200 });
    const b = await startStation(server, database, { name: 'Station 2', timings, retryMs: 200 });
    await a.open('ORDER-1');

    server.stop();
    await until(() => a.status().state === 'alone');
    expect(a.status().message).toBe(
      'Working alone — other stations cannot see your claims. Packline keeps trying the warehouse database.',
    );
    // Alone: opening and shipping from the cache still work.
    await a.open('ORDER-2');
    await a.ship({
      orderId: 'ORDER-2',
      box: [{ lineId: 'L1', quantity: 3 }],
      allowed: new Map([['L1', 3]]),
      trackingNumber: '1ZALONE',
      lineName: () => 'SKU-2',
    });

    server.start();
    await until(() => a.status().state === 'connected' && b.status().state === 'connected');
    // 'Connected' comes first; the rejoin (claim again, record what was shipped alone) follows it.
    const db = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
    await db.connect();
    const packedAlone = async () =>
      (
        await db.query(
          "SELECT sum(quantity)::int AS n FROM packed_lines WHERE order_id = 'ORDER-2'",
        )
      ).rows[0] as { n: number | null };
    const claimedBy = async () =>
      (await db.query("SELECT station_name FROM claims WHERE order_id = 'ORDER-2'")).rows[0] as
        { station_name: string } | undefined;
    await until(async () => (await claimedBy())?.station_name === 'Station 1');
    await until(async () => (await packedAlone()).n !== null);
    // Station 1's open order is claimed again, and what it shipped alone counts.
    await expect(b.open('ORDER-2')).rejects.toThrow(/^Being packed at Station 1/);
    expect(await packedAlone()).toEqual({ n: 3 });
    await db.end();
    await a.stop();
    await b.stop();
  }, 60_000);

  it('packages shipped alone survive a restart while alone, and count once however often they are replayed', async () => {
    const database = await createDatabase(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'warehouse-restart-'));
    const a = await startStation(server, database, { name: 'Station 1', dataDir });
    server.stop();
    await until(() => a.status().state === 'alone');
    await a.ship({
      orderId: 'ORDER-7',
      box: [{ lineId: 'L1', quantity: 2 }],
      allowed: new Map([['L1', 2]]),
      trackingNumber: '1ZRESTART',
      lineName: () => 'SKU-7',
    });
    // Written down in the data folder, private to this OS user, before the upload is queued.
    const file = join(dataDir, 'warehouse-offline.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keptAlone = join(dataDir, 'kept-alone.json');
    copyFileSync(file, keptAlone);
    // The station restarts while the database is still down.
    await a.stop();

    server.start();
    const db = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
    await db.connect();
    const packed = async () =>
      (
        await db.query(
          "SELECT sum(quantity)::int AS n FROM packed_lines WHERE order_id = 'ORDER-7'",
        )
      ).rows[0] as { n: number | null };
    const again = await startStation(server, database, { name: 'Station 1', dataDir });
    await until(async () => (await packed()).n !== null);
    expect(await packed()).toEqual({ n: 2 });
    // Once in the database, the station forgets them.
    await until(
      () =>
        (JSON.parse(readFileSync(file, 'utf8')) as { packages: unknown[] }).packages.length === 0,
    );

    // Another station cannot ship those units again.
    const b = await startStation(server, database, { name: 'Station 2' });
    await b.open('ORDER-7');
    const refused = await b
      .ship({
        orderId: 'ORDER-7',
        box: [{ lineId: 'L1', quantity: 1 }],
        allowed: new Map([['L1', 2]]),
        trackingNumber: '1ZSECOND',
        lineName: () => 'SKU-7',
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(StationError);
    expect((refused as StationError).message).toBe(
      'Other stations already packed every unit of SKU-7 — this package was not shipped; take SKU-7 out of the box.',
    );

    // A crash after the database had them but before the file was rewritten: replayed again.
    await again.stop();
    copyFileSync(keptAlone, file);
    const third = await startStation(server, database, { name: 'Station 1', dataDir });
    await until(
      () =>
        (JSON.parse(readFileSync(file, 'utf8')) as { packages: unknown[] }).packages.length === 0,
    );
    expect(await packed()).toEqual({ n: 2 });
    await db.end();
    await third.stop();
    await b.stop();
  }, 60_000);

  it('a package that cannot be written down while alone is refused, and never counted', async () => {
    const database = await createDatabase(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'warehouse-full-'));
    const a = await startStation(server, database, { name: 'Station 1', dataDir });
    server.stop();
    await until(() => a.status().state === 'alone');
    // The data folder refuses the file (here: a folder stands where it goes).
    const file = join(dataDir, 'warehouse-offline.json');
    mkdirSync(file);
    await expect(
      a.ship({
        orderId: 'ORDER-9',
        box: [{ lineId: 'L1', quantity: 1 }],
        allowed: new Map([['L1', 1]]),
        trackingNumber: '1ZNOTKEPT',
        lineName: () => 'SKU-9',
      }),
    ).rejects.toThrow(
      /^Packline could not write to its data folder — this package was not shipped\. Check the disk and scan Ship again\.$/,
    );
    rmdirSync(file);
    // Another package is kept; only it counts once the database is back.
    await a.ship({
      orderId: 'ORDER-9',
      box: [{ lineId: 'L1', quantity: 1 }],
      allowed: new Map([['L1', 1]]),
      trackingNumber: '1ZKEPT',
      lineName: () => 'SKU-9',
    });
    server.start();
    const db = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
    await db.connect();
    const rows = async () =>
      (
        await db.query<{ tracking_number: string }>(
          "SELECT tracking_number FROM packed_lines WHERE order_id = 'ORDER-9'",
        )
      ).rows;
    await until(async () => (await rows()).length > 0);
    expect(await rows()).toEqual([{ tracking_number: '1ZKEPT' }]);
    await db.end();
    await a.stop();
  }, 60_000);
});
