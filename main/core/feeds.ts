// The orders' and returns' caches and syncs, and the outbox every write goes through. Their
// FeedAMP client and sources follow the session (see session.ts), so they are read through
// `FeedampLink` at each use.
import type { EventBus } from '../bridge/events';
import type { FeedampClient } from '../feedamp/client';
import type { Logger } from '../log';
import type { feedampOrderSource } from '../station/orders/feedamp-source';
import { OrderStore } from '../station/orders/store';
import { OrderSync, type SyncDeps } from '../station/orders/sync';
import { OutboxService, toEntryView } from '../station/outbox/service';
import { OutboxStore } from '../station/outbox/store';
import { OutboxWorker } from '../station/outbox/worker';
import { feedampReturnSource } from '../station/returns/feedamp-source';
import { ReturnsService } from '../station/returns/service';
import { ReturnStore } from '../station/returns/store';
import { ReturnSync, type ReturnSyncDeps } from '../station/returns/sync';
import type { SettingsService } from '../station/settings';

/** What the signed-in session provides; undefined while signed out. */
export interface FeedampLink {
  client: FeedampClient | undefined;
  orders: ReturnType<typeof feedampOrderSource> | undefined;
  returns: ReturnType<typeof feedampReturnSource> | undefined;
}

interface Wiring {
  dataDir: string;
  log: Logger;
  bus: EventBus;
  settings: SettingsService;
  link: FeedampLink;
}

/**
 * The cached orders load in the background: the window opens at once whatever the cache size;
 * calls that need the orders wait for them, the Orders screen says it is loading.
 */
export function wireOrders(
  w: Wiring & { source: SyncDeps['source']; onStatus: SyncDeps['onStatus'] },
) {
  const orders = OrderStore.load(w.dataDir, w.log);
  orders.onChange((count) => w.bus.emit('orders.changed', { count }));
  orders.ready.catch((error: unknown) =>
    w.log.error('could not load the cached orders', { error }),
  );
  const sync = new OrderSync({
    store: orders,
    settings: () => w.settings.get(),
    source: w.source,
    log: w.log,
    onStatus: w.onStatus,
  });
  return { orders, sync };
}

/** Every write goes through the outbox, online or not, so each happens once and in order. */
export async function wireOutbox(
  w: Wiring & { orders: OrderStore; concurrency?: number; settleMs?: number },
) {
  const { bus, orders } = w;
  const store = await OutboxStore.open(w.dataDir, w.log);
  const emitCounts = () => bus.emit('outbox.counts', outbox.counts());
  const worker = new OutboxWorker({
    store,
    client: () => w.link.client,
    log: w.log,
    concurrency: w.concurrency,
    settleMs: w.settleMs,
    onState: emitCounts,
  });
  const outbox = new OutboxService({ store, worker, orders, settings: w.settings, log: w.log });
  store.onChange((entry) => {
    bus.emit('outbox.entry', toEntryView(entry));
    emitCounts();
    // A package or cancellation queued (or discarded) may finish an order: the Orders list
    // moves it to "Done today" (or back).
    if (entry.write.kind === 'fulfillment.create' || entry.write.kind === 'cancellation.create')
      bus.emit('orders.changed', { count: orders.size });
  });
  return { store, worker, outbox };
}

/** The returns desk: its own cache and sync beside the orders', writes through the outbox. */
export async function wireReturns(
  w: Wiring & {
    orders: OrderStore;
    outbox: OutboxService;
    outboxStore: OutboxStore;
    /** FeedAMP's returns, or the warehouse database's when another station syncs them. */
    source: ReturnSyncDeps['source'];
  },
) {
  const store = await ReturnStore.open(w.dataDir, w.log);
  store.onChange((count) => w.bus.emit('returns.changed', { count }));
  const sync = new ReturnSync({
    store,
    settings: () => w.settings.get().returns,
    source: w.source,
    log: w.log,
    onStatus: (status) => w.bus.emit('returns.status', status),
  });
  const service = new ReturnsService({
    returns: store,
    orders: w.orders,
    outbox: w.outbox,
    outboxEntries: () => w.outboxStore.all(),
    client: () => w.link.client,
    settings: () => w.settings.get(),
    log: w.log,
  });
  return { store, sync, service };
}
