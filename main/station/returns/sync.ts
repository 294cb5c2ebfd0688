// Returns sync, shaped like the order sync: the first sync pages through the returns matching
// the station's filter (imported within N days); later syncs ask only for returns whose
// marketplace state changed since a watermark, with overlap. A return that no longer matches is
// marked, not dropped (the desk may still be holding its parcel). List calls share the client's
// list budget with the order sync, so both together stay within 2 requests a second.
// The Return model carries no change time, so the watermark is the station's clock
// when a sync started; the overlap covers a modest difference between the two clocks. Pages ask
// for the embedded order (include_order), so the desk sees the order and its prices offline.
import type { ReturnSyncStatus, ReturnsSettings } from '../../../preload/api/returns';
import type { FeedampClient } from '../../feedamp/client';
import { FeedampError, RateLimitedError } from '../../feedamp/errors';
import { formatDateTime, parseDateTime } from '../../feedamp/dates';
import type { ReturnsQuery } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { RATE_LIMIT_WAIT_MS, rateLimitedMessage } from '../orders/sync';
import { Periodic } from '../periodic';
import type { CachedReturn, ReturnRecord } from './cache';
import type { ReturnStore } from './store';

export interface ReturnPage {
  returns: ReturnRecord[];
  rejected: { id: string; reason: string }[];
  nextCursor?: string | undefined;
}

export interface ReturnSource {
  pages(query: ReturnsQuery, signal: AbortSignal): AsyncIterable<ReturnPage>;
}

export function feedampReturnSource(client: FeedampClient): ReturnSource {
  return {
    async *pages(query, signal) {
      // Each return is checked on its own: one malformed return is reported, not the page lost.
      for await (const page of client.iterateLenientReturnPages(query, { signal })) {
        const returns: ReturnRecord[] = [];
        const rejected: ReturnPage['rejected'] = [...page.rejected];
        for (const ret of page.returns) {
          if (typeof ret.id === 'string' && ret.id !== '') returns.push({ ...ret, id: ret.id });
          else rejected.push({ id: '(no id)', reason: 'the return has no id' });
        }
        yield { returns, rejected, nextCursor: page.next_cursor ?? undefined };
      }
    },
  };
}

export const RETURNS_WATERMARK_OVERLAP_MS = 120_000;
const PAGE_LIMIT = 250;
const DEFAULT_INTERVAL_MS = 120_000;

export interface ReturnSyncDeps {
  store: ReturnStore;
  settings: () => ReturnsSettings;
  source: () => ReturnSource | undefined;
  log: Logger;
  now?: () => Date;
  intervalMs?: number;
  onStatus?: (status: ReturnSyncStatus) => void;
  /** Jitter of the wait after a 429 (tests pin it). */
  random?: () => number;
}

const csvList = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function filterKey(f: ReturnsSettings): string {
  return JSON.stringify({
    s: csvList(f.normalizedStates).sort(),
    m: csvList(f.marketplaceStates).sort(),
    t: f.returnType,
    d: f.importedWithinDays,
  });
}

/** Does a return still match the station's filter (state filters only; the type never changes). */
export function matchesFilter(ret: ReturnRecord, f: ReturnsSettings): boolean {
  const states = csvList(f.normalizedStates);
  const mStates = csvList(f.marketplaceStates);
  if (states.length && !states.includes(ret.normalized_marketplace_state ?? '')) return false;
  if (mStates.length && !mStates.includes(ret.marketplace_state ?? '')) return false;
  if (f.returnType && ret.return_type !== f.returnType) return false;
  return true;
}

function isOffline(error: unknown): boolean {
  return (
    error instanceof FeedampError && (error.code === 'network' || error.code === 'outcome_unknown')
  );
}

export class ReturnSync {
  /** The signal of the run in flight (see run). */
  private runSignal: AbortSignal = new AbortController().signal;
  private readonly periodic = new Periodic(
    (signal) => this.run(signal),
    () => (this.deps.source() ? (this.deps.intervalMs ?? DEFAULT_INTERVAL_MS) : undefined),
    () => (this.deps.random ?? Math.random)(),
  );
  private statusValue: ReturnSyncStatus;

  constructor(private readonly deps: ReturnSyncDeps) {
    this.statusValue = {
      state: 'signed-out',
      online: true,
      cachedReturns: deps.store.size,
      lastSuccessAt: deps.store.meta.lastSuccessAt,
    };
  }

  status(): ReturnSyncStatus {
    return { ...this.statusValue, cachedReturns: this.deps.store.size };
  }

