// Order sync: the first sync pages through every order matching the station's filter; later
// syncs ask only for orders whose marketplace state changed since a watermark (with overlap).
// Orders that no longer match are marked, not dropped. A malformed order is skipped and
// reported, never stopping the sync; a network drop leaves the cache as it was and the next
// run picks up where this one stopped.
import type { SyncReport, SyncStatus } from '../../../preload/api/orders';
import type { Settings } from '../../../preload/api/settings';
import { FeedampError, RateLimitedError } from '../../feedamp/errors';
import { formatDateTime, parseDateTime } from '../../feedamp/dates';
import type { Order, OrdersQuery } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { Periodic } from '../periodic';
import type { CachedOrder } from './cache';
import type { OrderStore } from './store';

/** One page as the sync needs it: valid orders, and the ids of those that were not. */
export interface OrderPage {
  orders: (Order & { id: string })[];
  rejected: { id: string; reason: string }[];
  nextCursor?: string | undefined;
}

/** Where orders come from (the FeedAMP client in the app; fakes in unit tests). */
export interface OrderSource {
  pages(query: OrdersQuery, signal: AbortSignal): AsyncIterable<OrderPage>;
}

/** Re-ask for changes this long before the watermark: FeedAMP may record a change late. */
export const WATERMARK_OVERLAP_MS = 120_000;
/** The wait after a 429 that named none. */
export const RATE_LIMIT_WAIT_MS = 5_000;

/** What a sync that met a 429 tells the packer; `waitMs` is the wait really scheduled. */
export function rateLimitedMessage(waitMs: number): string {
  return `FeedAMP asked Packline to slow down — the next sync starts in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`;
}
const PAGE_LIMIT = 250;

export interface SyncDeps {
  store: OrderStore;
  settings: () => Settings;
  /** The signed-in account's order source, or undefined when signed out. */
  source: () => OrderSource | undefined;
  log: Logger;
  now?: () => Date;
  onStatus?: (status: SyncStatus) => void;
  /** Jitter of the wait after a 429 (tests pin it). */
  random?: () => number;
}

function filterKey(sync: Settings['sync']): string {
  const { intervalSeconds: _interval, ...filter } = sync;
  return JSON.stringify({ ...filter, normalizedStates: [...filter.normalizedStates].sort() });
}

function baseQuery(sync: Settings['sync']): OrdersQuery {
  const query: OrdersQuery = { limit: PAGE_LIMIT };
  if (sync.feedampStatus) query.feedamp_status = sync.feedampStatus;
  if (sync.clientLocationId) query.client_location_id = sync.clientLocationId;
  if (sync.integrationId) query.integration_id = sync.integrationId;
  return query;
}

function later(a: string | undefined, b: string | null | undefined): string | undefined {
  if (!b) return a;
  const tb = parseDateTime(b)?.getTime();
  if (tb === undefined || Number.isNaN(tb)) return a;
  const ta = a ? parseDateTime(a)?.getTime() : undefined;
  return ta === undefined || tb > ta ? b : a;
}

function isOffline(error: unknown): boolean {
  return (
    error instanceof FeedampError && (error.code === 'network' || error.code === 'outcome_unknown')
  );
}

export class OrderSync {
  private statusValue: SyncStatus;
  /** The signal of the run in flight (see run). */
  private runSignal: AbortSignal = new AbortController().signal;
  private readonly periodic = new Periodic(
    (signal) => this.run(signal),
    () => (this.deps.source() ? this.deps.settings().sync.intervalSeconds * 1000 : undefined),
    () => (this.deps.random ?? Math.random)(),
  );

  constructor(private readonly deps: SyncDeps) {
    this.statusValue = {
      state: 'signed-out',
      online: true,
      cachedOrders: deps.store.size,
      lastSuccessAt: deps.store.meta.lastSuccessAt,
    };
  }

