// The sync leader killed mid-sync: 3 stations, each the app's whole core in its own process, in
// warehouse mode on one account (3,000 orders, FeedAMP's 2 list requests a second). Once the
// leader has stored 2 pages of the account's first sync, its process is SIGKILLed. Measured, over
// 3 such kills (each on a fresh database and sandbox): how soon another station holds the sync
// lock (seen in the database, not told by a station; the others try every 2 s), when the
// survivors have every order, and which first-sync pages FeedAMP was asked for twice.
import type { ChildProcess } from 'node:child_process';
import { forkStation } from '../fork-station';
import pg from 'pg';
import { startSandbox } from '../../../main/sandbox/index';
import type { TestPostgres } from '../../support/postgres';
import { createDatabase } from '../../support/warehouse';
import { countingProxy, type Seen } from '../counting-proxy';
import { spread, type SummaryRow } from '../summary';
import type { FailoverStatus } from './failover-child';

const STATIONS = 3;
const ORDERS = 3_000;
const PAGE = 250;
const KILL_AFTER_PAGES = 2;
const TAKEOVER_GOAL_S = 10;
const KILLS = 3;

/** "2" when every kill gave 2, else "1–3". */
const range = (values: number[], digits = 0) =>
  Math.min(...values) === Math.max(...values) ? values[0]!.toFixed(digits) : spread(values, digits);

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 120_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`failover bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The stations in their own processes, each reporting its status; all started, none signed in. */
async function forkStations(statuses: Map<number, FailoverStatus>): Promise<ChildProcess[]> {
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < STATIONS; i++) {
    const { child, ready: started } = forkStation('test/bench/warehouse/failover-child.ts', i);
    children.push(child);
    child.on('message', (m: { status?: FailoverStatus }) => {
      if (m.status) statuses.set(m.status.station, m.status);
    });
    ready.push(started);
  }
  await Promise.all(ready);
  return children;
}

async function stopStations(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/**
 * First-sync order pages FeedAMP answered, by the cursor asked for: no changed-after filter, and
 * not sign-in's one-order look (limit=1).
 */
function fullPassReads(seen: Seen[]): Map<string, number> {
  const reads = new Map<string, number>();
  for (const r of seen)
    if (
      r.path.endsWith('/orders') &&
      r.status === 200 &&
      !r.query.marketplace_state_changed_after &&
      r.query.limit !== '1'
    ) {
      const cursor = r.query.cursor ?? '(first page)';
      reads.set(cursor, (reads.get(cursor) ?? 0) + 1);
    }
  return reads;
}

interface SyncRow {
  state: { cursor?: string; done: boolean };
  leader: string;
}

async function oneKill(server: TestPostgres, seed: number) {
  const sandbox = await startSandbox({ orders: ORDERS, seed });
  const seen: Seen[] = [];
  const t0 = performance.now();
  const proxy = await countingProxy(sandbox.url, seen, () => t0);
  const database = await createDatabase(server);
  const db = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
  await db.connect();
  const statuses = new Map<number, FailoverStatus>();
  const children = await forkStations(statuses);
  try {
    const { user, password, client } = sandbox.credentials;
    const go = {
      feedamp: { baseUrl: proxy.url, username: user, password, clientId: client },
      database: { host: server.host, port: server.port, database, user: server.user },
    };
    for (const child of children) child.send(go);
    const syncRow = async () =>
      (await db.query<SyncRow>("SELECT state, leader FROM sync_state WHERE kind = 'orders'"))
        .rows[0];
    const stored = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')).rows[0]!.n;
    // The first station to connect creates the tables.
    await until('the schema', async () => {
      const { rows } = await db.query<{ t: string | null }>(
        "SELECT to_regclass('sync_state')::text AS t",
      );
      return rows[0]?.t ?? undefined;
    });
    const killed = await killLeaderMidSync(children, statuses, syncRow, stored);
    const takeover = await until('a new leader', async () => {
      const { rows } = await db.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'packline-sync:%'`,
      );
      const holder = rows.find((r) => r.name !== `packline-sync:${killed.stationId}`);
      return holder ? (performance.now() - killed.at) / 1000 : undefined;
    });
    const total = await until('the first sync to finish', async () =>
      (await syncRow())?.state.done ? stored() : undefined,
    );
    const everyOrder = await until('every survivor to have every order', () => {
      const survivors = [...statuses.values()].filter((s) => s.station !== killed.station);
      const done =
        survivors.length === STATIONS - 1 && survivors.every((s) => s.cachedOrders === total);
      return Promise.resolve(done ? (performance.now() - killed.at) / 1000 : undefined);
    });
    return measure({ seen, t0, killed, takeover, total, everyOrder });
  } finally {
    await stopStations(children);
    await db.end();
    proxy.server.close();
    await sandbox.close();
  }
}

