// One FeedAMP sync for the account: of three stations on one warehouse database, one pages
// through FeedAMP and writes the orders there; the others read them from the database and hear
// about them (LISTEN/NOTIFY). When the leader's connection closes, another takes over within
// 10 s and carries on without paging through FeedAMP again — also when the leader dies in the
// middle of the account's first sync: the next one carries on at the page where it stopped.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox/index';
import type { OrderSource } from '../../../main/station/orders/sync';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import {
  createDatabase,
  killStation,
  startSyncStation,
  stopSyncStation,
  type SyncStation,
} from '../../support/warehouse';

const skip = postgresSkipReason();

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

/**
 * Stops the first station to have read `after` pages from FeedAMP before its next page, as if it
 * died right there (after writing what it read through to the database).
 */
interface Gate {
  after: number;
  read: number;
  stopped?: string;
}

/** The timer by which a station runs for leader again: cleared, the station stops running. */
function gated(source: OrderSource, gate: Gate, name: string): OrderSource {
  return {
    async *pages(query, signal) {
      const pages = source.pages(query, signal)[Symbol.asyncIterator]();
      try {
        for (;;) {
          if (gate.read >= gate.after && (gate.stopped ?? name) === name) {
            gate.stopped = name;
            await new Promise((_, reject) =>
              signal.addEventListener('abort', () => reject(signal.reason as Error), {
                once: true,
              }),
            );
          }
          const next = await pages.next();
          if (next.done) return;
          gate.read++;
          yield next.value;
        }
      } finally {
        await pages.return?.();
      }
    },
  };
}

describe.skipIf(skip)('warehouse: one sync for the account', () => {
  let server: TestPostgres;
  let sandbox: RunningSandbox;
  const stations: SyncStation[] = [];
  let gate: Gate = { after: Infinity, read: 0 };
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(async () => {
    for (const s of stations.splice(0)) await stopSyncStation(s);
    await sandbox?.close();
    gate = { after: Infinity, read: 0 };
  });

  async function station(database: string, name: string): Promise<SyncStation> {
    const s = await startSyncStation(server, database, sandbox, {
      name,
      account: 'leader-test',
      wrap: (source) => gated(source, gate, name),
    });
    stations.push(s);
    return s;
  }

  /** FeedAMP order list requests: full passes (no changed-after filter) and all. */
  async function listRequests() {
    const { all, full } = await listPages();
    return { all: all.length, full: full.length };
  }

  /** The same, each list request with the cursor it asked for (none for the first page). */
  async function listPages() {
    const res = await fetch(`${sandbox.adminUrl}/requests?since=0`);
    const { requests } = (await res.json()) as {
      requests: { method: string; path: string; query: Record<string, unknown> }[];
    };
    const lists = requests.filter((r) => r.method === 'GET' && /\/orders$/.test(r.path));
    return {
      all: lists,
      full: lists
        .filter((r) => r.query.marketplace_state_changed_after === undefined)
        .map((r) => (typeof r.query.cursor === 'string' ? r.query.cursor : '(first page)')),
    };
  }

  /** A station dies: its sync stops, it no longer runs for leader, its connection is killed. */
  const kill = (s: SyncStation, database: string) => killStation(server, database, s);

  it('pages through FeedAMP once for three stations; a new leader within 10 s when the leader goes', async () => {
    sandbox = await startSandbox({ orders: 700, seed: 5, listRateLimit: false });
    const database = await createDatabase(server);
    const all = [
      await station(database, 'Station 1'),
      await station(database, 'Station 2'),
      await station(database, 'Station 3'),
    ];
    await until(() => all.filter((s) => s.warehouse.status().leader).length === 1);
    const expected = all.find((s) => s.warehouse.status().leader)!;
    await until(() => expected.sync.status().state === 'idle' && expected.orders.size > 0, 60_000);
    const wanted = expected.orders.size;
    await until(() => all.every((s) => s.orders.size === wanted), 30_000);
    const first = await listRequests();
    // Awaiting-shipment orders fill 250-order pages: one full pass, by one station.
    expect(first.full).toBe(Math.ceil(wanted / 250));

    // The leader's station dies: its sync stops, and its dedicated connection closes.
    await killStation(server, database, expected);
    const others = all.filter((s) => s !== expected);
    const took = await until(() => others.some((s) => s.warehouse.status().leader), 10_000);
    expect(took).toBeLessThan(10_000);
    const next = others.find((s) => s.warehouse.status().leader)!;
    // The new leader syncs FeedAMP itself: wait for its first list request (a follower's old
    // sync report says nothing about that), then for that sync to finish.
    await until(async () => (await listRequests()).all > first.all, 30_000);
    await until(() => next.sync.status().state === 'idle');
    const after = await listRequests();
    // The new leader asks only for what changed: no second pass through every order.
    expect(after.full).toBe(first.full);
  }, 120_000);

  it('the leader dies in the middle of the first sync: another takes over within 10 s, every station gets every order, no stored page is read again', async () => {
    sandbox = await startSandbox({ orders: 3000, seed: 11, listRateLimit: false });
    gate.after = 2;
    const database = await createDatabase(server);
    const all = [
      await station(database, 'Station 1'),
      await station(database, 'Station 2'),
      await station(database, 'Station 3'),
    ];
    await until(() => gate.stopped !== undefined, 60_000);
    const dead = all.find((s) => s.warehouse.status().leader)!;
    expect(gate.stopped).toBe(`Station ${all.indexOf(dead) + 1}`);
    const db = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
    await db.connect();
    const syncState = async () =>
      (
        await db.query<{ state: { done: boolean; cursor?: string } }>(
          'SELECT state FROM sync_state',
        )
      ).rows[0]?.state;
    // Two pages are in the database, the sync is not finished.
    const stoppedAt = await syncState();
    expect(stoppedAt?.done).toBe(false);
    const written = (await listPages()).full.slice(0, 2);
    expect(written).toHaveLength(2);
    // The client asks for the next page while the last one is being stored: that request may
    // have left when the station died, and its answer died with it.
    const inFlight = stoppedAt?.cursor;

    await kill(dead, database);
    const others = all.filter((s) => s !== dead);
    const took = await until(() => others.some((s) => s.warehouse.status().leader), 10_000);
    expect(took).toBeLessThan(10_000);
    await until(async () => (await syncState())?.done === true, 60_000);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM orders WHERE account = 'leader-test'",
    );
    await db.end();
    const total = rows[0]!.n;
    expect(total).toBeGreaterThan(2 * 250);
    // Every station still running has every order.
    await until(() => others.every((s) => s.orders.size === total), 60_000);

    // Every page of the first sync was read, and the pages the dead leader stored were not read
    // again: the new leader started after them. Only the page it was reading as it died may
    // have been read twice.
    const after = await listPages();
    const reads = new Map<string, number>();
    for (const cursor of after.full) reads.set(cursor, (reads.get(cursor) ?? 0) + 1);
    expect(reads.size).toBe(Math.ceil(total / 250));
    for (const cursor of written) expect(reads.get(cursor)).toBe(1);
    const twice = [...reads].filter(([, n]) => n > 1);
    expect(twice).toEqual(twice.length ? [[inFlight, 2]] : []);
    console.info(
      `leader died mid-sync: ${after.full.length} list pages for ${reads.size} distinct, new leader after ${took} ms`,
    );
  }, 180_000);
});
