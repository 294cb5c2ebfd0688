// Who the package goes to and what the packer must not miss, in as few lines as a 768-pixel
// screen allows: the order's number, state and ship-by on one line, its other numbers and the
// address on the next, notes and gift message in full. FeedAMP's ids wait in "Details".
import { memo, type ReactNode } from 'react';
import type { OrderView } from '../../../preload/api/orders';
import { orderNumber } from '../../store/order-list';
import { dateTime } from '../format';
import { ShipBy } from '../ShipBy';
import { useNow } from '../useNow';

/** The order's numbers, each said once: equal numbers share one label ("Marketplace and customer order"). */
function orderNumbers(order: OrderView): { label: string; value: string }[] {
  const named: [string, string | undefined][] = [
    ['Marketplace', order.marketplaceOrderNumber],
    ['Customer', order.customerOrderNumber],
    ['Merchant', order.merchantOrderNumber],
  ];
  const groups = new Map<string, string[]>();
  for (const [name, value] of named) {
    if (!value) continue;
    groups.set(value, [...(groups.get(value) ?? []), name]);
  }
  return [...groups].map(([value, names]) => {
    const joined =
      names.length === 1
        ? names[0]!
        : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!.toLowerCase()}`;
    const label = `${joined.charAt(0)}${joined.slice(1).toLowerCase()} order`;
    return { label, value };
  });
}

/** Memoised: a scan re-renders the Pack screen, and nothing the header shows changes with it. */
export const PackHeader = memo(function PackHeader({
  order,
  state,
  before,
  actions,
}: {
  order: OrderView;
  /** The state in words, as this station knows it (e.g. "Shipped" once the last package left). */
  state: string;
  before?: ReactNode;
  actions?: ReactNode;
}) {
  const now = useNow();
  const shipByMs = order.shipBy ? Date.parse(order.shipBy) : undefined;
  const address = order.shipTo
    ? [order.shipTo.name, ...order.shipTo.lines].filter(Boolean).join(', ')
    : undefined;
  return (
    <header className="pack-head">
      <div className="pack-title">
        {before}
        <h2 id="pack-title" tabIndex={-1}>
          Order {orderNumber(order)}
        </h2>
        <span className="pack-marketplace" aria-label="Marketplace">
          {[order.marketplace, order.salesChannel].filter(Boolean).join(' · ') ||
            'Marketplace unknown'}
        </span>
        <span
          className={`badge badge-state ${state === 'Shipped' ? 'badge-ok' : ''}`}
          role="status"
          aria-label="Order status"
        >
          {state}
        </span>
        <span className="pack-ship-by" aria-label="Ship by">
          <span className="label">Ship by </span>
          <ShipBy shipByMs={Number.isNaN(shipByMs) ? undefined : shipByMs} now={now} />
        </span>
      </div>
      <div className="pack-sub">
        <dl className="pack-facts">
          {orderNumbers(order).map(({ label, value }) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
          {address && (
            <div className="ship-to" title={address}>
              <dt>Ship to</dt>
              <dd>
                <address>{address}</address>
              </dd>
            </div>
          )}
        </dl>
        <details className="pack-more">
          <summary>Details</summary>
          <dl className="facts popover">
            <div>
              <dt>FeedAMP id</dt>
              <dd className="mono">{order.id}</dd>
            </div>
            {order.purchaseDate && (
              <div>
                <dt>Ordered</dt>
                <dd>{dateTime(order.purchaseDate)}</dd>
              </div>
            )}
            {order.shipTo?.phone && (
              <div>
                <dt>Phone</dt>
                <dd>{order.shipTo.phone}</dd>
              </div>
            )}
            {order.state && (
              <div>
                <dt>FeedAMP state</dt>
                <dd className="mono">{order.state}</dd>
              </div>
            )}
          </dl>
        </details>
        <span className="pack-actions">{actions}</span>
      </div>
      {(order.giftMessage || order.deliveryNotes) && (
        <div className="notes pack-notes">
          {order.deliveryNotes && (
            <section className="note note-delivery" aria-label="Delivery notes">
              <h3>Delivery notes</h3>
              <p>{order.deliveryNotes}</p>
            </section>
          )}
          {order.giftMessage && (
            <section className="note note-gift" aria-label="Gift message">
              <h3>Gift message</h3>
              <p>{order.giftMessage}</p>
            </section>
          )}
        </div>
      )}
    </header>
  );
});
