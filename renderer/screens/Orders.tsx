// The orders this station may pack: searchable, filterable, sorted by ship-by. Only the rows in
// view are in the page (virtualised), so 10k orders scroll as smoothly as 10.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { OrderBadges } from '../components/OrderBadges';
import { ShipBy } from '../components/ShipBy';
import { PrintMenu } from '../print/PrintMenu';
import { useNow } from '../components/useNow';
import { orderNotes, orderStateLabel as stateLabel } from '../components/labels';
import {
  distinctValues,
  filterOrders,
  isPackable,
  locationLabel,
  NO_FILTER,
  orderNumber,
  type ListedOrder,
  type MarketplaceFulfilledFilter,
  type OrderFilter,
} from '../store/order-list';
import { useOrdersStore } from '../store/orders';
import { count, LINE, ORDER, UNIT } from '../../common/format';

const ROW_HEIGHT = 44;

type SortKey =
  'shipBy' | 'order' | 'marketplace' | 'shipTo' | 'location' | 'state' | 'lines' | 'units';
interface Column {
  label: string;
  sort?: SortKey;
  num?: boolean;
}
const COLUMNS: Column[] = [
  { label: 'Ship by', sort: 'shipBy' },
  { label: 'Order', sort: 'order' },
  { label: 'Marketplace', sort: 'marketplace' },
  { label: 'Ship to', sort: 'shipTo' },
  { label: 'Location', sort: 'location' },
  { label: 'State', sort: 'state' },
  { label: 'Lines', sort: 'lines', num: true },
  { label: 'Units', sort: 'units', num: true },
  { label: 'Notes' },
];

/** What each sortable column compares; orders without the value go last either way. */
const SORT_VALUE: Record<SortKey, (o: ListedOrder) => string | number | undefined> = {
  shipBy: (o) => o.shipByMs,
  order: (o) => orderNumber(o),
  marketplace: (o) => o.marketplace,
  shipTo: (o) => o.customerName,
  location: (o) => locationLabel(o),
  state: (o) => stateLabel(o.state),
  lines: (o) => o.lineCount,
  units: (o) => o.unitCount,
};

interface Sort {
  key: SortKey;
  ascending: boolean;
}

