// The order store: the cache on disk and the scan index in memory, kept in step. Everything in
// main that reads or writes orders goes through here.
import type { OrderSummary, OrderView } from '../../../preload/api/orders';
import type { Order } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { IndexedStore } from '../storage/indexed-store';
import { openOrderCache, type CachedOrder, type OrderCache } from './cache';
import { ScanIndex } from './scan-index';
import { toSummary, toView } from './views';

export class OrderStore extends IndexedStore<CachedOrder, Order & { id: string }, ScanIndex> {
  private constructor(cache: OrderCache) {
    super(cache, new ScanIndex(), (entry) => entry.order);
  }

  static async open(dir: string, log: Logger): Promise<OrderStore> {
    return new OrderStore(await openOrderCache(dir, log));
  }

  summaries(): OrderSummary[] {
    return [...this.cache.all()].map(toSummary);
  }

  view(id: string): OrderView | undefined {
    const cached = this.cache.get(id);
    return cached && toView(cached);
  }
}
