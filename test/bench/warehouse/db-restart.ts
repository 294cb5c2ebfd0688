// The warehouse database stopped mid-shift and started again: 3 stations keep packing (each
// ships one of its own orders every half second) while the throwaway cluster is stopped for real
// (pg_ctl stop -m fast) and started again. Stations try the database every 5 s, as the app does.
// Measured: packages shipped while it was down (none refused), how soon after the start every
// station is connected again with what it shipped alone recorded in the database, and that no
// package is lost (every one on FeedAMP and in the database, no line over-shipped).
import pg from 'pg';
import type { Order } from '../../../main/feedamp/schemas';
import type { TestPostgres } from '../../support/postgres';
import type { Harness } from '../../unit/outbox/harness';
import {
  startPackStations,
  stopPackStations,
  untouchedOrders,
  type PackStation,
} from '../../unit/warehouse/pack-stations';
import { audit, drain } from '../../unit/warehouse/same-moment';
import type { SummaryRow } from '../summary';

const STATIONS = 3;
const PACE_MS = 500;
const BEFORE_MS = 3_000;
// Not a multiple of the 5 s retry: the stations, gone alone together, would try just as it starts.
const DOWN_MS = 12_000;
const AFTER_MS = 2_000;
/** Enough for every station to pack for the whole shift: before, down, rejoining, after. */
const ORDERS_PER_STATION = 70;

type Phase = 'before' | 'down' | 'rejoining' | 'after';
interface Packed {
  station: string;
  orderId: string;
  tracking: string;
  phase: Phase;
  refused?: string;
}