function sortOrders(orders: ListedOrder[], sort: Sort): ListedOrder[] {
  // The list arrives sorted by ship-by, earliest first: nothing to do for the default.
  if (sort.key === 'shipBy' && sort.ascending) return orders;
  const value = SORT_VALUE[sort.key];
  const sign = sort.ascending ? 1 : -1;
  return [...orders].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), undefined, { numeric: true });
    return sign * order;
  });
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
  format = (v) => v,
}: {
  label: string;
  value: string;
  options: string[];
  onChange: (value: string) => void;
  format?: (value: string) => string;
}) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {format(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Memoised: while scrolling, rows that stay in view are not rendered again. */
const OrderRow = memo(function OrderRow({ order, now }: { order: ListedOrder; now: Date }) {
  const number = orderNumber(order);
  const notes = orderNotes(order);
  return (
    <>
      <span role="gridcell" className="cell-ship-by">
        <ShipBy shipByMs={order.shipByMs} now={now} />
      </span>
      <span
        role="gridcell"
        className="cell-order"
        title={number !== order.id ? `FeedAMP id ${order.id}` : undefined}
      >
        <strong>{number}</strong>
      </span>
      <span role="gridcell" title={order.marketplace}>
        {order.marketplace ?? '—'}
      </span>
      <span role="gridcell" title={order.customerName}>
        {order.customerName ?? '—'}
      </span>
      <span role="gridcell" title={locationLabel(order)}>
        {locationLabel(order) ?? '—'}
      </span>
      <span role="gridcell" className="cell-state" title={stateLabel(order.state)}>
        {stateLabel(order.state)} <OrderBadges order={order} />
      </span>
      <span role="gridcell" className="num">
        {count(order.lineCount, LINE)}
      </span>
      <span role="gridcell" className="num">
        {count(order.unitCount, UNIT)}
      </span>
      <span role="gridcell" className="cell-notes" title={notes || undefined}>
        {notes || '—'}
      </span>
    </>
  );
});

export function Orders() {
  const { orders, loaded, loadError, filter, setFilter, open } = useOrdersStore();
  const now = useNow();
  const [sort, setSort] = useState<Sort>({ key: 'shipBy', ascending: true });
  const visible = useMemo(
    () => sortOrders(filterOrders(orders, filter), sort),
    [orders, filter, sort],
  );
  // What the count says "of": the orders the marketplace-fulfilled choice lets in.
  const pool = useMemo(
    () =>
      filterOrders(orders, {
        ...NO_FILTER,
        marketplaceFulfilled: filter.marketplaceFulfilled,
        view: filter.view,
      }),
    [orders, filter.marketplaceFulfilled, filter.view],
  );
  const doneToday = useMemo(() => orders.filter((o) => o.doneHereAt).length, [orders]);
  const fulfilledElsewhere = useMemo(() => orders.filter((o) => !isPackable(o)).length, [orders]);
  // Nothing to pick or pack for a marketplace-fulfilled order, whatever the list shows.
  const printable = useMemo(() => visible.filter(isPackable).map((o) => o.id), [visible]);
  const states = useMemo(() => distinctValues(orders, (o) => o.state), [orders]);
  const marketplaces = useMemo(() => distinctValues(orders, (o) => o.marketplace), [orders]);
  const locations = useMemo(() => distinctValues(orders, locationLabel), [orders]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // Roving focus: one row is in the tab order; arrows move it, Enter opens it.
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const activeIndex = Math.min(active, Math.max(visible.length - 1, 0));
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusPending.current = false;
    }
  });

  function move(to: number) {
    const index = Math.max(0, Math.min(visible.length - 1, to));
    focusPending.current = true;
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(visible.length - 1),
      Enter: () => {
        const order = visible[activeIndex];
        if (order) void open(order.id);
      },
    };
    const action = keys[e.key];
    if (action && visible.length > 0) {
      e.preventDefault();
      action();
    }
  }

  const filtered = visible.length !== pool.length;

  return (
    <section className="orders" aria-labelledby="orders-title">
      <div className="orders-toolbar">
        <h2 id="orders-title">Orders</h2>
        <label className="filter">
          <span>View</span>
          <select
            value={filter.view}
            onChange={(e) => {
              setFilter({ view: e.target.value as OrderFilter['view'] });
              setActive(0);
            }}
          >
            <option value="queue">To pack</option>
            <option value="done-today">Done today ({doneToday})</option>
          </select>
        </label>
        <label className="filter search">
          <span>Search orders</span>
          <input
            type="search"
            value={filter.query}
            onChange={(e) => {
              setFilter({ query: e.target.value });
              setActive(0);
            }}
            placeholder="Order number, SKU or product name"
            spellCheck={false}
          />
        </label>
        <FilterSelect
          label="State"
          value={filter.state}
          options={states}
          onChange={(state) => setFilter({ state })}
          format={stateLabel}
        />
        <FilterSelect
          label="Marketplace"
          value={filter.marketplace}
          options={marketplaces}
          onChange={(marketplace) => setFilter({ marketplace })}
        />
        <FilterSelect
          label="Location"
          value={filter.location}
          options={locations}
          onChange={(location) => setFilter({ location })}
        />
        <label className="filter">
          <span>Fulfilled by marketplace</span>
          <select
            value={filter.marketplaceFulfilled}
            onChange={(e) => {
              setFilter({ marketplaceFulfilled: e.target.value as MarketplaceFulfilledFilter });
              setActive(0);
            }}
          >
            <option value="hide">Hidden ({fulfilledElsewhere})</option>
            <option value="show">Shown too</option>
            <option value="only">Only these</option>
          </select>
        </label>
        <PrintMenu orderIds={printable} />
      </div>
      <p className="orders-count" role="status" aria-label="Order count">
        {filtered
          ? `Showing ${visible.length} of ${pool.length} orders`
          : count(pool.length, ORDER)}
      </p>
      {loadError && (
        <p role="alert" className="message message-error">
          {loadError}
        </p>
      )}
      <div
        className="grid"
        role="grid"
        aria-label="Orders"
        aria-rowcount={visible.length + 1}
        aria-colcount={COLUMNS.length}
      >
        <div role="rowgroup" className="grid-head">
          <div role="row" aria-rowindex={1} className="grid-row">
            {COLUMNS.map((c) => {
              const sorted = c.sort !== undefined && sort.key === c.sort;
              return (
                <span
                  role="columnheader"
                  key={c.label}
                  className={c.num ? 'num' : undefined}
                  aria-sort={
                    c.sort === undefined
                      ? undefined
                      : sorted
                        ? sort.ascending
                          ? 'ascending'
                          : 'descending'
                        : 'none'
                  }
                >
                  {c.sort === undefined ? (
                    c.label
                  ) : (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => {
                        const key = c.sort!;
                        setSort((now) =>
                          now.key === key
                            ? { key, ascending: !now.ascending }
                            : { key, ascending: true },
                        );
                        setActive(0);
                      }}
                    >
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  )}
                </span>
              );
            })}
          </div>
        </div>
        {/* The grid pattern: arrows move between rows and Enter opens one, on the row group. */}
        {/* eslint-disable-next-line jsx-a11y-x/no-noninteractive-element-interactions */}
        <div role="rowgroup" className="grid-body" ref={scrollRef} onKeyDown={onKeyDown}>
          {visible.length === 0 ? (
            <p className="empty">
              {!loaded
                ? 'Loading orders…'
                : orders.length === 0
                  ? 'No orders on this station yet — they appear here after the first sync.'
                  : pool.length === 0 && filter.view === 'done-today'
                    ? 'Nothing finished on this station today yet.'
                    : pool.length === 0 && filter.marketplaceFulfilled === 'hide'
                      ? 'Every order on this station is fulfilled by its marketplace — nothing to pack.'
                      : 'No orders match this search and these filters.'}
            </p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const order = visible[item.index]!;
                return (
                  // Its keys (Enter) are the row group's, as the grid pattern has them.
                  // eslint-disable-next-line jsx-a11y-x/click-events-have-key-events
                  <div
                    key={order.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-index={item.index}
                    tabIndex={item.index === activeIndex ? 0 : -1}
                    className={`grid-row order-row${order.cancelledByMarketplace ? ' is-cancelled' : ''}`}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                    onClick={() => void open(order.id)}
                    onFocus={() => setActive(item.index)}
                  >
                    <OrderRow order={order} now={now} />
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
