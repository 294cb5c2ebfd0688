// The station's order cache: every order it may pack, on disk, loaded at start so packing works
// with no network. Built on the durable journal (storage/journal.ts): each sync page is one
// durable append; the journal is folded into a snapshot when it grows.
import { z } from 'zod';
import type { Order } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { Journal } from '../storage/journal';

export interface CachedOrder {
  order: Order & { id: string };
  /** Set when the order stopped matching the sync filter (shipped elsewhere, cancelled…). */
  leftFilterAt?: string | undefined;
}

export const cacheMetaSchema = z.object({
  /** The account the orders belong to (see accountKey); another account starts empty. */
  account: z.string().optional(),
  /** Latest marketplace_state_changed_at seen, as FeedAMP wrote it (server clock). */
  watermark: z.string().optional(),
  /** The sync filter the cache was filled with; a different filter means a full sync. */
  filterKey: z.string().optional(),
  firstSyncComplete: z.boolean().optional(),
  /** Where an interrupted full sync picks up again. */
  resumeCursor: z.string().optional(),
  lastSuccessAt: z.string().optional(),
});
export type CacheMeta = z.infer<typeof cacheMetaSchema>;

// Orders were checked against FeedAMP's full schema when they arrived. Read back from disk they
// are checked for the shape the station relies on (ids, lines, states) — a full re-check of
// 10k orders would cost most of the 500 ms start-up budget — and kept as read (keepInput).
const storedLineSchema = z.looseObject({
  id: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().nullish(),
});
const storedOrderSchema = z.looseObject({
  id: z.string(),
  order_lines: z.array(storedLineSchema).nullish(),
  normalized_marketplace_state: z.string().nullish(),
  marketplace_state_changed_at: z.string().nullish(),
}) as unknown as z.ZodType<Order & { id: string }>;

const cachedOrderSchema = z.object({
  order: storedOrderSchema,
  leftFilterAt: z.string().optional(),
});

const recordSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('upsert'), orders: z.array(cachedOrderSchema) }),
  z.object({ t: z.literal('meta'), meta: cacheMetaSchema }),
  z.object({ t: z.literal('clear') }),
]);
type CacheRecord = z.infer<typeof recordSchema>;

const snapshotSchema = z.object({ meta: cacheMetaSchema, orders: z.array(cachedOrderSchema) });
type CacheSnapshot = z.infer<typeof snapshotSchema>;

/** Fold the journal into a snapshot once it holds this much (≈ a few full pages). */
const COMPACT_AFTER_BYTES = 16 * 1024 * 1024;

export class OrderCache {
  private readonly orders = new Map<string, CachedOrder>();
  private metaValue: CacheMeta = { firstSyncComplete: false };

  private constructor(
    private readonly journal: Journal<CacheSnapshot, CacheRecord>,
    private readonly log: Logger,
  ) {}

  static async open(dir: string, log: Logger): Promise<OrderCache> {
    const opened = await Journal.open({
      dir,
      name: 'orders',
      snapshotSchema,
      recordSchema,
      keepInput: true,
    });
    const cache = new OrderCache(opened.journal, log);
    if (opened.snapshot) {
      cache.metaValue = opened.snapshot.meta;
      for (const entry of opened.snapshot.orders) cache.orders.set(entry.order.id, entry);
    }
    for (const record of opened.records) cache.apply(record);
    if (opened.repairedBytes > 0)
      log.warn('order cache: cut a torn write', { bytes: opened.repairedBytes });
    return cache;
  }

  private apply(record: CacheRecord): void {
    if (record.t === 'upsert')
      for (const entry of record.orders) this.orders.set(entry.order.id, entry);
    else if (record.t === 'meta') this.metaValue = record.meta;
    else {
      this.orders.clear();
      this.metaValue = { firstSyncComplete: false };
    }
  }

  private async write(record: CacheRecord): Promise<void> {
    this.apply(record);
    await this.journal.append(record);
    if (this.journal.journalBytes > COMPACT_AFTER_BYTES) await this.compact();
  }

  /** Folds the journal into one snapshot: the fastest form to load at start. */
  async compact(): Promise<void> {
    await this.journal.compact({ meta: this.metaValue, orders: [...this.orders.values()] });
    this.log.info('order cache compacted', { orders: this.orders.size });
  }

  get size(): number {
    return this.orders.size;
  }

  get meta(): CacheMeta {
    return this.metaValue;
  }

  get(id: string): CachedOrder | undefined {
    return this.orders.get(id);
  }

  all(): IterableIterator<CachedOrder> {
    return this.orders.values();
  }

  async upsert(entries: CachedOrder[]): Promise<void> {
    if (entries.length > 0) await this.write({ t: 'upsert', orders: entries });
  }

  async setMeta(patch: Partial<CacheMeta>): Promise<void> {
    await this.write({ t: 'meta', meta: { ...this.metaValue, ...patch } });
  }

  /** Forget every order (sign-out, another account). */
  async clear(): Promise<void> {
    await this.write({ t: 'clear' });
    await this.journal.compact({ meta: this.metaValue, orders: [] });
  }

  async close(): Promise<void> {
    await this.journal.close();
  }
}
