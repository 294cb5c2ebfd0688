// Two stations on one FeedAMP account pack the same orders: each has queued every unit, so half
// of the packages cannot ship. FeedAMP here lets over-shipments through (its quantity check is
// off), so only the check each station makes just before sending keeps a line from going over.
// One station's uploads meet 503s on the way, which reorders the two stations' attempts.
// That check and the upload are two requests: when both stations check the same unit before
// either upload lands, both go up. No station can close that window alone (warehouse mode's
// claims do); what it must do is never let it pass unseen — the package that went over says so.
import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../../main/sandbox/prng';
import { startHarness, unitsLeft, type Harness } from './harness';

let open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const h of open.reverse()) await h.close();
  open = [];
});

/** A proxy in front of FeedAMP answering 503 to a share of the POSTs, without forwarding them. */
async function flakyProxy(target: string, rate: number, seed: number) {
  const random = createRandom(seed);
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && /\/fulfillments$/.test(req.url ?? '') && random.next() < rate) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Service temporarily unavailable.' }));
      return;
    }
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** `count` groups whose sizes add up to exactly `total` (a small subset-sum search). */
function pick<T>(groups: T[][], count: number, total: number): T[][] {
  const sorted = [...groups].sort((x, y) => y.length - x.length);
  const search = (from: number, left: number, sum: number): T[][] | undefined => {
    if (left === 0) return sum === 0 ? [] : undefined;
    for (let i = from; i < sorted.length; i++) {
      const size = sorted[i]!.length;
      if (size > sum - (left - 1)) continue;
      const rest = search(i + 1, left - 1, sum - size);
      if (rest) return [sorted[i]!, ...rest];
    }
    return undefined;
  };
  const found = search(0, count, total);
  if (!found) throw new Error(`no ${count} orders hold exactly ${total} units`);
  return found;
}

const NOT_SENT = /^FeedAMP already shows .*(; this package was not sent| it was not sent)\.$/;

