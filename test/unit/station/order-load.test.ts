// Start-up with a large order cache: Packline answers at once and loads the orders behind it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/bridge/dispatch';
import { createCore, type Core } from '../../../main/core';
import { silentLogger } from '../../../main/log';
import { OrderStore } from '../../../main/station/orders/store';
import { writeOrderCache } from '../../bench/order-cache-fixture';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packline-load-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string): Promise<{ core: Core; events: string[] }> {
  const core = await createCore({
    info: { version: '0.1.0', mode: 'browser', dataDir },
    log: silentLogger,
    heartbeatMs: 60_000,
  });
  cleanups.push(() => core.dispose());
  const events: string[] = [];
  core.bus.subscribe((event, payload) => {
    if (event === 'orders.changed') events.push(`${event} ${JSON.stringify(payload)}`);
  });
  return { core, events };
}

const call = (core: Core, method: string, input: unknown) =>
  dispatch(core.handlers, method, input, silentLogger);

describe('start-up with 3,000 cached orders', () => {
  it('answers before the orders are in, says how many are loading, and a scan meanwhile waits for them', async () => {
    const dir = tmp();
    await writeOrderCache(dir, 3_000);
    const someOrder = await OrderStore.open(dir, silentLogger).then(async (s) => {
      const first = [...s.all()][1234]!.order;
      await s.close();
      return first;
    });

    const { core, events } = await start(dir);
    // The window's first calls answer while the orders are still on their way.
    const first = await call(core, 'orders.list', {});
    expect(first).toMatchObject({ ok: true, result: { orders: [], loading: { orders: 3000 } } });
    const settings = await call(core, 'settings.get', undefined);
    expect(settings.ok).toBe(true);

    // Scanned meanwhile: found once the index is in, not "no such order".
    const code = someOrder.marketplace_order_number ?? someOrder.id;
    const found = await call(core, 'orders.find', { code });
    expect(found).toEqual({ ok: true, result: { orderIds: [someOrder.id] } });
    const scan = await call(core, 'pack.scan', { code, openOrderId: null });
    expect(scan).toMatchObject({ ok: true, result: { kind: 'order', orderIds: [someOrder.id] } });

    const after = await call(core, 'orders.list', { includeMarketplaceFulfilled: true });
    expect(after.ok && (after.result as { orders: unknown[] }).orders).toHaveLength(3000);
    expect(after.ok && 'loading' in (after.result as object)).toBe(false);
    expect(events).toContain('orders.changed {"count":3000}');
  });

  it('keeps a sync page written while loading: on disk after the load, then in memory', async () => {
    const dir = tmp();
    await writeOrderCache(dir, 500);
    const store = OrderStore.load(dir, silentLogger);
    expect(store.loading).toEqual({ records: 500 });
    expect(store.size).toBe(0);
    const extra = { order: { id: 'new-1', order_lines: [] } };
    await store.upsert([extra]);
    expect(store.loading).toBeUndefined();
    expect(store.size).toBe(501);
    expect(store.index.findOrders('new-1')).toEqual(['new-1']);
    await store.close();
    const reopened = await OrderStore.open(dir, silentLogger);
    cleanups.push(() => reopened.close());
    expect(reopened.size).toBe(501);
  });
});
