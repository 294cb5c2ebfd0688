// The order store: the cache on disk and the scan index in memory, kept in step. Everything in
// main that reads or writes orders goes through here.
import type { OrderSummary, OrderView } from '../../../preload/api/orders';
import type { Order } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { IndexedStore } from '../storage/indexed-store';
import { loadOrderCache, type CachedOrder, type OrderCache } from './cache';
import { ScanIndex } from './scan-index';
import { toSummary, toView } from './views';

export class OrderStore extends IndexedStore<CachedOrder, Order & { id: string }, ScanIndex> {
  private constructor(cache: OrderCache) {
    super(cache, new ScanIndex(), (entry) => entry.order);
  }

  /** Opens the cache and waits until it is loaded and indexed. */
  static async open(dir: string, log: Logger): Promise<OrderStore> {
    const store = OrderStore.load(dir, log);
    await store.ready;
    return store;
  }

  /** Returns at once and loads in the background (start-up): see `ready` and `loading`. */
  static load(dir: string, log: Logger): OrderStore {
    return new OrderStore(loadOrderCache(dir, log));
  }

  summaries(): OrderSummary[] {
    return [...this.cache.all()].map(toSummary);
  }

  view(id: string): OrderView | undefined {
    const cached = this.cache.get(id);
    return cached && toView(cached);
  }
}

/**
 * Bridge calls that answer while the orders are still loading at start: what the window needs
 * to be usable (session, settings, the list that says "Loading…"). Every other call (a scan, an
 * order opened, a pick list, a shipment) waits for the orders instead of finding none.
 */
const ANSWER_WHILE_LOADING =
  /^(app|session|settings|support|updates)\.|^(orders\.list|sync\.status|outbox\.(status|list|counts)|returns\.(list|status)|printing\.printers)$/;

export function waitForOrders<H extends object>(handlers: H, store: { ready: Promise<void> }): H {
  const wrapped: Record<string, unknown> = { ...(handlers as Record<string, unknown>) };
  for (const [name, handler] of Object.entries(handlers)) {
    if (ANSWER_WHILE_LOADING.test(name) || typeof handler !== 'function') continue;
    const call = handler as (input: unknown) => unknown;
    wrapped[name] = async (input: unknown) => {
      await store.ready;
      return call(input);
    };
  }
  return wrapped as H;
}
