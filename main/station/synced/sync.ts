// One sync for every record type the station keeps a copy of (orders, returns). The first sync
// pages through every record matching the station's filter; later syncs ask only for records
// whose marketplace state changed since a watermark, with overlap. A record that no longer
// matches is marked, not dropped. A malformed record is skipped and reported, never stopping the
// sync; a network drop leaves the cache as it was and the next run picks up where this one
// stopped. A 429 schedules the next run for the wait FeedAMP asked for, and says that wait.
// Each record type is a SyncedResource: how to ask for it, how it matches the filter, and the
// words its status uses.
import { formatDateTime, parseDateTime } from '../../feedamp/dates';
import { FeedampError, isOffline, RateLimitedError } from '../../feedamp/errors';
import type { Logger } from '../../log';
import { Periodic, type SpreadOptions } from '../periodic';
import type { SyncMeta } from '../storage/synced-cache';
import { OneMoreRun } from './one-more-run';

export interface Skipped {
  id: string;
  reason: string;
}

/** One page as the sync needs it: records with an id, and the ids of those that were not valid. */
export interface SyncedPage<R> {
  records: R[];
  rejected: Skipped[];
  nextCursor?: string | undefined;
}

/** Where records come from (the FeedAMP client in the app; fakes in unit tests). */
export interface SyncedSource<Q, R> {
  pages: (query: Q, signal: AbortSignal) => AsyncIterable<SyncedPage<R>>;
}

/** The cache a synced record type lives in (OrderStore, ReturnStore). */
interface SyncedStore<E> {
  readonly size: number;
  readonly meta: SyncMeta;
  get: (id: string) => E | undefined;
  all: () => Iterable<E>;
  upsert: (entries: E[]) => Promise<void>;
  setMeta: (patch: Partial<SyncMeta>) => Promise<void>;
  compact: () => Promise<void>;
}

/** What one record type needs to say to be synced. R: record; E: cache entry; F: filter; Q: query. */
export interface SyncedResource<
  R extends { id: string },
  E extends { leftFilterAt?: string | undefined },
  F,
  Q,
> {
  /** Plural noun for the words the packer reads ("orders", "returns"). */
  plural: string;
  /** The sync's name in the packer's words and the log ("sync", "returns sync"). */
  syncName: string;
  entry: (record: R, leftFilterAt?: string) => E;
  recordOf: (entry: E) => R;
  /** A different key means a different filter: the cache is filled again by a full pass. */
  filterKey: (filter: F) => string;
  /** The query of a full pass: every record matching the filter. */
  fullQuery: (filter: F, started: Date) => Q;
  /** The query of an incremental pass: no state filter, so records that left it are seen. */
  incrementalQuery: (filter: F, changedAfter: string) => Q;
  matches: (record: R, filter: F) => boolean;
  /**
   * When the record's marketplace state last changed, on FeedAMP's clock. Without it the
   * watermark is the station's clock when a sync started, and the overlap covers a modest
   * difference between the two clocks.
   */
  changedAt?: (record: R) => string | null | undefined;
}

/** Re-ask for changes this long before the watermark: FeedAMP may record a change late. */
const WATERMARK_OVERLAP_MS = 120_000;
/** The wait after a 429 that named none. */
const RATE_LIMIT_WAIT_MS = 5_000;

/** What a sync that met a 429 tells the packer; `waitMs` is the wait really scheduled. */
function rateLimitedMessage(waitMs: number, syncName = 'sync'): string {
  return `FeedAMP asked Packline to slow down — the next ${syncName} starts in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`;
}

export interface SyncedReport {
  kind: 'full' | 'incremental';
  pages: number;
  /** Records written: every one a full pass saw, those in the filter or marked on an incremental. */
  records: number;
  skipped: Skipped[];
  finishedAt: string;
  durationMs: number;
}

export interface SyncedStatus {
  state: 'signed-out' | 'idle' | 'syncing' | 'offline' | 'error';
  online: boolean;
  lastSuccessAt?: string | undefined;
  message?: string | undefined;
  progress?: { pages: number; records: number } | undefined;
  lastReport?: SyncedReport | undefined;
}

export interface SyncedDeps<R, E, F, Q, S> {
  store: SyncedStore<E>;
  filter: () => F;
  /** The signed-in account's source, or undefined when signed out. */
  source: () => SyncedSource<Q, R> | undefined;
  /** The wait between runs, read after each run (so Settings apply at once). */
  intervalMs: () => number;
  /** The status as the bridge carries it for this record type. */
  present: (status: SyncedStatus, cached: number) => S;
  log: Logger;
  now?: (() => Date) | undefined;
  onStatus?: ((status: S) => void) | undefined;
  /** Jitter of the wait after a 429 (tests pin it). */
  random?: (() => number) | undefined;
  /** How runs are spread in time (see Periodic; tests pin it). */
  spread?: SpreadOptions | undefined;
}

