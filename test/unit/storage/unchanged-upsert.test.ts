// A sync reads the last minutes again on every run: orders it brings back unchanged are not
// written again, and the screens are not told that orders changed (each "changed" makes the
// window fetch every order again, on a packing station's slow PC once a minute).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../main/feedamp/schemas';
import { silentLogger } from '../../../main/log';
import { generateDemoData } from '../../../main/sandbox/demo-data';
import { orderJson } from '../../../main/sandbox/present';
import { OrderStore } from '../../../main/station/orders/store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function someOrders(count: number): (Order & { id: string })[] {
  const data = generateDemoData({
    seed: 3,
    orders: count,
    now: Date.now(),
    clientId: '1001',
    users: [],
  });
  return data.orders.map((o) => orderJson(o) as unknown as Order & { id: string });
}

async function openStore(): Promise<{ store: OrderStore; dir: string; changes: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'packline-upsert-'));
  dirs.push(dir);
  const store = await OrderStore.open(dir, silentLogger);
  const changes: number[] = [];
  store.onChange((count) => changes.push(count));
  return { store, dir, changes };
}

const journalBytes = (dir: string) => statSync(join(dir, 'orders.journal')).size;

describe('orders a sync brings back unchanged', () => {
  it('are neither written again nor announced; a changed one among them is', async () => {
    const { store, dir, changes } = await openStore();
    const orders = someOrders(5);
    await store.upsert(orders.map((order) => ({ order })));
    expect(changes).toEqual([5]);
    const bytes = journalBytes(dir);

    // The next run's overlap: the same five, as FeedAMP sent them before.
    await store.upsert(structuredClone(orders).map((order) => ({ order })));
    expect(changes).toEqual([5]);
    expect(journalBytes(dir)).toBe(bytes);

    const again = structuredClone(orders);
    again[2]!.marketplace_state = 'SHIPPED';
    await store.upsert(again.map((order) => ({ order })));
    expect(changes).toEqual([5, 1]);
    expect(store.get(again[2]!.id)?.order.marketplace_state).toBe('SHIPPED');
    await store.close();

    // What is on disk is the latest of each.
    const reopened = await OrderStore.open(dir, silentLogger);
    expect(reopened.get(again[2]!.id)?.order.marketplace_state).toBe('SHIPPED');
    await reopened.close();
  });

  it('compares with the writes queued before it, so the last one sent wins', async () => {
    const { store } = await openStore();
    const [order] = someOrders(1);
    await store.upsert([{ order: order! }]);
    const changed = { ...structuredClone(order!), marketplace_state: 'SHIPPED' };
    // Not awaited in between: the second is compared after the first is in.
    const first = store.upsert([{ order: changed }]);
    const second = store.upsert([{ order: structuredClone(order!) }]);
    await Promise.all([first, second]);
    expect(store.get(order!.id)?.order.marketplace_state).toBe(order!.marketplace_state);
    await store.close();
  });
});
