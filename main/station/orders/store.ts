// The order store: the cache on disk and the scan index in memory, kept in step. Everything in
// main that reads or writes orders goes through here.
import type { OrderSummary, OrderView } from '../../../preload/api/orders';
import type { Logger } from '../../log';
import { openOrderCache, type CachedOrder, type CacheMeta, type OrderCache } from './cache';
import { ScanIndex } from './scan-index';
import { toSummary, toView } from './views';

export class OrderStore {
  readonly index = new ScanIndex();
  private readonly listeners = new Set<(count: number) => void>();

  private constructor(private readonly cache: OrderCache) {
    for (const entry of cache.all()) this.index.add(entry.order);
  }

  static async open(dir: string, log: Logger): Promise<OrderStore> {
    return new OrderStore(await openOrderCache(dir, log));
  }

  get size(): number {
    return this.cache.size;
  }

  get meta(): CacheMeta {
    return this.cache.meta;
  }

  get(id: string): CachedOrder | undefined {
    return this.cache.get(id);
  }

  all(): IterableIterator<CachedOrder> {
    return this.cache.all();
  }

  async upsert(entries: CachedOrder[]): Promise<void> {
    await this.cache.upsert(entries);
    for (const entry of entries) this.index.add(entry.order);
    if (entries.length > 0) for (const l of this.listeners) l(entries.length);
  }

  /** After a full sync: the next start loads one snapshot instead of replaying every page. */
  compact(): Promise<void> {
    return this.cache.compact();
  }

  setMeta(patch: Partial<CacheMeta>): Promise<void> {
    return this.cache.setMeta(patch);
  }

  async clear(): Promise<void> {
    await this.cache.clear();
    this.index.clear();
    for (const l of this.listeners) l(0);
  }

  summaries(): OrderSummary[] {
    return [...this.cache.all()].map(toSummary);
  }

  view(id: string): OrderView | undefined {
    const cached = this.cache.get(id);
    return cached && toView(cached);
  }

  /** Called after every change with the number of orders written. */
  onChange(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): Promise<void> {
    return this.cache.close();
  }
}