/** Each station packs its own orders one after another, one every PACE_MS, until told to stop. */
function packing(
  s: PackStation,
  index: number,
  orders: (Order & { id: string })[],
  phase: () => Phase,
  out: Packed[],
) {
  let stopped = false;
  const done = (async () => {
    for (const [n, order] of orders.entries()) {
      if (stopped) return;
      const tracking = `1ZDOWN${index}${String(n).padStart(4, '0')}`;
      const packed: Packed = { station: s.name, orderId: order.id, tracking, phase: phase() };
      try {
        await s.pack.open(order.id);
        await s.pack.ship({
          orderId: order.id,
          lines: (order.order_lines ?? []).map((l) => ({ lineId: l.id!, quantity: l.quantity! })),
          carrier: 'UPS',
          trackingNumber: tracking,
        });
      } catch (error) {
        packed.refused = (error as Error).message;
      }
      out.push(packed);
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
    // Out of orders before the shift ended: the row's "every station keeps packing" can fail.
    console.warn(`${s.name} ran out of orders to pack`);
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function databaseRestart(server: TestPostgres) {
  const all = await startPackStations(server, {
    count: STATIONS,
    account: 'restart',
    seed: 83,
    orders: 800,
    retryMs: 5_000,
  });
  const db = await packedIn(all);
  try {
    const orders = await untouchedOrders(all[0]!.h, STATIONS * ORDERS_PER_STATION);
    const wentAlone = new Set<string>();
    for (const s of all)
      s.warehouse!.onStatus((status) => {
        if (status.state === 'alone') wentAlone.add(s.name);
      });
    let phase: Phase = 'before';
    const packed: Packed[] = [];
    const loops = all.map((s, i) =>
      packing(
        s,
        i,
        orders.slice(i * ORDERS_PER_STATION, (i + 1) * ORDERS_PER_STATION),
        () => phase,
        packed,
      ),
    );
    await sleep(BEFORE_MS);
    server.stop();
    phase = 'down';
    const stoppedAt = performance.now();
    await sleep(DOWN_MS);
    const downSeconds = (performance.now() - stoppedAt) / 1000;
    server.start();
    phase = 'rejoining';
    const startedAt = performance.now();
    const rejoined = await until(async () => {
      if (!all.every((s) => s.warehouse!.status().state === 'connected')) return undefined;
      const recorded = await db.trackingNumbers().catch(() => new Set<string>());
      const aloneDone = packed.filter((p) => p.phase === 'down' && !p.refused);
      return aloneDone.every((p) => recorded.has(p.tracking))
        ? (performance.now() - startedAt) / 1000
        : undefined;
    });
    phase = 'after';
    await sleep(AFTER_MS);
    for (const loop of loops) await loop.stop();
    await drain(all);
    return await report(all[0]!.h, orders, db, packed, {
      downSeconds,
      rejoined,
      wentAlone: wentAlone.size,
    });
  } finally {
    await db.end();
    await stopPackStations(all);
  }
}

/** The bench's own view of the database (a pool: it reconnects once the server is back). */
async function packedIn(all: PackStation[]) {
  const pool = all[0]!.warehouse!.db!;
  const settings = pool.options;
  const mine = new pg.Pool({ ...settings, max: 1, application_name: 'bench' });
  mine.on('error', () => undefined);
  return {
    async trackingNumbers(): Promise<Set<string>> {
      const { rows } = await mine.query<{ t: string }>(
        'SELECT DISTINCT tracking_number AS t FROM packed_lines',
      );
      return new Set(rows.map((r) => r.t));
    },
    end: () => mine.end(),
  };
}

async function until<T>(check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end)
      throw new Error('database restart bench: stations did not rejoin in 60 s');
    await sleep(50);
  }
}

async function report(
  h: Harness,
  picked: (Order & { id: string })[],
  db: Awaited<ReturnType<typeof packedIn>>,
  packed: Packed[],
  m: { downSeconds: number; rejoined: number; wentAlone: number },
) {
  const shipped = packed.filter((p) => !p.refused);
  const refused = packed.filter((p) => p.refused);
  const down = shipped.filter((p) => p.phase === 'down');
  const stationsPackingWhileDown = new Set(down.map((p) => p.station)).size;
  const shippedIds = new Set(shipped.map((p) => p.orderId));
  const orders = picked.filter((o) => shippedIds.has(o.id));
  const { overShipped, lost } = await audit(h, orders, shipped);
  const recorded = await db.trackingNumbers();
  const notRecorded = shipped.filter((p) => !recorded.has(p.tracking));
  const rows: SummaryRow[] = [
    {
      target: `warehouse database stopped mid-shift, ${STATIONS} stations packing`,
      goal: 'every station keeps packing, 0 refused',
      measured: `down ${m.downSeconds.toFixed(1)} s: ${down.length} packages shipped meanwhile by ${stationsPackingWhileDown} of ${STATIONS} stations (working alone), ${refused.length} refused`,
      pass:
        stationsPackingWhileDown === STATIONS && refused.length === 0 && m.wentAlone === STATIONS,
    },
    {
      target: 'database started again: every station rejoins, nothing lost',
      goal: 'all rejoin; 0 lost, 0 over-shipped',
      measured: `${m.rejoined.toFixed(1)} s (stations retry every 5 s); lost ${lost.length + notRecorded.length} of ${shipped.length} packages, ${overShipped.length} over-shipped`,
      pass: lost.length === 0 && notRecorded.length === 0 && overShipped.length === 0,
    },
  ];
  const detail = {
    stations: STATIONS,
    packEveryMs: PACE_MS,
    downSeconds: +m.downSeconds.toFixed(1),
    rejoinedSeconds: +m.rejoined.toFixed(1),
    packages: shipped.length,
    packagesByPhase: Object.fromEntries(
      (['before', 'down', 'rejoining', 'after'] as const).map((p) => [
        p,
        shipped.filter((s) => s.phase === p).length,
      ]),
    ),
    refused: refused.map((p) => p.refused),
    stationsWorkingAlone: m.wentAlone,
    lostOnFeedamp: lost.length,
    missingInDatabase: notRecorded.length,
    overShippedLines: overShipped.length,
  };
  return { rows, detail };
}
