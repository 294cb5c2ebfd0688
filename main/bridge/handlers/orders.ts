import type { ordersMethods } from '../../../preload/api/orders';
import type { OrderStore } from '../../station/orders/store';
import type { OrderSync } from '../../station/orders/sync';
import type { DomainHandlers } from '../dispatch';
import { say, StationError } from '../../station/errors';

export function ordersHandlers(
  store: OrderStore,
  sync: OrderSync,
  /** Orders this station finished today → when (the Orders list's "Done today" view). */
  doneToday: () => ReadonlyMap<string, string> = () => new Map(),
): DomainHandlers<typeof ordersMethods> {
  return {
    // Callers that pick "the next order to pack" never see one the marketplace fulfils; the
    // Orders screen asks for them too, to show them behind its filter.
    'orders.list': ({ includeMarketplaceFulfilled }) => {
      const done = store.loading ? new Map<string, string>() : doneToday();
      const all = store.summaries().map((o) => {
        const at = done.get(o.id);
        return at ? { ...o, doneHereAt: at } : o;
      });
      const loading = store.loading;
      return {
        orders: includeMarketplaceFulfilled ? all : all.filter((o) => !o.marketplaceFulfilled),
        ...(loading
          ? { loading: loading.records === undefined ? {} : { orders: loading.records } }
          : {}),
      };
    },
    'orders.get': ({ id }) => {
      const view = store.view(id);
      if (!view) throw new StationError('not_found', say.orderNotOnStation(id));
      return view;
    },
    'orders.find': ({ code }) => ({ orderIds: store.index.findOrders(code) }),
    'sync.status': () => sync.status(),
    'sync.now': () => sync.syncNow(),
  };
}
