import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsSchema, type Settings } from '../../../preload/api/settings';
import { FeedampClient } from '../../../main/feedamp/client';
import { NetworkError } from '../../../main/feedamp/errors';
import type { Order, OrdersQuery } from '../../../main/feedamp/schemas';
import { MemoryTokenStore } from '../../../main/feedamp/token';
import { silentLogger } from '../../../main/log';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox/index';
import { feedampOrderSource } from '../../../main/station/orders/feedamp-source';
import { OrderStore } from '../../../main/station/orders/store';
import { OrderSync, type OrderPage, type OrderSource } from '../../../main/station/orders/sync';

const tmp = () => mkdtempSync(join(tmpdir(), 'sync-'));
const settings = (patch: Partial<Settings['sync']> = {}): Settings =>
  settingsSchema.parse({ sync: { ...patch } });

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function openStore(dir: string) {
  const store = await OrderStore.open(dir, silentLogger);
  cleanups.push(() => store.close());
  return store;
}

/** Ids of every order FeedAMP lists for a state, paged by raw HTTP (not through our client). */
async function rawIds(sandbox: RunningSandbox, state: string): Promise<string[]> {
  const { user, password, client } = sandbox.credentials;
  const basic = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  const { token } = (await (
    await fetch(`${sandbox.url}/api/v1/get_token`, { headers: { authorization: basic } })
  ).json()) as { token: string };
  const ids: string[] = [];
  let cursor = '';
  do {
    const url = `${sandbox.url}/api/v2/orders?normalized_marketplace_state=${state}&limit=250${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await (
      await fetch(url, { headers: { token, client, authorization: basic } })
    ).json()) as { orders: { id: string }[]; next_cursor?: string };
    ids.push(...page.orders.map((o) => o.id));
    cursor = page.next_cursor ?? '';
  } while (cursor);
  return ids;
}

async function adminSetState(sandbox: RunningSandbox, id: string, state: string) {
  const res = await fetch(`${sandbox.adminUrl}/orders/${id}/state`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ normalized_marketplace_state: state }),
  });
  expect(res.status).toBe(200);
}

describe('order sync against the sandbox', () => {
  it('caches every waiting order on the first sync, then marks one the marketplace cancelled', async () => {
    const sandbox = await startSandbox({ orders: 700, listRateLimit: false });
    cleanups.push(() => sandbox.close());
    const client = new FeedampClient({
      baseUrl: sandbox.url,
      username: 'demo',
      password: 'demo',
      clientId: '1001',
      tokenStore: new MemoryTokenStore(),
    });
    cleanups.push(() => client.close());
    const dir = tmp();
    const store = await openStore(dir);
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => feedampOrderSource(client),
      log: silentLogger,
    });

    const first = await sync.syncNow();
    const expected = await rawIds(sandbox, 'AWAITING_SHIPMENT');
    expect(first.state).toBe('idle');
    expect(first.lastReport).toMatchObject({ kind: 'full', orders: expected.length });
    expect(first.lastReport!.pages).toBeGreaterThan(1);
    expect(new Set([...store.all()].map((e) => e.order.id))).toEqual(new Set(expected));

    const victim = expected[0]!;
    await adminSetState(sandbox, victim, 'CANCELLED');
    const second = await sync.syncNow();
    expect(second.lastReport?.kind).toBe('incremental');
    const cached = store.get(victim)!;
    expect(cached.leftFilterAt).toBeDefined();
    expect(cached.order.normalized_marketplace_state).toBe('CANCELLED');
    expect(store.view(victim)).toMatchObject({ leftFilter: true, cancelledByMarketplace: true });
    expect(store.size).toBe(expected.length);
  });

  it('keeps the last synced orders across a restart with the network gone', async () => {
    const sandbox = await startSandbox({ orders: 60, listRateLimit: false });
    const client = new FeedampClient({
      baseUrl: sandbox.url,
      username: 'demo',
      password: 'demo',
      clientId: '1001',
      tokenStore: new MemoryTokenStore(),
      retry: { maxAttempts: 1 },
    });
    const dir = tmp();
    const store = await OrderStore.open(dir, silentLogger);
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => feedampOrderSource(client),
      log: silentLogger,
    });
    await sync.syncNow();
    const before = store.size;
    await store.close();
    await sandbox.close();

    const reopened = await openStore(dir);
    expect(reopened.size).toBe(before);
    const offline = new OrderSync({
      store: reopened,
      settings: () => settings(),
      source: () => feedampOrderSource(client),
      log: silentLogger,
    });
    const status = await offline.syncNow();
    expect(status).toMatchObject({ state: 'offline', online: false, cachedOrders: before });
    expect(status.message).toMatch(/Offline/);
    await client.close();
  });
});

function order(id: string, changedAt = '2026-11-01T10:00:00+00:00'): Order & { id: string } {
  return {
    id,
    normalized_marketplace_state: 'AWAITING_SHIPMENT',
    marketplace_state_changed_at: changedAt,
    order_lines: [{ id: `${id}1`, sku: 'SKU', quantity: 1 }],
  };
}

/** A scripted source: pages keyed by cursor ('' = first), optionally failing once at a cursor. */
function scripted(
  pages: Record<string, OrderPage>,
  failOnceAt?: string,
): OrderSource & { queries: OrdersQuery[] } {
  const queries: OrdersQuery[] = [];
  let failed = false;
  return {
    queries,
    async *pages(query) {
      queries.push(query);
      let cursor = query.cursor ?? '';
      for (;;) {
        if (cursor === failOnceAt && !failed) {
          failed = true;
          throw new NetworkError();
        }
        const page = pages[cursor]!;
        yield page;
        if (!page.nextCursor) return;
        cursor = page.nextCursor;
      }
    },
  };
}

describe('order sync rules', () => {
  it('skips a malformed order and names it in the report, keeping the rest', async () => {
    const store = await openStore(tmp());
    const source = scripted({
      '': {
        records: [order('1'), order('2')],
        rejected: [{ id: '3', reason: 'orders.2.order_lines: expected array' }],
      },
    });
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => source,
      log: silentLogger,
    });
    const status = await sync.syncNow();
    expect(status.state).toBe('idle');
    expect(status.lastReport?.skipped).toEqual([
      { id: '3', reason: 'orders.2.order_lines: expected array' },
    ]);
    expect(store.size).toBe(2);
  });

  it('resumes an interrupted first sync at its cursor without duplicates', async () => {
    const store = await openStore(tmp());
    const source = scripted(
      {
        '': { records: [order('1'), order('2')], rejected: [], nextCursor: 'c2' },
        c2: { records: [order('3')], rejected: [], nextCursor: 'c3' },
        c3: { records: [order('4')], rejected: [] },
      },
      'c3',
    );
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => source,
      log: silentLogger,
    });
    expect((await sync.syncNow()).state).toBe('offline');
    expect(store.size).toBe(3);
    const resumed = await sync.syncNow();
    expect(resumed.state).toBe('idle');
    expect(source.queries.at(-1)?.cursor).toBe('c3');
    expect([...store.all()].map((e) => e.order.id).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('asks only for changes since the watermark minus the overlap, in whole seconds with an offset', async () => {
    const store = await openStore(tmp());
    const source = scripted({
      '': {
        records: [order('1', '2026-11-01T10:00:00-05:00'), order('2', '2026-11-01T09:00:00-05:00')],
        rejected: [],
      },
    });
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => source,
      log: silentLogger,
    });
    await sync.syncNow();
    await sync.syncNow();
    const incremental = source.queries.at(-1)!;
    expect(incremental.normalized_marketplace_state).toBeUndefined();
    // 10:00 at -05:00 is 15:00 UTC; two minutes of overlap.
    expect(incremental.marketplace_state_changed_after).toBe('2026-11-01T14:58:00+00:00');
    expect(incremental.limit).toBe(250);
  });

  it('starts over with a full sync when the filter changes, marking orders that no longer match', async () => {
    const store = await openStore(tmp());
    let current = settings();
    const source = scripted({ '': { records: [order('1'), order('2')], rejected: [] } });
    const sync = new OrderSync({
      store,
      settings: () => current,
      source: () => source,
      log: silentLogger,
    });
    await sync.syncNow();
    current = settings({ clientLocationId: 'WH-2' });
    const narrower = scripted({ '': { records: [order('2')], rejected: [] } });
    const sync2 = new OrderSync({
      store,
      settings: () => current,
      source: () => narrower,
      log: silentLogger,
    });
    const status = await sync2.syncNow();
    expect(status.lastReport?.kind).toBe('full');
    expect(narrower.queries[0]).toMatchObject({
      client_location_id: 'WH-2',
      normalized_marketplace_state: 'AWAITING_SHIPMENT',
    });
    expect(store.get('1')?.leftFilterAt).toBeDefined();
    expect(store.get('2')?.leftFilterAt).toBeUndefined();
  });
});

describe('a sync asked for while one is running', () => {
  /**
   * A source over a list the test writes to: each pass reads the list when it starts, then
   * waits for `release` (the first pass only) before answering what it read.
   */
  function heldSource(written: (Order & { id: string })[]) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let passes = 0;
    const source: OrderSource = {
      async *pages() {
        passes++;
        const read = [...written];
        if (passes === 1) await held;
        yield { records: read, rejected: [] };
      },
    };
    return { source, release, passes: () => passes };
  }

  it('runs one more pass after it, so records written meanwhile arrive, however many asked', async () => {
    const store = await openStore(tmp());
    const written = [order('1')];
    const { source, release, passes } = heldSource(written);
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => source,
      log: silentLogger,
    });
    const first = sync.syncNow();
    await vi.waitFor(() => expect(passes()).toBe(1));
    // The leader writes an order and notifies three times while the first pass is still out.
    written.push(order('2'));
    const second = sync.syncNow();
    const third = sync.syncNow();
    const fourth = sync.syncNow();
    release();
    await second;
    expect(store.get('2')).toBeDefined();
    await Promise.all([first, third, fourth]);
    expect(passes()).toBe(2);
    // Asked once more with nothing running: a pass of its own, no extra one.
    await sync.syncNow();
    expect(passes()).toBe(3);
  });

  it('runs no more pass once the sync is stopped (signed out, or a restart that runs its own)', async () => {
    const store = await openStore(tmp());
    const { source, release, passes } = heldSource([order('1')]);
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => source,
      log: silentLogger,
    });
    const first = sync.syncNow();
    await vi.waitFor(() => expect(passes()).toBe(1));
    const second = sync.syncNow();
    sync.stop();
    release();
    await Promise.all([first, second]);
    expect(passes()).toBe(1);
  });

  it('waits for the retry instead of asking again at once when the running pass met a 429', async () => {
    const { RateLimitedError } = await import('../../../main/feedamp/errors');
    const store = await openStore(tmp());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let passes = 0;
    const source: OrderSource = {
      // eslint-disable-next-line require-yield
      async *pages() {
        passes++;
        await held;
        throw new RateLimitedError(60_000);
      },
    };
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => source,
      log: silentLogger,
      random: () => 0,
    });
    const first = sync.syncNow();
    await vi.waitFor(() => expect(passes).toBe(1));
    const second = sync.syncNow();
    release();
    expect((await second).message).toMatch(/slow down/);
    await first;
    expect(passes).toBe(1);
  });
});

describe('order cache on disk', () => {
  it('starts empty, keeping the damaged file for support, when the snapshot was damaged', async () => {
    const { writeFileSync, readdirSync } = await import('node:fs');
    const dir = tmp();
    writeFileSync(
      join(dir, 'orders.snapshot.json'),
      '{"lastSeq": 3, "state": {"entries": "not a list"}}',
    );
    const store = await openStore(dir);
    expect(store.size).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith('orders.damaged-'))).toBe(true);
    await store.upsert([{ order: order('1') }]);
    expect(store.size).toBe(1);
  });
});

describe('order sync restarts', () => {
  it('does not report a sync it stopped itself (a settings change) as a failure', async () => {
    const { AbortedError } = await import('../../../main/feedamp/errors');
    const store = await openStore(tmp());
    const statuses: string[] = [];
    let calls = 0;
    const source: OrderSource = {
      async *pages(_query, signal) {
        calls++;
        if (calls === 1) {
          // The first run is still waiting for FeedAMP when the sync is restarted.
          if (!signal.aborted)
            await new Promise((resolve) => signal.addEventListener('abort', resolve));
          throw new AbortedError(false);
        }
        yield { records: [order('1')], rejected: [] };
      },
    };
    const sync = new OrderSync({
      store,
      settings: () => settings(),
      source: () => source,
      log: silentLogger,
      // Not slowed by 429s other tests met: the first run starts at once.
      spread: { slowdown: () => 1 },
      onStatus: (s) => statuses.push(s.state),
    });
    sync.start();
    sync.start();
    await vi.waitFor(() => expect(store.size).toBe(1));
    sync.stop();
    expect(statuses).not.toContain('error');
  });
});

describe('a sync that meets 429', () => {
  it('says the wait it will really take, and runs again after it rather than the interval', async () => {
    const { RateLimitedError } = await import('../../../main/feedamp/errors');
    const store = await openStore(tmp());
    const runsAt: number[] = [];
    const source: OrderSource = {
      async *pages() {
        runsAt.push(Date.now());
        // FeedAMP asks for 300 ms on the first run and is happy after.
        if (runsAt.length === 1) throw new RateLimitedError(300);
        yield { records: [order('1')], rejected: [] };
      },
    };
    const messages: (string | undefined)[] = [];
    const sync = new OrderSync({
      store,
      // The interval is a minute: only the 429's own wait can bring the second run within 3 s.
      settings: () => settings({ intervalSeconds: 60 }),
      source: () => source,
      log: silentLogger,
      random: () => 0.5,
      spread: { slowdown: () => 1 },
      onStatus: (s) => messages.push(s.message),
    });
    sync.start();
    await vi.waitFor(() => expect(runsAt).toHaveLength(1));
    await vi.waitFor(() => expect(messages.some((m) => m?.includes('slow down'))).toBe(true));
    // 300 ms plus half of the 1 s jitter spread: 800 ms, said as whole seconds rounded up.
    expect(messages.find((m) => m?.includes('slow down'))).toBe(
      'FeedAMP asked Packline to slow down — the next sync starts in 1 s.',
    );
    await vi.waitFor(() => expect(store.size).toBe(1), { timeout: 3_000 });
    sync.stop();
    expect(runsAt[1]! - runsAt[0]!).toBeGreaterThanOrEqual(780);
    expect(runsAt[1]! - runsAt[0]!).toBeLessThan(2_500);
  });

  it('states a long Retry-After as it is', async () => {
    const { RateLimitedError } = await import('../../../main/feedamp/errors');
    const store = await openStore(tmp());
    const source: OrderSource = {
      // eslint-disable-next-line require-yield
      async *pages() {
        throw new RateLimitedError(90_000);
      },
    };
    const sync = new OrderSync({
      store,
      settings: () => settings({ intervalSeconds: 60 }),
      source: () => source,
      log: silentLogger,
      random: () => 0,
      spread: { slowdown: () => 1 },
    });
    sync.start();
    await vi.waitFor(() => expect(sync.status().message).toMatch(/slow down/));
    sync.stop();
    // 90 s, longer than the 60 s interval: the wait FeedAMP asked for is the one taken and said.
    expect(sync.status().message).toBe(
      'FeedAMP asked Packline to slow down — the next sync starts in 90 s.',
    );
  });
});
