// One FeedAMP sync for the account: of three stations on one warehouse database, one pages
// through FeedAMP and writes the orders there; the others read them from the database and hear
// about them (LISTEN/NOTIFY). When the leader's connection closes, another takes over within
// 10 s and carries on without paging through FeedAMP again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedampClient } from '../../../main/feedamp/client';
import { MemoryTokenStore } from '../../../main/feedamp/token';
import { silentLogger } from '../../../main/log';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox/index';
import { feedampOrderSource } from '../../../main/station/orders/feedamp-source';
import { OrderStore } from '../../../main/station/orders/store';
import { OrderSync } from '../../../main/station/orders/sync';
import { SettingsService } from '../../../main/station/settings';
import type { WarehouseService } from '../../../main/station/warehouse/service';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import { createDatabase, startStation } from '../../support/warehouse';

const skip = postgresSkipReason();

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

interface Station {
  warehouse: WarehouseService;
  orders: OrderStore;
  sync: OrderSync;
  client: FeedampClient;
}

describe.skipIf(skip)('warehouse: one sync for the account', () => {
  let server: TestPostgres;
  let sandbox: RunningSandbox;
  const stations: Station[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(async () => {
    for (const s of stations.splice(0)) {
      s.sync.stop();
      await s.warehouse.stop();
      await s.orders.close();
      await s.client.close();
    }
    await sandbox?.close();
  });

  async function station(database: string, name: string): Promise<Station> {
    const dir = mkdtempSync(join(tmpdir(), 'leader-'));
    const client = new FeedampClient({
      baseUrl: sandbox.url,
      username: sandbox.credentials.user,
      password: sandbox.credentials.password,
      clientId: sandbox.credentials.client,
      tokenStore: new MemoryTokenStore(),
    });
    const settings = new SettingsService(dir, silentLogger);
    const orders = await OrderStore.open(dir, silentLogger);
    const feedamp = feedampOrderSource(client);
    // eslint-disable-next-line prefer-const
    let warehouse: WarehouseService;
    const sync = new OrderSync({
      store: orders,
      settings: () => settings.get(),
      source: () => warehouse.orderSource(feedamp),
      log: silentLogger,
    });
    warehouse = await startStation(server, database, { name, account: 'leader-test' });
    warehouse.onFeed((why) => {
      if (why === 'role') {
        sync.stop();
        sync.start();
      } else void sync.syncNow();
    });
    sync.start();
    const s = { warehouse, orders, sync, client };
    stations.push(s);
    return s;
  }

  /** FeedAMP order list requests: full passes (no changed-after filter) and all. */
  async function listRequests() {
    const res = await fetch(`${sandbox.adminUrl}/requests?since=0`);
    const { requests } = (await res.json()) as {
      requests: { method: string; path: string; query: Record<string, unknown> }[];
    };
    const lists = requests.filter((r) => r.method === 'GET' && /\/orders$/.test(r.path));
    return {
      all: lists.length,
      full: lists.filter((r) => r.query.marketplace_state_changed_after === undefined).length,
    };
  }

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

    // The leader's dedicated connection closes (its station died); its sync stops with it.
    const admin = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.user,
      database,
    });
    await admin.connect();
    expected.sync.stop();
    // Dead: it will not try to become the leader again either.
    clearInterval(
      (expected.warehouse as unknown as { electionTimer: NodeJS.Timeout }).electionTimer,
    );
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [`packline-sync:${expected.warehouse.station}`],
    );
    await admin.end();
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
});
