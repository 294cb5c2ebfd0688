// The returns store: the cache on disk and the number index in memory, kept in step.
import type { Logger } from '../../log';
import {
  openReturnCache,
  type CachedReturn,
  type ReturnCache,
  type ReturnCacheMeta,
} from './cache';
import { ReturnIndex } from './index-numbers';

export class ReturnStore {
  readonly index = new ReturnIndex();
  private readonly listeners = new Set<(count: number) => void>();

  private constructor(private readonly cache: ReturnCache) {
    for (const entry of cache.all()) this.index.add(entry.ret);
  }

  static async open(dir: string, log: Logger): Promise<ReturnStore> {
    return new ReturnStore(await openReturnCache(dir, log));
  }

  get size(): number {
    return this.cache.size;
  }

  get meta(): ReturnCacheMeta {
    return this.cache.meta;
  }

  get(id: string): CachedReturn | undefined {
    return this.cache.get(id);
  }

  all(): IterableIterator<CachedReturn> {
    return this.cache.all();
  }

  async upsert(entries: CachedReturn[]): Promise<void> {
    await this.cache.upsert(entries);
    for (const entry of entries) this.index.add(entry.ret);
    if (entries.length > 0) for (const l of this.listeners) l(entries.length);
  }

  setMeta(patch: Partial<ReturnCacheMeta>): Promise<void> {
    return this.cache.setMeta(patch);
  }

  async clear(): Promise<void> {
    await this.cache.clear();
    this.index.clear();
    for (const l of this.listeners) l(0);
  }

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