/** Once the leader has stored its first pages of the first sync: its process is SIGKILLed. */
async function killLeaderMidSync(
  children: ChildProcess[],
  statuses: Map<number, FailoverStatus>,
  syncRow: () => Promise<SyncRow | undefined>,
  stored: () => Promise<number>,
) {
  const row = await until('the leader to store its first pages', async () => {
    const r = await syncRow();
    if (!r || r.state.done || !r.state.cursor) return undefined;
    return (await stored()) >= KILL_AFTER_PAGES * PAGE ? r : undefined;
  });
  const leader = [...statuses.values()].find((s) => s.stationId === row.leader);
  if (!leader) throw new Error('failover bench: the leader named in sync_state is no station');
  const child = children[leader.station]!;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const at = performance.now();
  child.kill('SIGKILL');
  await exited;
  // Read before a new leader can have stored anything: what the dead leader left behind. Its
  // cursor names the page it was to read next, which it may have been fetching as it died.
  const left = await syncRow();
  return {
    station: leader.station,
    stationId: leader.stationId,
    at,
    cursor: left?.state.cursor,
    storedOrders: await stored(),
  };
}

function measure(r: {
  seen: Seen[];
  t0: number;
  killed: Awaited<ReturnType<typeof killLeaderMidSync>>;
  takeover: number;
  total: number;
  everyOrder: number;
}) {
  const reads = fullPassReads(r.seen);
  const twice = [...reads].filter(([, n]) => n > 1).map(([cursor]) => cursor);
  const killedAtMs = r.killed.at - r.t0;
  return {
    orders: r.total,
    pages: Math.ceil(r.total / PAGE),
    storedPages: Math.floor(r.killed.storedOrders / PAGE),
    takeoverSeconds: +r.takeover.toFixed(2),
    everyOrderSeconds: +r.everyOrder.toFixed(1),
    pageReads: [...reads.values()].reduce((a, b) => a + b, 0),
    distinctPages: reads.size,
    fetchedTwice: twice.length,
    /** The page the killed station was to read next: it may have been fetching it as it died. */
    inFlightFetchedTwice: twice.filter((c) => c === r.killed.cursor).length,
    storedFetchedAgain: twice.filter((c) => c !== r.killed.cursor).length,
    /** When the killed station had asked for that page, in ms before the kill (none: not asked). */
    inFlightAskedMsBeforeKill: r.seen
      .filter((s) => s.query.cursor === r.killed.cursor && s.at < killedAtMs)
      .map((s) => Math.round(killedAtMs - s.at)),
    listRequests: r.seen.length,
    responses429: r.seen.filter((s) => s.status === 429).length,
  };
}

export async function leaderKilled(server: TestPostgres) {
  const kills: ReturnType<typeof measure>[] = [];
  for (let i = 0; i < KILLS; i++) kills.push(await oneKill(server, 11 + i));
  const takeovers = kills.map((k) => k.takeoverSeconds);
  const worst = Math.max(...takeovers);
  const twice = kills.reduce((n, k) => n + k.fetchedTwice, 0);
  const inFlight = kills.reduce((n, k) => n + k.inFlightFetchedTwice, 0);
  const storedAgain = kills.reduce((n, k) => n + k.storedFetchedAgain, 0);
  const complete = kills.every((k) => k.distinctPages === k.pages);
  const why =
    twice === 0
      ? ''
      : ` (${inFlight} being fetched as the leader died: the client asks for the next page while storing one${storedAgain ? `; ${storedAgain} stored before` : ''})`;
  const rows: SummaryRow[] = [
    {
      target: `sync leader SIGKILLed mid-sync (${STATIONS} stations, ${KILLS} kills): another takes over`,
      goal: `≤ ${TAKEOVER_GOAL_S} s`,
      measured: `${range(takeovers, 1)} s (killed after page ${range(kills.map((k) => k.storedPages))} of ${range(kills.map((k) => k.pages))})`,
      pass: worst <= TAKEOVER_GOAL_S,
    },
    {
      target: 'first-sync pages fetched twice after that kill',
      goal: '0 it had stored',
      measured: `${twice}${why}; survivors had every order ${range(
        kills.map((k) => k.everyOrderSeconds),
        1,
      )} s after the kill`,
      pass: storedAgain === 0 && complete,
    },
  ];
  return { rows, detail: { stations: STATIONS, sandboxOrders: ORDERS, kills } };
}
