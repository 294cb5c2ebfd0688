// The station's returns cache: every return the desk may handle, on disk, loaded at start so a
// parcel can be looked up with no network. The same durable journal as the order cache: each
// sync page is one append; the journal is folded into a snapshot when it grows.
import { z } from 'zod';
import { Return } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { Journal } from '../storage/journal';

export type ReturnRecord = Return & { id: string };

export interface CachedReturn {
  ret: ReturnRecord;
  /** Set when the return stopped matching the returns filter (refunded, closed…). */
  leftFilterAt?: string | undefined;
}

export const returnCacheMetaSchema = z.object({
  account: z.string().optional(),
  /** Latest marketplace_state_changed_at seen (FeedAMP's clock, as FeedAMP wrote it). */
  watermark: z.string().optional(),
  filterKey: z.string().optional(),
  firstSyncComplete: z.boolean().default(false),
  resumeCursor: z.string().optional(),
  lastSuccessAt: z.string().optional(),
});
export type ReturnCacheMeta = z.infer<typeof returnCacheMetaSchema>;

const cachedReturnSchema = z.object({
  ret: Return.and(z.object({ id: z.string() })),
  leftFilterAt: z.string().optional(),
});

const recordSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('upsert'), returns: z.array(cachedReturnSchema) }),
  z.object({ t: z.literal('meta'), meta: returnCacheMetaSchema }),
  z.object({ t: z.literal('clear') }),
]);
type CacheRecord = z.infer<typeof recordSchema>;

const snapshotSchema = z.object({
  meta: returnCacheMetaSchema,
  returns: z.array(cachedReturnSchema),
});
type CacheSnapshot = z.infer<typeof snapshotSchema>;

const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export class ReturnCache {
  private readonly returns = new Map<string, CachedReturn>();
  private metaValue: ReturnCacheMeta = { firstSyncComplete: false };

  private constructor(
    private readonly journal: Journal<CacheSnapshot, CacheRecord>,
    private readonly log: Logger,
  ) {}

  static async open(dir: string, log: Logger): Promise<ReturnCache> {
    const opened = await Journal.open({ dir, name: 'returns', snapshotSchema, recordSchema });
    const cache = new ReturnCache(opened.journal, log);
    if (opened.snapshot) {
      cache.metaValue = opened.snapshot.meta;
      for (const entry of opened.snapshot.returns) cache.returns.set(entry.ret.id, entry);
    }
    for (const record of opened.records) cache.apply(record);
    if (opened.repairedBytes > 0)
      log.warn('returns cache: cut a torn write', { bytes: opened.repairedBytes });
    return cache;
  }

  private apply(record: CacheRecord): void {
    if (record.t === 'upsert')
      for (const entry of record.returns) this.returns.set(entry.ret.id, entry);
    else if (record.t === 'meta') this.metaValue = record.meta;
    else {
      this.returns.clear();
      this.metaValue = { firstSyncComplete: false };
    }
  }

  private async write(record: CacheRecord): Promise<void> {
    this.apply(record);
    await this.journal.append(record);
    if (this.journal.journalBytes > COMPACT_AFTER_BYTES) {
      await this.journal.compact({ meta: this.metaValue, returns: [...this.returns.values()] });
      this.log.info('returns cache compacted', { returns: this.returns.size });
    }
  }

  get size(): number {
    return this.returns.size;
  }

  get meta(): ReturnCacheMeta {
    return this.metaValue;
  }

  get(id: string): CachedReturn | undefined {
    return this.returns.get(id);
  }

  all(): IterableIterator<CachedReturn> {
    return this.returns.values();
  }

  async upsert(entries: CachedReturn[]): Promise<void> {
    if (entries.length > 0) await this.write({ t: 'upsert', returns: entries });
  }

  async setMeta(patch: Partial<ReturnCacheMeta>): Promise<void> {
    await this.write({ t: 'meta', meta: { ...this.metaValue, ...patch } });
  }

  async clear(): Promise<void> {
    await this.write({ t: 'clear' });
    await this.journal.compact({ meta: this.metaValue, returns: [] });
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}