describe('outbox: two stations, one account', () => {
  it('stops every package FeedAMP already shows and never over-ships a line unseen, when both stations queued every unit of the same 10 orders', async () => {
    // Each station paced like a station (the app's client keeps 10 reads/s and 5 writes/s; three
    // times that here to keep the test short), not at loopback speed.
    const pace = { read: { perSecond: 30 }, write: { perSecond: 15 } };
    const a = await startHarness({
      sandbox: { orders: 120, seed: 41 },
      concurrency: 4,
      client: { budgets: { list: { perSecond: 50 }, ...pace } },
    });
    open.push(a);
    const proxy = await flakyProxy(a.sandbox.url, 0.3, 7);
    open.push(proxy);
    const b = await startHarness({
      existingSandbox: a.sandbox,
      client: { baseUrl: proxy.url, budgets: { list: { perSecond: 50 }, ...pace } },
      concurrency: 4,
    });
    open.push(b);
    await a.admin('PUT', '/settings', { enforceQuantities: false });

    // 10 orders holding 50 units left between them, every unit of each.
    const units = await unitsLeft(a.client, a.waitingOrders());
    const perOrder = new Map<string, { orderId: string; lineId: string }[]>();
    for (const u of units) perOrder.set(u.orderId, [...(perOrder.get(u.orderId) ?? []), u]);
    const chosen = pick([...perOrder.values()], 10, 50);
    const wanted = chosen.flat();
    expect(new Set(wanted.map((u) => u.orderId)).size).toBe(10);
    expect(wanted).toHaveLength(50);

    // Both stations queue every unit, interleaved, one unit a package.
    const ids = new Map<Harness, { id: string; tracking: string }[]>([
      [a, []],
      [b, []],
    ]);
    for (const [i, u] of wanted.entries()) {
      for (const [station, tag] of [
        [a, 'A'],
        [b, 'B'],
      ] as const) {
        const tracking = `1Z2ST${tag}${String(i).padStart(4, '0')}`;
        const entry = await station.outbox.submitShipment({
          orderId: u.orderId,
          lines: [{ lineId: u.lineId, quantity: 1 }],
          carrier: 'UPS',
          trackingNumber: tracking,
        });
        ids.get(station)!.push({ id: entry.id, tracking });
      }
    }
    // The packers read each "needs attention" sentence and discard that package, which lets the
    // next package of the same order go (an entry in attention holds its order's lane).
    const sentences = new Map<string, string>();
    for (let round = 0; round < 400; round++) {
      await Promise.all([a.worker.kick(true), b.worker.kick(true)]);
      await Promise.all([a.worker.idle(), b.worker.idle()]);
      let waiting = 0;
      for (const station of [a, b]) {
        for (const e of station.store.all()) {
          if (e.state === 'attention') {
            sentences.set(e.id, e.error?.message ?? '');
            await station.outbox.discard(e.id);
          } else if (e.state === 'pending' || e.state === 'sending') waiting++;
        }
      }
      if (waiting === 0 && [a, b].every((s) => s.outbox.counts().attention === 0)) break;
      await new Promise((r) => setTimeout(r, 20));
    }

    // FeedAMP afterwards: a line shipped beyond what was ordered only where a package of it says
    // so on its station (the two checks crossed), and never by more than the crossing packages.
    const sentSaying = (orderId: string, sku: string) =>
      [a, b].flatMap((station) =>
        station.store
          .all()
          .filter(
            (e) =>
              e.state === 'sent' &&
              e.write.kind === 'fulfillment.create' &&
              e.write.orderId === orderId &&
              e.overShipped?.sentence.includes(`${sku}: `),
          ),
      );
    const unseen: string[] = [];
    let unitsOver = 0;
    const landed = new Map<string, number>();
    for (const orderId of new Set(wanted.map((u) => u.orderId))) {
      const order = await a.client.getOrder(orderId);
      const shipments = await a.client.listFulfillments(orderId);
      const cancellations = await a.client.listCancellations(orderId);
      for (const f of shipments) {
        const t = f.shipment?.tracking_number ?? '';
        landed.set(t, (landed.get(t) ?? 0) + 1);
      }
      for (const line of order.order_lines ?? []) {
        const used = [
          ...shipments.flatMap((f) => f.fulfillment_lines ?? []),
          ...cancellations.flatMap((c) => c.cancellation_lines ?? []),
        ]
          .filter((l) => l.line_id === line.id)
          .reduce((n, l) => n + (l.quantity ?? 0), 0);
        const over = used - (line.quantity ?? 0);
        if (over <= 0) continue;
        unitsOver += over;
        if (sentSaying(orderId, line.sku ?? '').length === 0)
          unseen.push(`${orderId}/${line.sku}: ${used} of ${line.quantity}`);
      }
    }
    expect(unseen, 'lines shipped beyond what was ordered, said on no station').toEqual([]);

    // Every package: uploaded exactly once, or stopped unsent with the sentence (then discarded).
    let uploaded = 0;
    let stopped = 0;
    for (const [station, packages] of ids) {
      for (const p of packages) {
        const entry = station.store.get(p.id)!;
        if (entry.state === 'sent') {
          expect(landed.get(p.tracking), `${p.tracking} on FeedAMP`).toBe(1);
          uploaded++;
        } else {
          expect(entry.state, p.tracking).toBe('discarded');
          expect(sentences.get(p.id)).toMatch(NOT_SENT);
          expect(landed.has(p.tracking), `${p.tracking} stopped but on FeedAMP`).toBe(false);
          stopped++;
        }
      }
    }
    // Each unit went up once, plus once more for each crossing of the two checks.
    expect(uploaded).toBe(50 + unitsOver);
    expect(stopped).toBe(50 - unitsOver);
    console.log(
      `two stations: ${uploaded} uploaded, ${stopped} stopped before sending, ${unitsOver} over (said on the station); station B uploaded ${
        ids.get(b)!.filter((p) => b.store.get(p.id)?.state === 'sent').length
      }`,
    );
  }, 120_000);
});
