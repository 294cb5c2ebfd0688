// npx tsx test/bench/outbox.bench.ts [--no-crash | --crash-only] — the outbox's targets:
// 1. A durable append (the outbox entry on disk, fdatasync'd, before "queued" is answered):
//    goal ≤ 10 ms median.
// 2. Draining 1,000 packages over many orders with 100 ms injected latency: ≥ 3 × faster than
//    a sequential uploader, with the write budget respected (never more writes in any one
//    second than the budget allows).
// 3. The crash test with 200 SIGKILLs (npm test runs 50), every other one while FeedAMP holds
//    an upload 1-15 s and applies it after the station died (npm test: 0.3-3 s).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { silentLogger } from '../../main/log';
import { OutboxStore } from '../../main/station/outbox/store';
import { startHarness, unitsLeft } from '../unit/outbox/harness';

const WRITES_PER_SECOND = 40;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function durableAppend() {
  const store = await OutboxStore.open(mkdtempSync(join(tmpdir(), 'bench-append-')), silentLogger);
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const at = new Date().toISOString();
    const t = performance.now();
    await store.put({
      id: `e${i}`,
      seq: store.takeSeq(),
      write: {
        kind: 'fulfillment.create',
        orderId: '109872189273617283',
        body: {
          fulfillment_type: 'shipment',
          fulfillment_lines: [{ line_id: '109872189273617284', quantity: 1 }],
          shipment: { shipped_date: at, carrier: 'UPS', tracking_number: `1Z${i}` },
        },
      },
      state: 'pending',
      attempts: 0,
      uncertain: false,
      createdAt: at,
      updatedAt: at,
      origin: 'station',
    });
    times.push(performance.now() - t);
  }
  await store.close();
  times.sort((a, b) => a - b);
  return {
    appends: times.length,
    medianMs: +percentile(times, 50).toFixed(2),
    p95Ms: +percentile(times, 95).toFixed(2),
    goal: 'median ≤ 10 ms',
  };
}

async function drain(concurrency: number) {
  const h = await startHarness({
    sandbox: { orders: 600, seed: 21 },
    concurrency,
    client: {
      budgets: {
        list: { perSecond: 100 },
        read: { perSecond: 200, burst: 20 },
        write: { perSecond: WRITES_PER_SECOND, burst: 1 },
      },
    },
  });
  const units = await unitsLeft(h.client, h.waitingOrders(), 1000);
  await h.worker.stop(); // queue first, then time the drain alone
  for (const [i, u] of units.slice(0, 1000).entries()) {
    await h.outbox.submitShipment({
      orderId: u.orderId,
      lines: [{ lineId: u.lineId, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: `1ZBENCH${i}`,
    });
  }
  await h.store.close();
  await h.orders.close();
  const before = await h.admin<{ last: number }>('GET', '/requests');
  await h.admin('PUT', '/faults', { latencyMs: 100 });
  const restarted = await startHarness({
    existingSandbox: h.sandbox,
    dir: h.dir,
    concurrency,
    client: {
      budgets: {
        list: { perSecond: 100 },
        read: { perSecond: 200, burst: 20 },
        write: { perSecond: WRITES_PER_SECOND, burst: 1 },
      },
    },
  });
  const t = performance.now();
  await restarted.worker.kick();
  await restarted.worker.idle();
  const seconds = (performance.now() - t) / 1000;
  const counts = restarted.outbox.counts();
  const log = await restarted.admin<{ requests: { method: string; path: string; at: string }[] }>(
    'GET',
    `/requests?since=${before.last}`,
  );
  const posts = log.requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/fulfillments'))
    .map((r) => Date.parse(r.at))
    .sort((a, b) => a - b);
  let maxInOneSecond = 0;
  for (let i = 0, j = 0; i < posts.length; i++) {
    while (posts[i]! - posts[j]! >= 1000) j++;
    maxInOneSecond = Math.max(maxInOneSecond, i - j + 1);
  }
  await restarted.close();
  await h.close();
  return {
    concurrency,
    packages: counts.sentToday,
    seconds: +seconds.toFixed(1),
    maxWritesInAnySecond: maxInOneSecond,
  };
}

const HOLDS = '1000-15000';

function crash200() {
  const t = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', 'test/unit/outbox/crash.test.ts'], {
    env: { ...process.env, PACKLINE_CRASH_KILLS: '200', PACKLINE_CRASH_HOLDS: HOLDS },
    encoding: 'utf8',
  });
  const out = stripVTControlCharacters(run.stdout);
  const seen = /crash test: (\d+) kills, (\d+) while FeedAMP held an upload, (\d+) packages/.exec(
    out,
  );
  return {
    kills: 200,
    heldKills: seen ? Number(seen[2]) : undefined,
    holdsMs: HOLDS,
    packagesAcknowledged: seen ? Number(seen[3]) : undefined,
    passed: run.status === 0,
    seconds: +((performance.now() - t) / 1000).toFixed(0),
    summary: /Tests\s+.*$/m.exec(out)?.[0],
    measuredAt: new Date().toISOString(),
  };
}

const RESULTS = 'test/bench/results/outbox.json';
const crashOnly = process.argv.includes('--crash-only');
// --crash-only keeps the other figures (and their date) of the last full run.
const previous: Record<string, unknown> =
  crashOnly && existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
let measured: Record<string, unknown> = {};
if (!crashOnly) {
  const append = await durableAppend();
  console.log('durable append', append);
  const parallel = await drain(8);
  console.log('parallel drain', parallel);
  const sequential = await drain(1);
  console.log('sequential drain', sequential);
  measured = {
    measuredAt: new Date().toISOString(),
    durableAppend: append,
    drain: {
      latencyMs: 100,
      writeBudgetPerSecond: WRITES_PER_SECOND,
      parallel,
      sequential,
      speedup: +(sequential.seconds / parallel.seconds).toFixed(2),
      goal: '≥ 3 × a sequential uploader, budget respected',
    },
  };
}
const crash = process.argv.includes('--no-crash') ? undefined : crash200();
if (crash) console.log('crash test', crash);
mkdirSync('test/bench/results', { recursive: true });
writeFileSync(RESULTS, JSON.stringify({ ...previous, ...measured, crash }, null, 2) + '\n');
