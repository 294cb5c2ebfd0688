// One order, read-only: what a packer needs to see before packing it. The Pack screen will take
// this view's place; until then it is deliberately plain.
import { useEffect, useRef } from 'react';
import type { OrderView } from '../../preload/api/orders';
import { OrderBadges } from '../components/OrderBadges';
import { ShipBy } from '../components/ShipBy';
import { useNow } from '../components/useNow';
import { orderNumber, shortDateTime, stateLabel } from '../store/order-list';
import { useOrdersStore } from '../store/orders';

function Numbers({ order }: { order: OrderView }) {
  const rows: [string, string | undefined][] = [
    ['Marketplace order', order.marketplaceOrderNumber],
    ['Customer order', order.customerOrderNumber],
    ['Merchant order', order.merchantOrderNumber],
    ['FeedAMP id', order.id],
    [
      'Marketplace',
      [order.marketplace, order.salesChannel].filter(Boolean).join(' · ') || undefined,
    ],
    ['State', stateLabel(order.state)],
    ['Ordered', order.purchaseDate && shortDateTime(order.purchaseDate)],
    ['Location', order.locationName ?? order.locationId],
  ];
  return (
    <dl className="facts">
      {rows
        .filter((r): r is [string, string] => !!r[1])
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function Lines({ order }: { order: OrderView }) {
  return (
    <table className="lines">
      <caption>
        {order.lineCount} {order.lineCount === 1 ? 'line' : 'lines'}, {order.unitCount}{' '}
        {order.unitCount === 1 ? 'unit' : 'units'}
      </caption>
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Codes</th>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col">Location</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.id}>
            <td className="mono">{line.sku ?? '—'}</td>
            <td className="mono">{line.codes.join(', ') || '—'}</td>
            <td>{line.name ?? '—'}</td>
            <td className="num qty">{line.quantity}</td>
            <td>{line.location ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OrderDetail() {
  const { openId, detail, detailError, close } = useOrdersStore();
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [detail?.id]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const back = (
    <button type="button" className="back" onClick={close}>
      ← Back to orders
    </button>
  );

  if (!detail) {
    return (
      <section className="order-detail" aria-label="Order">
        {back}
        {detailError ? (
          <p role="alert" className="message message-error">
            {detailError}
          </p>
        ) : (
          <p role="status">Opening order {openId}…</p>
        )}
      </section>
    );
  }

  const shipByMs = detail.shipBy ? Date.parse(detail.shipBy) : undefined;
  return (
    <section className="order-detail" aria-labelledby="order-title">
      {back}
      <header className="order-head">
        <h2 id="order-title" ref={heading} tabIndex={-1}>
          Order {orderNumber(detail)}
        </h2>
        <OrderBadges order={detail} />
        <div className="order-ship-by">
          <span className="label">Ship by</span>
          <ShipBy shipByMs={Number.isNaN(shipByMs) ? undefined : shipByMs} now={now} />
        </div>
      </header>
      {detail.cancelledByMarketplace && (
        <p role="alert" className="message message-error">
          The marketplace cancelled this order — do not ship it.
        </p>
      )}
      {!detail.cancelledByMarketplace && detail.leftFilter && (
        <p role="alert" className="message message-warning">
          This order no longer matches this station&apos;s sync filter ({stateLabel(detail.state)})
          — check before shipping it.
        </p>
      )}
      {(detail.giftMessage || detail.deliveryNotes) && (
        <div className="notes">
          {detail.giftMessage && (
            <section className="note note-gift" aria-label="Gift message">
              <h3>Gift message</h3>
              <p>{detail.giftMessage}</p>
            </section>
          )}
          {detail.deliveryNotes && (
            <section className="note note-delivery" aria-label="Delivery notes">
              <h3>Delivery notes</h3>
              <p>{detail.deliveryNotes}</p>
            </section>
          )}
        </div>
      )}
      <div className="order-columns">
        <Numbers order={detail} />
        {detail.shipTo && (
          <section className="ship-to" aria-label="Ship to">
            <h3>Ship to</h3>
            <address>
              {detail.shipTo.name && <strong>{detail.shipTo.name}</strong>}
              {detail.shipTo.lines.map((l, i) => (
                <span key={i}>{l}</span>
              ))}
              {detail.shipTo.phone && <span>{detail.shipTo.phone}</span>}
            </address>
          </section>
        )}
      </div>
      <Lines order={detail} />
    </section>
  );
}
