// 20 stations of one FeedAMP account on one warehouse database, first sync of 2,000 orders.
// Goal: FeedAMP paged through once, no 429, every station has every order. The sandbox keeps
// FeedAMP's 2 list requests a second per account; a counting proxy sees every list request.
import { startSandbox } from '../../../main/sandbox/index';
import type { TestPostgres } from '../../support/postgres';
import {
  createDatabase,
  startSyncStation,
  stopSyncStation,
  type SyncStation,
} from '../../support/warehouse';
import { countingProxy, type Seen } from '../counting-proxy';
import type { SummaryRow } from '../summary';

const STATIONS = 20;
const ORDERS = 2_000;

/** Until the leader's first sync is done and every station has as many orders as it has. */
async function everyStationHasEveryOrder(stations: SyncStation[]): Promise<number> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const leader = stations.find((s) => s.warehouse.status().leader);
    const wanted = leader?.sync.status().lastReport ? leader.orders.size : 0;
    if (wanted > 0 && stations.every((s) => s.orders.size === wanted)) return wanted;
    if (Date.now() > deadline) throw new Error('stations did not all get every order within 5 min');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function firstSync(server: TestPostgres) {
  const sandbox = await startSandbox({ orders: ORDERS, seed: 9 });
  const seen: Seen[] = [];
  const started = performance.now();
  const proxy = await countingProxy(sandbox.url, seen, () => started);
  const database = await createDatabase(server);
  const stations: SyncStation[] = [];
  for (let i = 0; i < STATIONS; i++)
    stations.push(
      await startSyncStation(
        server,
        database,
        { url: proxy.url, credentials: sandbox.credentials },
        { name: `Station ${i + 1}`, account: 'bench' },
      ),
    );
  const wanted = await everyStationHasEveryOrder(stations);
  const seconds = (performance.now() - started) / 1000;
  const leaders = stations.filter((s) => s.warehouse.status().leader).length;
  const withEvery = stations.filter((s) => s.orders.size === wanted).length;
  for (const s of stations) await stopSyncStation(s);
  proxy.server.close();
  await sandbox.close();

  const orderLists = seen.filter((r) => r.path.endsWith('/orders'));
  const fullPages = orderLists.filter(
    (r) => r.status === 200 && r.query.marketplace_state_changed_after === undefined,
  ).length;
  const tooMany = seen.filter((r) => r.status === 429).length;
  const expectedPages = Math.ceil(wanted / 250);
  const rows: SummaryRow[] = [
    {
      target: `first sync of ${ORDERS.toLocaleString('en')} orders done once for ${STATIONS} stations`,
      goal: `${expectedPages} full-pass pages`,
      measured: `${fullPages} (every station had every order after ${seconds.toFixed(1)} s)`,
      pass: fullPages === expectedPages,
    },
    {
      target: `429s met by ${STATIONS} warehouse stations on one account`,
      goal: '0',
      measured: `${tooMany} of ${seen.length} list requests`,
      pass: tooMany === 0,
    },
    {
      target: 'warehouse stations with every order',
      goal: `${STATIONS}`,
      measured: `${withEvery}`,
      pass: withEvery === STATIONS,
    },
  ];
  const detail = {
    stations: STATIONS,
    sandboxOrders: ORDERS,
    ordersPerStation: wanted,
    secondsUntilEveryStationHasEveryOrder: +seconds.toFixed(1),
    listRequests: seen.length,
    orderListRequests: orderLists.length,
    fullPassPages: fullPages,
    responses429: tooMany,
    leaders,
  };
  return { rows, detail };
}
