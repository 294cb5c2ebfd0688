// Pure rules of the Orders list: how a row is searched, filtered, sorted and flagged. No I/O, so
// the screen and any test read the same rules.
import type { OrderSummary } from '../../preload/api/orders';

/** A summary with what the list needs precomputed once per load, not once per keystroke. */
export interface ListedOrder extends OrderSummary {
  /** Milliseconds since the epoch, or undefined when the order has no ship-by date. */
  shipByMs?: number;
  /** Every order number, SKU and product name, lower-cased and joined, for search. */
  haystack: string;
}

/**
 * Orders the marketplace fulfils itself (Amazon FBA and the like) have nothing to pack: hidden
 * unless the packer asks to see them too, or only them.
 */
export type MarketplaceFulfilledFilter = 'hide' | 'show' | 'only';

export interface OrderFilter {
  query: string;
  state: string;
  marketplace: string;
  location: string;
  marketplaceFulfilled: MarketplaceFulfilledFilter;
  /** The queue (orders still to pack), or the orders this station finished today. */
  view: 'queue' | 'done-today';
}

export const NO_FILTER: OrderFilter = {
  query: '',
  state: '',
  marketplace: '',
  location: '',
  marketplaceFulfilled: 'hide',
  view: 'queue',
};

/** The orders a packer may pack: the list, its counts and the pick list start from these. */
export function isPackable(o: Pick<OrderSummary, 'marketplaceFulfilled'>): boolean {
  return !o.marketplaceFulfilled;
}

function fulfilmentAdmits(o: OrderSummary, rule: MarketplaceFulfilledFilter): boolean {
  if (rule === 'show') return true;
  return rule === 'only' ? !isPackable(o) : isPackable(o);
}

export type ShipByMark = 'late' | 'due-today' | undefined;

/** The number a packer knows an order by: the marketplace's, then the customer's, then ours. */
export function orderNumber(
  o: Pick<
    OrderSummary,
    'marketplaceOrderNumber' | 'customerOrderNumber' | 'merchantOrderNumber' | 'id'
  >,
): string {
  return o.marketplaceOrderNumber ?? o.customerOrderNumber ?? o.merchantOrderNumber ?? o.id;
}

export function locationLabel(
  o: Pick<OrderSummary, 'locationName' | 'locationId'>,
): string | undefined {
  return o.locationName ?? o.locationId;
}

export function prepareOrders(orders: OrderSummary[]): ListedOrder[] {
  const listed = orders.map((o): ListedOrder => {
    const ms = o.shipBy ? Date.parse(o.shipBy) : Number.NaN;
    return {
      ...o,
      shipByMs: Number.isNaN(ms) ? undefined : ms,
      haystack: [
        o.id,
        o.marketplaceOrderNumber,
        o.customerOrderNumber,
        o.merchantOrderNumber,
        o.customerName,
        ...o.skus,
        ...o.names,
      ]
        .filter((s): s is string => !!s)
        .join('\n')
        .toLowerCase(),
    };
  });
  // Earliest ship-by first; orders without one go last, in a stable order.
  return listed.sort(
    (a, b) =>
      (a.shipByMs ?? Number.POSITIVE_INFINITY) - (b.shipByMs ?? Number.POSITIVE_INFINITY) ||
      a.id.localeCompare(b.id),
  );
}

export function filterOrders(orders: ListedOrder[], filter: OrderFilter): ListedOrder[] {
  const words = filter.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return orders.filter(
    (o) =>
      (filter.view === 'done-today') === (o.doneHereAt !== undefined) &&
      fulfilmentAdmits(o, filter.marketplaceFulfilled) &&
      (!filter.state || o.state === filter.state) &&
      (!filter.marketplace || o.marketplace === filter.marketplace) &&
      (!filter.location || locationLabel(o) === filter.location) &&
      words.every((w) => o.haystack.includes(w)),
  );
}

/** The distinct, sorted values of one field, for a filter's options. */
export function distinctValues(
  orders: ListedOrder[],
  pick: (o: ListedOrder) => string | undefined,
): string[] {
  const values = new Set<string>();
  for (const o of orders) {
    const v = pick(o);
    if (v) values.add(v);
  }
  return [...values].sort((a, b) => a.localeCompare(b));
}

/** Late when the ship-by moment has passed; due today when it falls later on today's date. */
export function shipByMark(shipByMs: number | undefined, now: Date): ShipByMark {
  if (shipByMs === undefined) return undefined;
  if (shipByMs < now.getTime()) return 'late';
  const due = new Date(shipByMs);
  return due.getFullYear() === now.getFullYear() &&
    due.getMonth() === now.getMonth() &&
    due.getDate() === now.getDate()
    ? 'due-today'
    : undefined;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "HH:MM", in the station's own time. */
export function clockTime(iso: string | number): string {
  const d = new Date(iso);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

// One formatter for every row: building an Intl formatter per call costs more than the row.
const DAY = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** "Tue 3 Jun, 14:00" — short enough for a list column, with the time a carrier cuts off. */
export function shortDateTime(iso: string | number): string {
  return `${DAY.format(new Date(iso))}, ${clockTime(iso)}`;
}

/** FeedAMP's states are SHOUTED_SNAKE; a packer reads "Awaiting shipment". */
export function stateLabel(state: string | undefined): string {
  if (!state) return 'Unknown';
  const words = state.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
