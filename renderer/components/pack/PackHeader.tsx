// Who the package goes to and what the packer must not miss: notes, gift message, ship-by, state.
import type { OrderView } from '../../../preload/api/orders';
import { orderNumber, stateLabel } from '../../store/order-list';
import { ShipBy } from '../ShipBy';
import { useNow } from '../useNow';

export function PackHeader({ order }: { order: OrderView }) {
  const now = useNow();
  const shipByMs = order.shipBy ? Date.parse(order.shipBy) : undefined;
  const numbers: [string, string | undefined][] = [
    ['Marketplace order', order.marketplaceOrderNumber],
    ['Customer order', order.customerOrderNumber],
    ['Merchant order', order.merchantOrderNumber],
    ['FeedAMP id', order.id],
  ];
  return (
    <header className="pack-head">
      <div className="pack-title">
        <h2 id="pack-title" tabIndex={-1}>
          Order {orderNumber(order)}
        </h2>
        <span className="pack-marketplace" aria-label="Marketplace">
          {[order.marketplace, order.salesChannel].filter(Boolean).join(' · ') ||
            'Marketplace unknown'}
        </span>
        <span className="badge" aria-label="Order state">
          {stateLabel(order.state)}
        </span>
        <span className="pack-ship-by" aria-label="Ship by">
          <span className="label">Ship by </span>
          <ShipBy shipByMs={Number.isNaN(shipByMs) ? undefined : shipByMs} now={now} />
        </span>
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
      <div className="pack-facts">
        <dl className="facts">
          {numbers
            .filter((r): r is [string, string] => !!r[1])
            .map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd className="mono">{value}</dd>
              </div>
            ))}
        </dl>
        {order.shipTo && (
          <section className="ship-to" aria-label="Ship to">
            <h3>Ship to</h3>
            <address>
              {/* One line in the compact header: the parts joined as they would be read. */}
              {order.shipTo.name && <strong>{order.shipTo.name}</strong>}
              {order.shipTo.lines.map((l, i) => (
                <span key={i}>
                  {i > 0 || order.shipTo?.name ? ', ' : ''}
                  {l}
                </span>
              ))}
            </address>
          </section>
        )}
      </div>
    </header>
  );
}
