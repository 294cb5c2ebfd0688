import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedampClient } from '../../../main/feedamp/client';
import { MemoryTokenStore } from '../../../main/feedamp/token';
import type { Order } from '../../../main/feedamp/schemas';
import { unitsLeft } from './harness';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox/index';
import { startPackline } from '../../support/packline-process';

const KILLS = Number(process.env.PACKLINE_CRASH_KILLS ?? 50);
let sandbox: RunningSandbox | undefined;
afterAll(async () => sandbox?.close());

/** One unit of one line per package, from what is really left on the sandbox. */
async function packages(sb: RunningSandbox, count: number) {
  const client = new FeedampClient({
    baseUrl: sb.url,
    username: 'demo',
    password: 'demo',
    clientId: '1001',
    tokenStore: new MemoryTokenStore(),
    budgets: { list: { perSecond: 100 }, read: { perSecond: 1000, burst: 100 } },
  });
  const orders: (Order & { id: string })[] = [];
  for await (const o of client.iterateOrders({
    normalized_marketplace_state: 'AWAITING_SHIPMENT',
    limit: 250,
  })) {
    orders.push({ ...o, id: o.id! });
  }
  const units = await unitsLeft(client, orders, count);
  await client.close();
  return units
    .slice(0, count)
    .map((u, i) => ({ ...u, tracking: `1ZCRASH${String(i).padStart(5, '0')}` }));
}

describe('outbox crash safety', () => {
  it(`loses and duplicates no package across ${KILLS} SIGKILLs while queuing and uploading`, async () => {
    sandbox = await startSandbox({ orders: 300, seed: 3, listRateLimit: false });
    const plan = await packages(sandbox, 400);
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    const env = { PACKLINE_OUTBOX_SETTLE_MS: '150', PACKLINE_HEARTBEAT_MS: '60000' };
    const acked = new Set<string>();
    let next = 0;

    for (let round = 0; round <= KILLS; round++) {
      const app = await startPackline(dataDir, env);
      if (round === 0) {
        await app.call('session.signIn', {
          baseUrl: sandbox.url,
          username: 'demo',
          password: 'demo',
          clientId: '1001',
        });
        for (
          let i = 0;
          i < 100 && (await app.call<{ orders: unknown[] }>('orders.list')).orders.length === 0;
          i++
        )
          await new Promise((r) => setTimeout(r, 50));
      }
      if (round === KILLS) {
        // Last start: let everything upload, then check the sandbox.
        for (let i = 0; i < 600; i++) {
          const counts = await app.call<{ queued: number; sending: number; attention: number }>(
            'outbox.uploadNow',
          );
          expect(counts.attention).toBe(0);
          if (counts.queued + counts.sending === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(
          (await app.call<{ entries: unknown[] }>('outbox.list')).entries.length,
        ).toBeGreaterThan(0);
        await app.kill();
        break;
      }
      // Queue packages one after another and kill the process at a random moment.
      const killAt = Date.now() + 30 + Math.random() * 250;
      const killer = new Promise<void>((resolve) =>
        setTimeout(() => void app.kill('SIGKILL').then(resolve), killAt - Date.now()),
      );
      while (Date.now() < killAt && next < plan.length) {
        const pkg = plan[next++]!;
        try {
          await app.call('fulfillments.submit', {
            orderId: pkg.orderId,
            lines: [{ lineId: pkg.lineId, quantity: 1 }],
            carrier: 'UPS',
            trackingNumber: pkg.tracking,
          });
          acked.add(pkg.tracking);
        } catch {
          break; // the kill landed mid-call: this package may or may not be queued
        }
      }
      await killer;
    }

    const { writes } = (await (
      await fetch(`${sandbox.adminUrl}/writes?kind=fulfillment`)
    ).json()) as { writes: { action: string; body: { shipment: { tracking_number: string } } }[] };
    const landed = writes
      .filter((w) => w.action === 'create')
      .map((w) => w.body.shipment.tracking_number);
    const counts = new Map<string, number>();
    for (const t of landed) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(
      [...counts.values()].every((n) => n === 1),
      'a package landed twice',
    ).toBe(true);
    expect(
      [...acked].filter((t) => !counts.has(t)),
      'acknowledged packages missing on FeedAMP',
    ).toEqual([]);
    expect(acked.size).toBeGreaterThan(KILLS);
  }, 300_000);
});