function later(a: string | undefined, b: string | null | undefined): string | undefined {
  if (!b) return a;
  const tb = parseDateTime(b)?.getTime();
  if (tb === undefined || Number.isNaN(tb)) return a;
  const ta = a ? parseDateTime(a)?.getTime() : undefined;
  return ta === undefined || tb > ta ? b : a;
}

export class SyncedRecords<
  R extends { id: string },
  E extends { leftFilterAt?: string | undefined },
  F,
  Q extends { cursor?: string | undefined },
  S,
> {
  private statusValue: SyncedStatus;
  /** The signal of the run in flight (see run). */
  private runSignal: AbortSignal = new AbortController().signal;
  private readonly periodic: Periodic<S>;
  // A run that failed has its own retry (after a 429's wait, or the interval): running again at
  // once would meet the same failure.
  private readonly runs = new OneMoreRun<S>(
    () => this.periodic,
    () => this.statusValue.state === 'idle',
  );

  constructor(
    private readonly resource: SyncedResource<R, E, F, Q>,
    private readonly deps: SyncedDeps<R, E, F, Q, S>,
  ) {
    this.periodic = new Periodic(
      (signal) => this.runs.track(this.run(signal)),
      () => (deps.source() ? deps.intervalMs() : undefined),
      () => (deps.random ?? Math.random)(),
      deps.spread,
    );
    this.statusValue = {
      state: 'signed-out',
      online: true,
      lastSuccessAt: deps.store.meta.lastSuccessAt,
    };
  }

  status(): S {
    return this.deps.present(this.statusValue, this.deps.store.size);
  }

  private setStatus(patch: Partial<SyncedStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch };
    this.deps.onStatus?.(this.status());
  }

  /**
   * Runs a sync now. Asked while one is running (a warehouse follower told of new records), it
   * answers after one more pass that starts when the running one ends (see OneMoreRun).
   */
  syncNow(): Promise<S> {
    return this.runs.runNow();
  }

  /** Sync now and then at the interval. */
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

  private async run(signal: AbortSignal): Promise<S> {
    // This run's own signal: a restart aborts it, and a new run gets a new one.
    this.runSignal = signal;
    const source = this.deps.source();
    if (!source) {
      this.setStatus({ state: 'signed-out' });
      return this.status();
    }
    const { resource, store, log } = { resource: this.resource, ...this.deps };
    const now = this.deps.now ?? (() => new Date());
    const started = now();
    const filter = this.deps.filter();
    const meta = store.meta;
    const key = resource.filterKey(filter);
    const full = !meta.firstSyncComplete || meta.filterKey !== key || !meta.watermark;
    this.setStatus({ state: 'syncing', progress: { pages: 0, records: 0 }, message: undefined });
    try {
      const report = full
        ? await this.fullPass(source, filter, key, started)
        : await this.incrementalPass(source, filter, meta.watermark!, started);
      const finishedAt = now();
      const done: SyncedReport = {
        ...report,
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - started.getTime(),
      };
      await store.setMeta({ lastSuccessAt: done.finishedAt });
      if (done.skipped.length > 0)
        log.warn(`${resource.syncName} skipped malformed ${resource.plural}`, {
          skipped: done.skipped,
        });
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
        log.warn(`${resource.syncName} rate limited`, { retryAfterMs: error.retryAfterMs, wait });
        this.setStatus({
          state: 'error',
          online: true,
          progress: undefined,
          message: rateLimitedMessage(wait, resource.syncName),
        });
      } else if (isOffline(error)) {
        this.setStatus({
          state: 'offline',
          online: false,
          progress: undefined,
          message: `Offline — showing the ${resource.plural} synced last; will try again.`,
        });
      } else {
        log.error(`${resource.syncName} failed`, { error });
        const message =
          error instanceof FeedampError
            ? error.message
            : `${capitalised(resource.syncName)} failed; the log has the details.`;
        this.setStatus({ state: 'error', online: true, progress: undefined, message });
      }
    }
    return this.status();
  }

  private async fullPass(
    source: SyncedSource<Q, R>,
    filter: F,
    key: string,
    started: Date,
  ): Promise<Omit<SyncedReport, 'finishedAt' | 'durationMs'>> {
    const { resource, store } = { resource: this.resource, ...this.deps };
    const meta = store.meta;
    // An interrupted first sync of the same filter picks up at its cursor: upserts by id make
    // the pages already stored harmless, so nothing is duplicated.
    const resume = meta.filterKey === key ? meta.resumeCursor : undefined;
    if (meta.filterKey !== key)
      await store.setMeta({ filterKey: key, resumeCursor: undefined, firstSyncComplete: false });
    const query = resource.fullQuery(filter, started);
    if (resume) query.cursor = resume;
    const seen = new Set<string>();
    let watermark: string | undefined;
    let pages = 0;
    const skipped: Skipped[] = [];
    for await (const page of source.pages(query, this.runSignal)) {
      pages++;
      for (const record of page.records) {
        seen.add(record.id);
        if (resource.changedAt) watermark = later(watermark, resource.changedAt(record));
      }
      skipped.push(...page.rejected);
      await store.upsert(page.records.map((record) => resource.entry(record)));
      await store.setMeta({ resumeCursor: page.nextCursor || undefined });
      this.setStatus({ progress: { pages, records: seen.size } });
    }
    // Records cached earlier that this full pass did not return left the filter. After a resumed
    // pass the earlier pages are not in `seen`, so nothing is marked; incremental syncs catch up.
    if (!resume) {
      const left: E[] = [];
      for (const entry of store.all()) {
        if (!seen.has(resource.recordOf(entry).id) && !entry.leftFilterAt)
          left.push({ ...entry, leftFilterAt: started.toISOString() });
      }
      await store.upsert(left);
    }
    await store.setMeta({
      firstSyncComplete: true,
      filterKey: key,
      resumeCursor: undefined,
      watermark: resource.changedAt
        ? (later(store.meta.watermark, watermark) ?? formatDateTime(started))
        : formatDateTime(started),
    });
    // In the background: the sync is done; the journal serialises this with later writes.
    void store
      .compact()
      .catch((error: unknown) =>
        this.deps.log.warn(`${resource.plural} cache compaction failed`, { error }),
      );
    return { kind: 'full', pages, records: seen.size, skipped };
  }

  private async incrementalPass(
    source: SyncedSource<Q, R>,
    filter: F,
    watermark: string,
    started: Date,
  ): Promise<Omit<SyncedReport, 'finishedAt' | 'durationMs'>> {
    const { resource, store } = { resource: this.resource, ...this.deps };
    const since = new Date(
      (parseDateTime(watermark)?.getTime() ?? started.getTime()) - WATERMARK_OVERLAP_MS,
    );
    const query = resource.incrementalQuery(filter, formatDateTime(since));
    let newest = watermark;
    let pages = 0;
    let records = 0;
    const skipped: Skipped[] = [];
    for await (const page of source.pages(query, this.runSignal)) {
      pages++;
      skipped.push(...page.rejected);
      const entries: E[] = [];
      for (const record of page.records) {
        if (resource.changedAt) newest = later(newest, resource.changedAt(record)) ?? newest;
        const cached = store.get(record.id);
        if (resource.matches(record, filter)) entries.push(resource.entry(record));
        else if (cached)
          entries.push(resource.entry(record, cached.leftFilterAt ?? started.toISOString()));
      }
      records += entries.length;
      await store.upsert(entries);
      this.setStatus({ progress: { pages, records } });
    }
    await store.setMeta({ watermark: resource.changedAt ? newest : formatDateTime(started) });
    return { kind: 'incremental', pages, records, skipped };
  }
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A source over one of the client's lenient page iterators: each record is checked on its own,
 * so one malformed record is reported by id instead of failing its whole page.
 */
export function lenientSource<
  Q,
  P extends { rejected: Skipped[]; next_cursor?: string | null | undefined },
  T extends { id?: string | null | undefined },
>(
  iterate: (query: Q, signal: AbortSignal) => AsyncIterable<P>,
  itemsOf: (page: P) => T[],
  singular: string,
): SyncedSource<Q, T & { id: string }> {
  return {
    async *pages(query, signal) {
      for await (const page of iterate(query, signal)) {
        const records: (T & { id: string })[] = [];
        const rejected = [...page.rejected];
        for (const item of itemsOf(page)) {
          if (typeof item.id === 'string' && item.id !== '') records.push({ ...item, id: item.id });
          else rejected.push({ id: '(no id)', reason: `the ${singular} has no id` });
        }
        yield { records, rejected, nextCursor: page.next_cursor ?? undefined };
      }
    },
  };
}
