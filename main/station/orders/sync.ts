// The order sync: orders as a synced record type (synced/sync.ts). The filter is the station's
// Settings → Sync; the watermark is the newest marketplace_state_changed_at seen (FeedAMP's clock).
import type { SyncStatus } from '../../../preload/api/orders';
import type { Settings } from '../../../preload/api/settings';
import type { Order, OrdersQuery } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import type { SpreadOptions } from '../periodic';
import {
  SyncedRecords,
  type SyncedPage,
  type SyncedResource,
  type SyncedSource,
  type SyncedStatus,
} from '../synced/sync';
import type { CachedOrder } from './cache';
import type { OrderStore } from './store';

export type OrderRecord = Order & { id: string };
export type OrderPage = SyncedPage<OrderRecord>;
export type OrderSource = SyncedSource<OrdersQuery, OrderRecord>;
type SyncFilter = Settings['sync'];

const PAGE_LIMIT = 250;

function baseQuery(sync: SyncFilter): OrdersQuery {
  const query: OrdersQuery = { limit: PAGE_LIMIT };
  if (sync.feedampStatus) query.feedamp_status = sync.feedampStatus;
  if (sync.clientLocationId) query.client_location_id = sync.clientLocationId;
  if (sync.integrationId) query.integration_id = sync.integrationId;
  return query;
}

const orderResource: SyncedResource<OrderRecord, CachedOrder, SyncFilter, OrdersQuery> = {
  plural: 'orders',
  syncName: 'sync',
  entry: (order, leftFilterAt) => (leftFilterAt ? { order, leftFilterAt } : { order }),
  recordOf: (entry) => entry.order,
  filterKey(sync) {
    const { intervalSeconds: _interval, ...filter } = sync;
    return JSON.stringify({ ...filter, normalizedStates: [...filter.normalizedStates].sort() });
  },
  fullQuery: (sync) => ({
    ...baseQuery(sync),
    normalized_marketplace_state: sync.normalizedStates.join(','),
  }),
  // No state filter here: an order that left AWAITING_SHIPMENT must be seen to be marked.
  incrementalQuery: (sync, changedAfter) => ({
    ...baseQuery(sync),
    marketplace_state_changed_after: changedAfter,
  }),
  matches: (order, sync) =>
    (sync.normalizedStates as readonly string[]).includes(order.normalized_marketplace_state ?? ''),
  changedAt: (order) => order.marketplace_state_changed_at,
};

function present(status: SyncedStatus, cachedOrders: number): SyncStatus {
  const { progress, lastReport, ...rest } = status;
  const out: SyncStatus = { ...rest, cachedOrders };
  if (progress) out.progress = { pages: progress.pages, orders: progress.records };
  if (lastReport) {
    const { records, ...report } = lastReport;
    out.lastReport = { ...report, orders: records };
  }
  return out;
}

export interface SyncDeps {
  store: OrderStore;
  settings: () => Settings;
  /** The signed-in account's order source, or undefined when signed out. */
  source: () => OrderSource | undefined;
  log: Logger;
  now?: () => Date;
  onStatus?: (status: SyncStatus) => void;
  /** Jitter of the wait after a 429 (tests pin it). */
  random?: () => number;
  /** How runs are spread in time (see Periodic; tests pin it). */
  spread?: SpreadOptions;
}

/** Syncs now and then every `intervalSeconds` (re-read each time, so Settings apply at once). */
export class OrderSync extends SyncedRecords<
  OrderRecord,
  CachedOrder,
  SyncFilter,
  OrdersQuery,
  SyncStatus
> {
  constructor(deps: SyncDeps) {
    super(orderResource, {
      ...deps,
      filter: () => deps.settings().sync,
      intervalMs: () => deps.settings().sync.intervalSeconds * 1000,
      present,
    });
  }
}
