// A synced cache (storage/synced-cache.ts) with an in-memory index kept in step with it, and
// listeners told after every change. The order and returns stores are this plus their views.
import type { SyncedCache, SyncMeta } from './synced-cache';

export interface StoreIndex<R> {
  add: (record: R) => void;
  clear: () => void;
}

/** E: what the cache holds per record; R: the record itself, as the index takes it. */
/** Records indexed between two turns of the event loop while loading at start. */
const INDEX_CHUNK = 1000;

export class IndexedStore<E, R, I extends StoreIndex<R>> {
  private readonly listeners = new Set<(count: number) => void>();
  /** Resolves once the cache is loaded and indexed; lookups made before it see nothing yet. */
  readonly ready: Promise<void>;
  private indexed = false;

  constructor(
    protected readonly cache: SyncedCache<E>,
    readonly index: I,
    private readonly recordOf: (entry: E) => R,
  ) {
    if (!cache.loading) {
      for (const entry of cache.all()) index.add(recordOf(entry));
      this.indexed = true;
      this.ready = Promise.resolve();
    } else {
      this.ready = this.indexInBackground();
    }
  }

  /**
   * In turns, so the window, the bridge and the heartbeat keep answering while 10k orders are
   * indexed; listeners hear the count once, when everything is in.
   */
  private async indexInBackground(): Promise<void> {
    await this.cache.ready;
    const entries = [...this.cache.all()];
    for (let i = 0; i < entries.length; i += INDEX_CHUNK) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (const entry of entries.slice(i, i + INDEX_CHUNK)) this.index.add(this.recordOf(entry));
    }
    this.indexed = true;
    for (const l of this.listeners) l(this.cache.size);
  }

  /** While loading at start: how many records are on their way (when the cache knows). */
  get loading(): { records: number | undefined } | undefined {
    if (this.indexed) return undefined;
    return this.cache.loading ?? { records: this.cache.size };
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
    await this.ready;
    const changed = await this.cache.upsert(entries);
    for (const entry of changed) this.index.add(this.recordOf(entry));
    if (changed.length > 0) for (const l of this.listeners) l(changed.length);
  }

  /** After a full sync: the next start loads one snapshot instead of replaying every page. */
  compact(): Promise<void> {
    return this.cache.compact();
  }

  setMeta(patch: Partial<SyncMeta>): Promise<void> {
    return this.cache.setMeta(patch);
  }

  async clear(): Promise<void> {
    await this.ready;
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

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.cache.close();
  }
}
