// Pick-list grouping: a wave of orders turned into one row per SKU and bin, so a picker walks
// the bins once, in order, and knows which box each unit goes to. Pure: the printing service
// feeds it cached orders, the tests feed it tables.
import type { OrderSummary, OrderView } from '../../../preload/api/orders';
import type { PickList, PickRow } from '../../../preload/api/printing';

/** The number a packer scans for an order: the marketplace's, else FeedAMP's own id. */
export function scanNumber(order: Pick<OrderView, 'id' | 'marketplaceOrderNumber'>): string {
  const number = order.marketplaceOrderNumber?.trim();
  return number ? number : order.id;
}

/** Bins sort like people read them: "A-2" before "A-10"; rows with no bin come last. */
const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function comparePickRows(a: PickRow, b: PickRow): number {
  if (a.location !== b.location) {
    if (a.location === undefined) return 1;
    if (b.location === undefined) return -1;
    const byLocation = natural.compare(a.location, b.location);
    if (byLocation !== 0) return byLocation;
  }
  return natural.compare(a.sku, b.sku) || a.sku.localeCompare(b.sku);
}

export interface PickListHeader {
  station: string;
  packer: string;
  generatedAt: string;
}

/**
 * One row per (bin, SKU) across the orders, sorted by bin then SKU. A line without a SKU is
 * grouped by its name, so it is still picked; lines with nothing left to pick are skipped.
 * Within a row, an order appears once (two lines of one SKU add up) in the batch's order.
 */
export function buildPickList(
  orders: readonly OrderView[],
  header: PickListHeader,
  missing: readonly string[] = [],
): PickList {
  const rows = new Map<string, PickRow>();
  let unitCount = 0;
  for (const order of orders) {
    const number = scanNumber(order);
    for (const line of order.lines) {
      if (line.quantity <= 0) continue;
      const sku = line.sku?.trim() || line.name?.trim() || `line ${line.id}`;
      const key = `${line.location ?? ''}\u0000${sku}`;
      let row = rows.get(key);
      if (!row) {
        row = { sku, quantity: 0, orders: [] };
        if (line.location) row.location = line.location;
        if (line.codes[0]) row.itemCode = line.codes[0];
        if (line.name) row.name = line.name;
        rows.set(key, row);
      }
      row.quantity += line.quantity;
      row.itemCode ??= line.codes[0];
      row.name ??= line.name;
      unitCount += line.quantity;
      const ref = row.orders.find((o) => o.orderId === order.id);
      if (ref) ref.quantity += line.quantity;
      else row.orders.push({ orderId: order.id, number, quantity: line.quantity });
    }
  }
  return {
    ...header,
    orderCount: orders.length,
    unitCount,
    orders: orders.map((o) => ({ orderId: o.id, number: scanNumber(o) })),
    rows: [...rows.values()].sort(comparePickRows),
    missing: [...missing],
  };
}

/**
 * Orders a packer could still pack: in the sync filter, not cancelled by the marketplace and not
 * fulfilled by it.
 */
function isPickable(
  order: Pick<OrderSummary, 'leftFilter' | 'cancelledByMarketplace' | 'marketplaceFulfilled'>,
) {
  return !order.leftFilter && !order.cancelledByMarketplace && !order.marketplaceFulfilled;
}

/**
 * The next `count` pickable orders by ship-by, earliest first; orders with no ship-by date come
 * after every dated one, and ties keep FeedAMP's id order so two stations print the same wave.
 */
export function nextByShipBy<
  T extends Pick<
    OrderSummary,
    'id' | 'shipBy' | 'leftFilter' | 'cancelledByMarketplace' | 'marketplaceFulfilled'
  >,
>(orders: Iterable<T>, count: number): T[] {
  const time = (o: T) => {
    const t = o.shipBy ? Date.parse(o.shipBy) : NaN;
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return [...orders]
    .filter(isPickable)
    .sort((a, b) => time(a) - time(b) || compareIds(a.id, b.id))
    .slice(0, count);
}

/** FeedAMP ids are digit strings: compare as numbers of any length. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
