// One returns sync for the account too: of two stations on one warehouse database, the one that
// syncs pages through FeedAMP's returns and writes them there; the other reads every return from
// the database, hears about new ones (LISTEN/NOTIFY) and never asks FeedAMP for the list.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedampClient } from '../../../main/feedamp/client';
import { silentLogger } from '../../../main/log';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox/index';
import { feedampReturnSource } from '../../../main/station/returns/feedamp-source';
import { ReturnStore } from '../../../main/station/returns/store';
import { ReturnSync, type ReturnSource } from '../../../main/station/returns/sync';
import { SettingsService } from '../../../main/station/settings';
import type { WarehouseService } from '../../../main/station/warehouse/service';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import { createDatabase, killStation, startStation, stationClient } from '../../support/warehouse';

const skip = postgresSkipReason();

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Station {
  warehouse: WarehouseService;
  store: ReturnStore;
  sync: ReturnSync;
  client: FeedampClient;
  /** Pages this station read from FeedAMP's returns list. */
  feedampPages: number;
}

describe.skipIf(skip)('warehouse: one returns sync for the account', () => {
  let server: TestPostgres;
  let sandbox: RunningSandbox | undefined;
  const stations: Station[] = [];
  /** A station that has read this many pages from FeedAMP hangs before the next, as if dead. */
  let hangAfter = Infinity;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(async () => {
    for (const s of stations.splice(0)) {
      s.sync.stop();
      await s.warehouse.stop();
      await s.store.close();
      await s.client.close();
    }
    await sandbox?.close();
    hangAfter = Infinity;
  });

  async function station(running: RunningSandbox, database: string, name: string) {
    const dir = mkdtempSync(join(tmpdir(), 'returns-db-'));
    const client = stationClient(running);
    const settings = new SettingsService(dir, silentLogger);
    const store = await ReturnStore.open(dir, silentLogger);
    const feedamp = feedampReturnSource(client);
    const counted: ReturnSource = {
      async *pages(query, signal) {
        for await (const page of feedamp.pages(query, signal)) {
          if (++s.feedampPages > hangAfter)
            await new Promise((_, reject) =>
              signal.addEventListener('abort', () => reject(signal.reason as Error), {
                once: true,
              }),
            );
          yield page;
        }
      },
    };
    const warehouse = await startStation(server, database, { name, account: 'returns-test' });
    const sync = new ReturnSync({
      store,
      settings: () => settings.get().returns,
      source: () => warehouse.returnSource(counted),
      log: silentLogger,
    });
    const s: Station = { warehouse, store, sync, client, feedampPages: 0 };
    warehouse.onFeed((why) => {
      if (why === 'role') {
        sync.stop();
        sync.start();
      } else if (why === 'returns') void sync.syncNow();
    });
    sync.start();
    stations.push(s);
    return s;
  }

  /** GET requests for FeedAMP's returns list, whoever made them: each with its cursor. */
  async function returnListRequests(running: RunningSandbox): Promise<string[]> {
    const res = await fetch(`${running.adminUrl}/requests?since=0`);
    const { requests } = (await res.json()) as {
      requests: { method: string; path: string; query: Record<string, unknown> }[];
    };
    return requests
      .filter((r) => r.method === 'GET' && /\/api\/v2\/returns$/.test(r.path))
      .map((r) => (typeof r.query.cursor === 'string' ? r.query.cursor : '(first page)'));
  }

  const kill = (s: Station, database: string) => killStation(server, database, s);

  it('the leader syncs the returns once; the other station has every return and asked FeedAMP for none', async () => {
    const running = await startSandbox({ orders: 8000, seed: 7, listRateLimit: false });
    sandbox = running;
    const database = await createDatabase(server);
    const all = [await station(running, database, 'Station 1')];
    all.push(await station(running, database, 'Station 2'));
    await until(() => all.filter((s) => s.warehouse.status().leader).length === 1);
    const leader = all.find((s) => s.warehouse.status().leader)!;
    const follower = all.find((s) => s !== leader)!;
    await until(() => leader.sync.status().state === 'idle' && leader.store.size > 0, 60_000);
    const wanted = leader.store.size;
    // More than one page, so the database is read page by page as FeedAMP was.
    expect(wanted).toBeGreaterThan(250);
    await until(() => follower.store.size === wanted && follower.sync.status().state === 'idle');
    const ids = (s: Station) => [...s.store.all()].map((e) => e.ret.id).sort();
    expect(ids(follower)).toEqual(ids(leader));

    // The list budget was spent once: every returns list request was the leader's.
    expect(follower.feedampPages).toBe(0);
    expect(leader.feedampPages).toBe(Math.ceil(wanted / 250));
    expect(await returnListRequests(running)).toHaveLength(leader.feedampPages);

    const db = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
    await db.connect();
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM returns WHERE account = 'returns-test'",
    );
    expect(rows[0]!.n).toBe(wanted);
    // Where the returns' first sync stands is kept apart from the orders', for a new leader.
    const state = await db.query<{ kind: string; done: boolean }>(
      "SELECT kind, (state->>'done')::boolean AS done FROM sync_state",
    );
    expect(state.rows).toEqual([{ kind: 'returns', done: true }]);
    // A return the leader stores later reaches the other station when it is told (its own
    // sync would wait two minutes): as if the leader's next sync had read it.
    const newer = { ...leader.store.all().next().value!.ret, id: '999999999999' };
    await db.query(
      `INSERT INTO returns (account, return_id, body) VALUES ('returns-test', $1, $2)`,
      [newer.id, newer],
    );
    await db.query("SELECT pg_notify('packline_returns', 'returns-test')");
    await db.end();
    await until(() => follower.store.size === wanted + 1, 10_000);
  }, 120_000);

  it('the leader dies in the middle of the returns’ first sync: the next one carries on at its page', async () => {
    const running = await startSandbox({ orders: 8000, seed: 7, listRateLimit: false });
    sandbox = running;
    hangAfter = 1;
    const database = await createDatabase(server);
    const all = [await station(running, database, 'Station 1')];
    all.push(await station(running, database, 'Station 2'));
    await until(() => all.some((s) => s.feedampPages > 1));
    const dead = all.find((s) => s.feedampPages > 1)!;
    const next = all.find((s) => s !== dead)!;
    expect(next.feedampPages).toBe(0);
    hangAfter = Infinity;
    await kill(dead, database);
    await until(() => next.warehouse.status().leader, 10_000);
    await until(() => next.store.size > 250 && next.sync.status().state === 'idle');
    // Every return once, the first page (in the database already) not asked for again.
    const pages = await returnListRequests(running);
    expect(pages.filter((c) => c === '(first page)')).toHaveLength(1);
    expect(new Set(pages).size).toBe(Math.ceil(next.store.size / 250));
  }, 120_000);
});