  private setStatus(patch: Partial<ReturnSyncStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch };
    this.deps.onStatus?.(this.status());
  }

  syncNow(): Promise<ReturnSyncStatus> {
    return this.periodic.runNow();
  }

  start(): void {
    this.periodic.start();
  }

  stop(): void {
    this.periodic.stop();
  }

  signedOut(): void {
    this.stop();
    this.setStatus({ state: 'signed-out', message: undefined });
  }

  private async run(signal: AbortSignal): Promise<ReturnSyncStatus> {
    // This run's own signal: a restart aborts it, and a new run gets a new one.
    this.runSignal = signal;
    const source = this.deps.source();
    if (!source) {
      this.setStatus({ state: 'signed-out' });
      return this.status();
    }
    const now = this.deps.now ?? (() => new Date());
    const started = now();
    const filter = this.deps.settings();
    const key = filterKey(filter);
    const meta = this.deps.store.meta;
    const full = !meta.firstSyncComplete || meta.filterKey !== key || !meta.watermark;
    this.setStatus({ state: 'syncing', message: undefined });
    try {
      const skipped = full
        ? await this.fullSync(source, filter, key, started)
        : await this.incrementalSync(source, filter, meta.watermark!, started);
      const finishedAt = now().toISOString();
      await this.deps.store.setMeta({ lastSuccessAt: finishedAt });
      if (skipped.length > 0) this.deps.log.warn('returns sync skipped returns', { skipped });
      this.setStatus({ state: 'idle', online: true, lastSuccessAt: finishedAt, skipped });
    } catch (error) {
      if (this.runSignal.aborted) this.setStatus({ state: 'idle' });
      else if (error instanceof RateLimitedError) {
        // The wait said is the wait taken: the next run is scheduled for it, not the interval.
        const wait = this.periodic.retryIn(error.retryAfterMs ?? RATE_LIMIT_WAIT_MS);
        this.deps.log.warn('returns sync rate limited', { retryAfterMs: error.retryAfterMs, wait });
        this.setStatus({
          state: 'error',
          online: true,
          message: rateLimitedMessage(wait).replace('the next sync', 'the next returns sync'),
        });
      } else if (isOffline(error))
        this.setStatus({
          state: 'offline',
          online: false,
          message: 'Offline — showing the returns synced last; will try again.',
        });
      else {
        this.deps.log.error('returns sync failed', { error });
        this.setStatus({
          state: 'error',
          online: true,
          message:
            error instanceof FeedampError
              ? error.message
              : 'Returns sync failed; the log has the details.',
        });
      }
    }
    return this.status();
  }

  private baseQuery(filter: ReturnsSettings): ReturnsQuery {
    const query: ReturnsQuery = { limit: PAGE_LIMIT, include_order: true };
    if (filter.returnType) query.return_type = filter.returnType;
    return query;
  }

  private async fullSync(
    source: ReturnSource,
    filter: ReturnsSettings,
    key: string,
    started: Date,
  ): Promise<ReturnPage['rejected']> {
    const meta = this.deps.store.meta;
    const resume = meta.filterKey === key ? meta.resumeCursor : undefined;
    if (meta.filterKey !== key)
      await this.deps.store.setMeta({
        filterKey: key,
        resumeCursor: undefined,
        firstSyncComplete: false,
      });
    const query: ReturnsQuery = {
      ...this.baseQuery(filter),
      imported_after: formatDateTime(
        new Date(started.getTime() - filter.importedWithinDays * 86_400_000),
      ),
    };
    const states = csvList(filter.normalizedStates);
    const mStates = csvList(filter.marketplaceStates);
    if (states.length) query.normalized_marketplace_state = states.join(',');
    if (mStates.length) query.marketplace_state = mStates.join(',');
    if (resume) query.cursor = resume;
    const seen = new Set<string>();
    const skipped: ReturnPage['rejected'] = [];
    for await (const page of source.pages(query, this.runSignal)) {
      for (const ret of page.returns) seen.add(ret.id);
      skipped.push(...page.rejected);
      await this.deps.store.upsert(page.returns.map((ret) => ({ ret })));
      await this.deps.store.setMeta({ resumeCursor: page.nextCursor || undefined });
    }
    if (!resume) {
      const left: CachedReturn[] = [];
      for (const entry of this.deps.store.all())
        if (!seen.has(entry.ret.id) && !entry.leftFilterAt)
          left.push({ ...entry, leftFilterAt: started.toISOString() });
      await this.deps.store.upsert(left);
    }
    await this.deps.store.setMeta({
      firstSyncComplete: true,
      filterKey: key,
      resumeCursor: undefined,
      watermark: formatDateTime(started),
    });
    return skipped;
  }

  private async incrementalSync(
    source: ReturnSource,
    filter: ReturnsSettings,
    watermark: string,
    started: Date,
  ): Promise<ReturnPage['rejected']> {
    const since = new Date(
      (parseDateTime(watermark)?.getTime() ?? started.getTime()) - RETURNS_WATERMARK_OVERLAP_MS,
    );
    // No state filter: a return that left the filter must be seen to be marked.
    const query: ReturnsQuery = {
      ...this.baseQuery(filter),
      marketplace_state_changed_after: formatDateTime(since),
    };
    const skipped: ReturnPage['rejected'] = [];
    for await (const page of source.pages(query, this.runSignal)) {
      skipped.push(...page.rejected);
      const entries: CachedReturn[] = [];
      for (const ret of page.returns) {
        const cached = this.deps.store.get(ret.id);
        if (matchesFilter(ret, filter)) entries.push({ ret });
        else if (cached)
          entries.push({ ret, leftFilterAt: cached.leftFilterAt ?? started.toISOString() });
      }
      await this.deps.store.upsert(entries);
    }
    await this.deps.store.setMeta({ watermark: formatDateTime(started) });
    return skipped;
  }
}
