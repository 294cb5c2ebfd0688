// An outbox wired to a real sandbox over HTTP, as the app wires it, with knobs for tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedampClient, type FeedampClientOptions } from '../../../main/feedamp/client';
import { MemoryTokenStore } from '../../../main/feedamp/token';
import type { Order } from '../../../main/feedamp/schemas';
import { silentLogger } from '../../../main/log';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../main/sandbox/index';
import { feedampOrderSource } from '../../../main/station/orders/feedamp-source';
import { OrderStore } from '../../../main/station/orders/store';
import { OrderSync } from '../../../main/station/orders/sync';
import { OutboxService } from '../../../main/station/outbox/service';
import { OutboxStore } from '../../../main/station/outbox/store';
import { OutboxWorker } from '../../../main/station/outbox/worker';
import { SettingsService } from '../../../main/station/settings';

export interface Harness {
  sandbox: RunningSandbox;
  client: FeedampClient;
  orders: OrderStore;
  store: OutboxStore;
  worker: OutboxWorker;
  outbox: OutboxService;
  dir: string;
  admin: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  waitingOrders: () => (Order & { id: string })[];
  close: () => Promise<void>;
}

export async function startHarness(
  options: {
    sandbox?: SandboxOptions;
    client?: Partial<FeedampClientOptions>;
    concurrency?: number;
    settleMs?: number;
    dir?: string;
    existingSandbox?: RunningSandbox;
    /** The outbox's clock (store stamps, back-off, settle wait); the network keeps real time. */
    now?: () => Date;
  } = {},
): Promise<Harness> {
  const sandbox =
    options.existingSandbox ??
    (await startSandbox({ orders: 80, listRateLimit: false, ...options.sandbox }));
  const client = new FeedampClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.user,
    password: sandbox.credentials.password,
    clientId: sandbox.credentials.client,
    tokenStore: new MemoryTokenStore(),
    budgets: {
      list: { perSecond: 50 },
      read: { perSecond: 500, burst: 50 },
      write: { perSecond: 500, burst: 50 },
    },
    ...options.client,
  });
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'outbox-'));
  const settings = new SettingsService(dir, silentLogger);
  const orders = await OrderStore.open(dir, silentLogger);
  const sync = new OrderSync({
    store: orders,
    settings: () => settings.get(),
    source: () => feedampOrderSource(client),
    log: silentLogger,
  });
  await sync.syncNow();
  const store = await OutboxStore.open(dir, silentLogger, options.now);
  const worker = new OutboxWorker({
    store,
    client: () => client,
    log: silentLogger,
    concurrency: options.concurrency ?? 4,
    baseDelayMs: 5,
    maxDelayMs: 50,
    settleMs: options.settleMs ?? 50,
    now: options.now,
  });
  const outbox = new OutboxService({
    store,
    worker,
    orders,
    settings,
    log: silentLogger,
    now: options.now,
  });
  return {
    sandbox,
    client,
    orders,
    store,
    worker,
    outbox,
    dir,
    async admin<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(sandbox.adminUrl + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    waitingOrders() {
      return [...orders.all()]
        .map((e) => e.order)
        .filter((o) => o.normalized_marketplace_state === 'AWAITING_SHIPMENT')
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    async close() {
      await worker.stop();
      await store.close();
      await orders.close();
      await client.close();
      if (!options.existingSandbox) await sandbox.close();
    },
  };
}

/**
 * One entry per unit really left on FeedAMP (ordered − shipped − cancelled), so tests can ship
 * them one at a time: the demo data has orders already partly shipped or cancelled, and orders
 * the marketplace fulfils itself.
 */
export async function unitsLeft(
  client: FeedampClient,
  orders: Iterable<Order & { id: string }>,
  limit = Infinity,
): Promise<{ orderId: string; lineId: string }[]> {
  const units: { orderId: string; lineId: string }[] = [];
  for (const o of orders) {
    if (o.is_marketplace_fulfilled) continue; // the marketplace ships those; nothing to pack
    const done = [
      ...(await client.listFulfillments(o.id)).flatMap((f) => f.fulfillment_lines ?? []),
      ...(await client.listCancellations(o.id)).flatMap((c) => c.cancellation_lines ?? []),
    ];
    for (const l of o.order_lines ?? []) {
      const used = done
        .filter((d) => d.line_id === l.id)
        .reduce((n, d) => n + (d.quantity ?? 0), 0);
      for (let i = 0; i < (l.quantity ?? 0) - used; i++)
        units.push({ orderId: o.id, lineId: l.id! });
    }
    if (units.length >= limit) break;
  }
  return units.slice(0, limit);
}

export interface SandboxWrite {
  kind: string;
  action: string;
  orderId: string;
  id?: string;
  body: {
    shipment?: { tracking_number?: string };
    fulfillment_lines?: { line_id: string; quantity: number }[];
    reason?: string;
  };
  seq: number;
}

/** Requests the sandbox received since `since` (its request log's sequence number). */
export async function requestsSince(
  h: Harness,
  since: number,
): Promise<{ method: string; path: string; query: Record<string, unknown> }[]> {
  return (
    await h.admin<{ requests: { method: string; path: string; query: Record<string, unknown> }[] }>(
      'GET',
      `/requests?since=${since}`,
    )
  ).requests;
}

export async function lastRequest(h: Harness): Promise<number> {
  return (await h.admin<{ last: number }>('GET', '/requests')).last;
}

export async function writes(h: Harness, kind = 'fulfillment'): Promise<SandboxWrite[]> {
  const { writes } = await h.admin<{ writes: SandboxWrite[] }>('GET', `/writes?kind=${kind}`);
  return writes.filter((w) => w.action === 'create');
}
