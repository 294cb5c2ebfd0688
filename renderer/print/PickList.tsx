import type { PickList as PickListData, PickRow } from '../../preload/api/printing';
import { Barcode } from './barcode';
import { formatDateTime } from './format';

function Row({ row }: { row: PickRow }) {
  return (
    <section className="pick-row" aria-label={`${row.sku}, ${row.quantity} units`}>
      <div className="pick-head">
        <div className="pick-bin" title="Bin">
          {row.location ?? '—'}
        </div>
        <Barcode value={row.sku} />
        <div className="pick-desc">
          <div className="pick-name">{row.name ?? ''}</div>
          {row.itemCode && <div className="pick-code">Item code {row.itemCode}</div>}
        </div>
        <div className="pick-qty" aria-label="Total quantity">
          {row.quantity}
        </div>
      </div>
      <ul className="pick-orders" aria-label="Orders">
        {row.orders.map((o) => (
          <li key={o.orderId}>
            <Barcode value={o.number} heightMm={7} />
            <span className="pick-order-qty">×{o.quantity}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PickList({ data }: { data: PickListData }) {
  return (
    <article className="pick-list">
      <header className="doc-header">
        <h1>Pick list</h1>
        <dl>
          <dt>Station</dt>
          <dd>{data.station}</dd>
          {data.packer && (
            <>
              <dt>Packer</dt>
              <dd>{data.packer}</dd>
            </>
          )}
          <dt>Printed</dt>
          <dd>{formatDateTime(data.generatedAt)}</dd>
          <dt>Orders</dt>
          <dd>{data.orderCount}</dd>
          <dt>Units</dt>
          <dd>{data.unitCount}</dd>
          <dt>Rows</dt>
          <dd>{data.rows.length}</dd>
        </dl>
        {data.wave && (
          <section className="pick-wave" aria-label={`Wave ${data.wave.id}`}>
            <Barcode value={data.wave.code} heightMm={10} />
            <p>
              Wave {data.wave.id}: scan this on the Pack screen to pack these orders one after
              another.
            </p>
          </section>
        )}
        {data.missing.length > 0 && (
          <p className="doc-warning">Not on this station, left out: {data.missing.join(', ')}</p>
        )}
      </header>
      {data.rows.map((row) => (
        <Row key={`${row.location ?? ''}\u0000${row.sku}`} row={row} />
      ))}
    </article>
  );
}
