// Warehouse mode at scale: 20 stations of one FeedAMP account on one warehouse database, first
// sync of 2,000 orders. Goal: FeedAMP paged through once, no 429, every station has every order.
// Needs PostgreSQL (Debian's postgresql package). Run: npx tsx test/bench/warehouse.bench.ts
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeedampClient } from '../../main/feedamp/client';
import { MemoryTokenStore } from '../../main/feedamp/token';
import { silentLogger } from '../../main/log';
import { startSandbox } from '../../main/sandbox/index';
import { feedampOrderSource } from '../../main/station/orders/feedamp-source';
import { OrderStore } from '../../main/station/orders/store';
import { OrderSync } from '../../main/station/orders/sync';
import { SettingsService } from '../../main/station/settings';
import type { WarehouseService } from '../../main/station/warehouse/service';
import { postgresSkipReason, startPostgres } from '../support/postgres';
import { createDatabase, startStation } from '../support/warehouse';

const STATIONS = 20;
const ORDERS = 2_000;
const RESULT = fileURLToPath(new URL('./results/warehouse.json', import.meta.url));

if (postgresSkipReason()) process.exit(0);
const server = await startPostgres();
// The sandbox enforces FeedAMP's 2 list requests a second per user, answering 429 beyond.
const sandbox = await startSandbox({ orders: ORDERS, seed: 9 });
const database = await createDatabase(server);
const started = Date.now();
const stations: {
  warehouse: WarehouseService;
  orders: OrderStore;
  sync: OrderSync;
  client: FeedampClient;
}[] = [];
for (let i = 0; i < STATIONS; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'wh-bench-'));
  // Each station its own client, as on its own computer (no shared in-process list budget).
  const client = new FeedampClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.user,
    password: sandbox.credentials.password,
    clientId: `${sandbox.credentials.client}`,
    tokenStore: new MemoryTokenStore(),
  });
  const settings = new SettingsService(dir, silentLogger);
  const orders = await OrderStore.open(dir, silentLogger);
  const feedamp = feedampOrderSource(client);
  const holder: { warehouse?: WarehouseService } = {};
  const sync = new OrderSync({
    store: orders,
    settings: () => settings.get(),
    source: () => holder.warehouse?.orderSource(feedamp),
    log: silentLogger,
  });
  const warehouse = await startStation(server, database, {
    name: `Station ${i + 1}`,
    account: 'bench',
  });
  holder.warehouse = warehouse;
  warehouse.onFeed((why) => {
    if (why === 'role') {
      sync.stop();
      sync.start();
    } else void sync.syncNow();
  });
  sync.start();
  stations.push({ warehouse, orders, sync, client });
}

const deadline = Date.now() + 300_000;
let wanted = 0;
for (;;) {
  const leader = stations.find((s) => s.warehouse.status().leader);
  if (leader && leader.sync.status().lastReport) wanted = leader.orders.size;
  if (wanted > 0 && stations.every((s) => s.orders.size === wanted)) break;
  if (Date.now() > deadline) throw new Error('stations did not all get every order within 5 min');
  await new Promise((r) => setTimeout(r, 100));
}
const seconds = (Date.now() - started) / 1000;
const { requests } = (await (await fetch(`${sandbox.adminUrl}/requests?since=0`)).json()) as {
  requests: { method: string; path: string; query: Record<string, unknown> }[];
};
const lists = requests.filter((r) => r.method === 'GET' && /\/orders$/.test(r.path));
const fullPages = lists.filter((r) => r.query.marketplace_state_changed_after === undefined).length;
// The sandbox's log has no status codes; a 429 shows as the same list request sent again.
const tooMany = lists.length - new Set(lists.map((r) => JSON.stringify(r.query))).size;
const leaders = stations.filter((s) => s.warehouse.status().leader).length;
for (const s of stations) {
  s.sync.stop();
  await s.warehouse.stop();
  await s.orders.close();
  await s.client.close();
}
await sandbox.close();
server.destroy();

const expectedPages = Math.ceil(wanted / 250);
const summary = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  stations: STATIONS,
  sandboxOrders: ORDERS,
  ordersPerStation: wanted,
  secondsUntilEveryStationHasEveryOrder: Number(seconds.toFixed(1)),
  feedampListRequests: lists.length,
  fullPassPages: fullPages,
  listRequestsSentAgain: tooMany,
  leaders,
  summary: [
    {
      target: 'first sync done once for 20 stations',
      goal: `${expectedPages} full-pass pages`,
      measured: `${fullPages}`,
      pass: fullPages === expectedPages,
    },
    {
      target: 'list requests sent again (429s)',
      goal: '0',
      measured: `${tooMany}`,
      pass: tooMany === 0,
    },
    {
      target: 'stations with every order',
      goal: `${STATIONS}`,
      measured: `${STATIONS}`,
      pass: true,
    },
  ],
};
mkdirSync(dirname(RESULT), { recursive: true });
writeFileSync(RESULT, `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
console.log(`wrote ${RESULT}`);
