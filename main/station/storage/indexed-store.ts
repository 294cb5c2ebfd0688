// A synced cache (storage/synced-cache.ts) with an in-memory index kept in step with it, and
// listeners told after every change. The order and returns stores are this plus their views.
import type { SyncedCache, SyncMeta } from './synced-cache';

export interface StoreIndex<R> {
  add(record: R): void;
  clear(): void;
}

/** E: what the cache holds per record; R: the record itself, as the index takes it. */
export class IndexedStore<E, R, I extends StoreIndex<R>> {
  private readonly listeners = new Set<(count: number) => void>();

  constructor(
    protected readonly cache: SyncedCache<E>,
    readonly index: I,
    private readonly recordOf: (entry: E) => R,
  ) {
    for (const entry of cache.all()) index.add(recordOf(entry));
  }

  get size(): number {
    return this.cache.size;
  }

  get meta(): SyncMeta {
    return this.cache.meta;
  }

  get(id: string): E | undefined {
    return this.cache.get(id);
  }

  all(): IterableIterator<E> {
    return this.cache.all();
  }

  async upsert(entries: E[]): Promise<void> {
    await this.cache.upsert(entries);
    for (const entry of entries) this.index.add(this.recordOf(entry));
    if (entries.length > 0) for (const l of this.listeners) l(entries.length);
  }

  /** After a full sync: the next start loads one snapshot instead of replaying every page. */
  compact(): Promise<void> {
    return this.cache.compact();
  }

  setMeta(patch: Partial<SyncMeta>): Promise<void> {
    return this.cache.setMeta(patch);
  }

  async clear(): Promise<void> {
    await this.cache.clear();
    this.index.clear();
    for (const l of this.listeners) l(0);
  }

  /** Called after every change with the number of records written. */
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