  status(): SyncStatus {
    return { ...this.statusValue, cachedOrders: this.deps.store.size };
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch, cachedOrders: this.deps.store.size };
    this.deps.onStatus?.(this.status());
  }

  /** Runs a sync now, or joins the one already running. */
  syncNow(): Promise<SyncStatus> {
    return this.periodic.runNow();
  }

  /** Sync now and then every `intervalSeconds` (re-read each time, so Settings apply at once). */
  start(): void {
    this.periodic.start();
  }

  stop(): void {
    this.periodic.stop();
  }

  /** Signed out: nothing to sync, and the status says so. */
  signedOut(): void {
    this.stop();
    this.setStatus({ state: 'signed-out', progress: undefined, message: undefined });
  }

  private async run(signal: AbortSignal): Promise<SyncStatus> {
    // This run's own signal: a restart aborts it, and a new run gets a new one.
    this.runSignal = signal;
    const source = this.deps.source();
    if (!source) {
      this.setStatus({ state: 'signed-out' });
      return this.status();
    }
    const now = this.deps.now ?? (() => new Date());
    const started = now();
    const sync = this.deps.settings().sync;
    const meta = this.deps.store.meta;
    const key = filterKey(sync);
    const full = !meta.firstSyncComplete || meta.filterKey !== key || !meta.watermark;
    this.setStatus({ state: 'syncing', progress: { pages: 0, orders: 0 }, message: undefined });
    try {
      const report = full
        ? await this.fullSync(source, sync, key, started)
        : await this.incrementalSync(source, sync, meta.watermark!, started);
      const finishedAt = now();
      const done: SyncReport = {
        ...report,
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - started.getTime(),
      };
      await this.deps.store.setMeta({ lastSuccessAt: done.finishedAt });
      if (done.skipped.length > 0)
        this.deps.log.warn('sync skipped malformed orders', { skipped: done.skipped });
      this.setStatus({
        state: 'idle',
        online: true,
        lastSuccessAt: done.finishedAt,
        lastReport: done,
        progress: undefined,
      });
    } catch (error) {
      if (this.runSignal.aborted) {
        this.setStatus({ state: 'idle', progress: undefined });
      } else if (error instanceof RateLimitedError) {
        // The wait said is the wait taken: the next run is scheduled for it, not the interval.
        const wait = this.periodic.retryIn(error.retryAfterMs ?? RATE_LIMIT_WAIT_MS);
        this.deps.log.warn('sync rate limited', { retryAfterMs: error.retryAfterMs, wait });
        this.setStatus({
          state: 'error',
          online: true,
          progress: undefined,
          message: rateLimitedMessage(wait),
        });
      } else if (isOffline(error)) {
        this.setStatus({
          state: 'offline',
          online: false,
          progress: undefined,
          message: 'Offline — showing the orders synced last; will try again.',
        });
      } else {
        this.deps.log.error('sync failed', { error });
        const message =
          error instanceof FeedampError ? error.message : 'Sync failed; the log has the details.';
        this.setStatus({ state: 'error', online: true, progress: undefined, message });
      }
    }
    return this.status();
  }

  private async fullSync(source: OrderSource, sync: Settings['sync'], key: string, started: Date) {
    const meta = this.deps.store.meta;
    // An interrupted first sync of the same filter picks up at its cursor: upserts by id make
    // the pages already stored harmless, so nothing is duplicated.
    const resume = meta.filterKey === key ? meta.resumeCursor : undefined;
    if (meta.filterKey !== key)
      await this.deps.store.setMeta({
        filterKey: key,
        resumeCursor: undefined,
        firstSyncComplete: false,
      });
    const query: OrdersQuery = {
      ...baseQuery(sync),
      normalized_marketplace_state: sync.normalizedStates.join(','),
    };
    if (resume) query.cursor = resume;
    const seen = new Set<string>();
    let watermark: string | undefined;
    let pages = 0;
    const skipped: SyncReport['skipped'] = [];
    for await (const page of source.pages(query, this.runSignal)) {
      pages++;
      for (const order of page.orders) {
        seen.add(order.id);
        watermark = later(watermark, order.marketplace_state_changed_at);
      }
      skipped.push(...page.rejected);
      await this.deps.store.upsert(page.orders.map((order) => ({ order })));
      await this.deps.store.setMeta({ resumeCursor: page.nextCursor || undefined });
      this.setStatus({ progress: { pages, orders: seen.size } });
    }
    // Orders cached earlier that this full pass did not return left the filter. After a resumed
    // pass the earlier pages are not in `seen`, so nothing is marked; incremental syncs catch up.
    if (!resume) {
      const left: CachedOrder[] = [];
      for (const entry of this.deps.store.all()) {
        if (!seen.has(entry.order.id) && !entry.leftFilterAt)
          left.push({ ...entry, leftFilterAt: started.toISOString() });
      }
      await this.deps.store.upsert(left);
    }
    await this.deps.store.setMeta({
      firstSyncComplete: true,
      filterKey: key,
      resumeCursor: undefined,
      watermark: later(this.deps.store.meta.watermark, watermark) ?? formatDateTime(started),
    });
    // In the background: the sync is done; the journal serialises this with later writes.
    void this.deps.store
      .compact()
      .catch((error: unknown) => this.deps.log.warn('order cache compaction failed', { error }));
    return { kind: 'full' as const, pages, orders: seen.size, skipped };
  }

  private async incrementalSync(
    source: OrderSource,
    sync: Settings['sync'],
    watermark: string,
    started: Date,
  ) {
    const since = new Date(
      (parseDateTime(watermark)?.getTime() ?? started.getTime()) - WATERMARK_OVERLAP_MS,
    );
    // No state filter here: an order that left AWAITING_SHIPMENT must be seen to be marked.
    const query: OrdersQuery = {
      ...baseQuery(sync),
      marketplace_state_changed_after: formatDateTime(since),
    };
    const wanted = new Set<string>(sync.normalizedStates);
    let newest = watermark;
    let pages = 0;
    let orders = 0;
    const skipped: SyncReport['skipped'] = [];
    for await (const page of source.pages(query, this.runSignal)) {
      pages++;
      skipped.push(...page.rejected);
      const entries: CachedOrder[] = [];
      for (const order of page.orders) {
        newest = later(newest, order.marketplace_state_changed_at) ?? newest;
        const cached = this.deps.store.get(order.id);
        if (wanted.has(order.normalized_marketplace_state ?? '')) entries.push({ order });
        else if (cached)
          entries.push({ order, leftFilterAt: cached.leftFilterAt ?? started.toISOString() });
      }
      orders += entries.length;
      await this.deps.store.upsert(entries);
      this.setStatus({ progress: { pages, orders } });
    }
    await this.deps.store.setMeta({ watermark: newest });
    return { kind: 'incremental' as const, pages, orders, skipped };
  }
}
