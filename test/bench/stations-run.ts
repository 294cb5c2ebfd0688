// Many stations on one FeedAMP account, as stations.bench.ts and stations-turns.bench.ts run it.
// One sandbox with its per-account list limit on (2 requests a second) and 2,000 orders; each
// station is a whole core in its own child process, so the stations share nothing but the
// account, as on a shop floor. All sign in at the same instant and page through every order.
// Goals: every station's first sync (orders and returns) done within 1.5 × the floor, the floor
// being the accepted list requests at 2 a second; 429s at most 5 % of list requests.
// A counting proxy in front of the sandbox sees every list request and its status.
// The stations then stay signed in, idle, until the shift's first minutes are over (their
// incremental syncs on their timers), as the stations of a shop do; a second 429 row counts the
// whole shift, labelled as such. The first-sync rows count only the requests until the last
// first sync was done.
import type { ChildProcess } from 'node:child_process';
import { forkStation } from './fork-station';
import { startSandbox } from '../../main/sandbox/index';
import { countingProxy, type Seen } from './counting-proxy';
import type { StationResult } from './station-child';
import { writeResults } from './summary';

const ORDERS = 2_000;
const LIST_PER_SECOND = 2;
const TIMEOUT_MS = 10 * 60_000;

export interface StationsRun {
  stations: number;
  shiftMinutes: number;
  /** Each station is given its turn in Settings: station i + 1 of `stations`. */
  turns: boolean;
  /** The results file (test/bench/results/<name>.json). */
  name: string;
}

export async function runStations(run: StationsRun): Promise<void> {
  const { stations: STATIONS, shiftMinutes: SHIFT_MINUTES, turns } = run;
  const SHIFT_MS = SHIFT_MINUTES * 60_000;
  const who = turns ? `${STATIONS} stations given their turns in Settings` : `${STATIONS} stations`;
  const sandbox = await startSandbox({
    orders: ORDERS,
    seed: 7,
    listRateLimit: { perSecond: LIST_PER_SECOND },
  });
  const shiftSeen: Seen[] = [];
  let start = 0;
  const proxy = await countingProxy(sandbox.url, shiftSeen, () => start);

  // Each child loads the whole core first; only then do all sign in together.
  const children: ChildProcess[] = [];
  const results: StationResult[] = [];
  const ready: Promise<void>[] = [];
  const done: Promise<void>[] = [];
  for (let i = 0; i < STATIONS; i++) {
    const { child, ready: started } = forkStation('test/bench/station-child.ts', i);
    children.push(child);
    ready.push(started);
    done.push(
      new Promise((resolve) => {
        child.on('message', (m: { result?: StationResult }) => {
          if (m.result) results.push(m.result);
        });
        child.once('exit', () => resolve());
      }),
    );
  }
  await Promise.all(ready);
  start = performance.now();
  const { user, password, client } = sandbox.credentials;
  for (const child of children)
    child.send({
      baseUrl: proxy.url,
      username: user,
      password,
      clientId: client,
      timeoutMs: Math.max(TIMEOUT_MS, SHIFT_MS),
      shiftMs: SHIFT_MS,
      turn: turns ? { station: children.indexOf(child) + 1, of: STATIONS } : undefined,
    });
  await Promise.all(done);
  proxy.server.close();
  await sandbox.close();

  results.sort((a, b) => a.station - b.station);
  const finished = results.map((r) =>
    Math.max(r.ordersDoneMs ?? Infinity, r.returnsDoneMs ?? Infinity),
  );
  const allDoneSeconds = Math.max(...finished) / 1000;
  const shiftLimited = shiftSeen.filter((s) => s.status === 429).length;
  const shiftShare429 = shiftLimited / shiftSeen.length;
  // The first syncs: every list request until the last station's first sync was done.
  const seen = shiftSeen.filter((s) => s.at <= allDoneSeconds * 1000);
  const accepted = seen.filter((s) => s.status >= 200 && s.status < 300).length;
  const limited = seen.filter((s) => s.status === 429).length;
  const floorSeconds = accepted / LIST_PER_SECOND;
  const ratio = allDoneSeconds / floorSeconds;
  const share429 = limited / seen.length;
  const perTenSeconds: number[] = [];
  for (const s of seen.filter((x) => x.status === 429)) {
    const bucket = Math.floor(s.at / 10_000);
    perTenSeconds[bucket] = (perTenSeconds[bucket] ?? 0) + 1;
  }
  // Who got through when: accepted and 429 list requests in each second since sign-in.
  const seconds = Math.ceil(Math.max(0, ...seen.map((s) => s.at)) / 1000);
  const timeline = {
    accepted: Array<number>(seconds).fill(0),
    limited: Array<number>(seconds).fill(0),
  };
  for (const s of seen) {
    const second = Math.min(seconds - 1, Math.floor(s.at / 1000));
    if (s.status === 429) timeline.limited[second]!++;
    else if (s.status >= 200 && s.status < 300) timeline.accepted[second]!++;
  }
  const summary = [
    {
      target: `first syncs of ${who} signing in together on one account`,
      goal: '≤ 1.5 × floor',
      measured: `${ratio.toFixed(2)}× floor (${allDoneSeconds.toFixed(1)} s vs ${floorSeconds} s)`,
      pass: ratio <= 1.5,
    },
    {
      target: `429s met by ${who} on one account during their first syncs`,
      goal: '≤ 5 % of list requests',
      measured: `${(100 * share429).toFixed(1)} % (${limited} of ${seen.length})`,
      pass: share429 <= 0.05,
    },
    {
      target: `429s met by ${who} in the first ${SHIFT_MINUTES} minutes of a shift (first syncs, then incremental syncs while idle)`,
      goal: '≤ 5 % of list requests',
      measured: `${(100 * shiftShare429).toFixed(1)} % (${shiftLimited} of ${shiftSeen.length}; after the first syncs ${shiftLimited - limited} of ${shiftSeen.length - seen.length})`,
      pass: shiftShare429 <= 0.05,
    },
  ];
  const detail = {
    stations: STATIONS,
    turns,
    orders: ORDERS,
    listPerSecond: LIST_PER_SECOND,
    listRequests: seen.length,
    accepted,
    responses429: limited,
    share429: +share429.toFixed(3),
    floorSeconds,
    allDoneSeconds: +allDoneSeconds.toFixed(1),
    ratio: +ratio.toFixed(2),
    responses429Per10s: Array.from(perTenSeconds, (n) => n ?? 0),
    shift: {
      minutes: SHIFT_MINUTES,
      listRequests: shiftSeen.length,
      responses429: shiftLimited,
      share429: +shiftShare429.toFixed(3),
      afterFirstSyncs: {
        listRequests: shiftSeen.length - seen.length,
        responses429: shiftLimited - limited,
      },
    },
    perSecond: timeline,
    stationsDetail: results.map((r) => ({
      station: r.station,
      signedInS: +(r.signedInMs / 1000).toFixed(1),
      ordersDoneS: r.ordersDoneMs === undefined ? null : +(r.ordersDoneMs / 1000).toFixed(1),
      returnsDoneS: r.returnsDoneMs === undefined ? null : +(r.returnsDoneMs / 1000).toFixed(1),
      ordersCached: r.ordersCached,
      ...(r.error ? { error: r.error } : {}),
    })),
  };
  console.log(JSON.stringify({ summary, ...detail }, null, 2));
  writeResults(run.name, summary, detail);
  if (!summary.every((row) => row.pass)) process.exitCode = 1;
}
