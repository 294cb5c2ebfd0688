// npx tsx test/bench/stations.bench.ts [stations=10] — many stations on one FeedAMP account.
// One sandbox with its per-account list limit on (2 requests a second) and 2,000 orders; each
// station is a whole core in its own child process, so the stations share nothing but the
// account, as on a shop floor. All sign in at the same instant and page through every order.
// Goals: every station's first sync (orders and returns) done within 1.5 × the floor, the floor
// being the accepted list requests at 2 a second; 429s at most 5 % of list requests.
// A counting proxy in front of the sandbox sees every list request and its status.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../main/sandbox/index';
import type { StationResult } from './station-child';

const STATIONS = Number(process.argv[2] ?? '10');
const ORDERS = 2_000;
const LIST_PER_SECOND = 2;
const TIMEOUT_MS = 10 * 60_000;

type Seen = { at: number; path: string; status: number };

async function countingProxy(target: string, seen: Seen[], t0: () => number) {
  const upstream = new URL(target);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0]!;
    const at = performance.now() - t0();
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (req.method === 'GET' && /\/api\/v2\/(orders|returns)$/.test(path))
          seen.push({ at, path, status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, '')}`, server };
}

async function main() {
  const sandbox = await startSandbox({
    orders: ORDERS,
    seed: 7,
    listRateLimit: { perSecond: LIST_PER_SECOND },
  });
  const seen: Seen[] = [];
  let start = 0;
  const proxy = await countingProxy(sandbox.url, seen, () => start);

  // Each child loads the whole core first; only then do all sign in together.
  const children: ChildProcess[] = [];
  const results: StationResult[] = [];
  const ready: Promise<void>[] = [];
  const done: Promise<void>[] = [];
  for (let i = 0; i < STATIONS; i++) {
    const child = fork('test/bench/station-child.ts', [String(i)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    ready.push(
      new Promise((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`station ${i} exited (${code})`)));
      }),
    );
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
      timeoutMs: TIMEOUT_MS,
    });
  await Promise.all(done);
  proxy.server.close();
  await sandbox.close();

  results.sort((a, b) => a.station - b.station);
  const accepted = seen.filter((s) => s.status >= 200 && s.status < 300).length;
  const limited = seen.filter((s) => s.status === 429).length;
  const floorSeconds = accepted / LIST_PER_SECOND;
  const finished = results.map((r) =>
    Math.max(r.ordersDoneMs ?? Infinity, r.returnsDoneMs ?? Infinity),
  );
  const allDoneSeconds = Math.max(...finished) / 1000;
  const ratio = allDoneSeconds / floorSeconds;
  const share429 = limited / seen.length;
  const perTenSeconds: number[] = [];
  for (const s of seen.filter((x) => x.status === 429)) {
    const bucket = Math.floor(s.at / 10_000);
    perTenSeconds[bucket] = (perTenSeconds[bucket] ?? 0) + 1;
  }
  const summary = {
    node: process.version,
    when: new Date().toISOString(),
    stations: STATIONS,
    orders: ORDERS,
    listPerSecond: LIST_PER_SECOND,
    listRequests: seen.length,
    accepted,
    responses429: limited,
    share429: +share429.toFixed(3),
    floorSeconds,
    allDoneSeconds: +allDoneSeconds.toFixed(1),
    ratio: +ratio.toFixed(2),
    goal: 'all first syncs ≤ 1.5 × floor, 429 ≤ 5 % of list requests',
    met: ratio <= 1.5 && share429 <= 0.05,
    responses429Per10s: Array.from(perTenSeconds, (n) => n ?? 0),
    stationsDetail: results.map((r) => ({
      station: r.station,
      signedInS: +(r.signedInMs / 1000).toFixed(1),
      ordersDoneS: r.ordersDoneMs === undefined ? null : +(r.ordersDoneMs / 1000).toFixed(1),
      returnsDoneS: r.returnsDoneMs === undefined ? null : +(r.returnsDoneMs / 1000).toFixed(1),
      ordersCached: r.ordersCached,
      ...(r.error ? { error: r.error } : {}),
    })),
  };
  console.log(JSON.stringify(summary, null, 2));
  mkdirSync('test/bench/results', { recursive: true });
  writeFileSync(
    STATIONS === 10
      ? 'test/bench/results/stations.json'
      : `test/bench/results/stations-${STATIONS}.json`,
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  if (!summary.met) process.exitCode = 1;
}

await main();
