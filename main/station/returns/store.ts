// The returns store: the cache on disk and the number index in memory, kept in step.
import type { Logger } from '../../log';
import { IndexedStore } from '../storage/indexed-store';
import { openReturnCache, type CachedReturn, type ReturnCache, type ReturnRecord } from './cache';
import { ReturnIndex } from './index-numbers';

export class ReturnStore extends IndexedStore<CachedReturn, ReturnRecord, ReturnIndex> {
  private constructor(cache: ReturnCache) {
    super(cache, new ReturnIndex(), (entry) => entry.ret);
  }

  static async open(dir: string, log: Logger): Promise<ReturnStore> {
    return new ReturnStore(await openReturnCache(dir, log));
  }
}
