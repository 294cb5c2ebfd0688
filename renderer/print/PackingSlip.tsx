import type {
  PackingSlip as Slip,
  PackingSlips as SlipsData,
  SlipSeller,
} from '../../preload/api/printing';
import { Barcode } from './barcode';
import { formatDate } from './format';
import { nounFor, UNIT } from '../../common/format';

/** The customer's document: from the seller (Settings → Printing), never the station or FeedAMP. */
function PackingSlip({ slip, seller }: { slip: Slip; seller?: SlipSeller }) {
  const numbers: [string, string | undefined][] = [
    ['Order', slip.marketplaceOrderNumber],
    ['Customer order', slip.customerOrderNumber],
    ['Merchant order', slip.merchantOrderNumber],
  ];
  return (
    <article className="slip" aria-label={`Packing slip ${slip.scanNumber}`}>
      <header className="slip-header">
        <div className="slip-seller">
          {seller?.logo && <img className="slip-logo" src={seller.logo} alt="" />}
          <div>
            {seller?.name && <p className="slip-seller-name">{seller.name}</p>}
            <h1>Packing slip</h1>
            {slip.marketplace && <p className="slip-from">Ordered on {slip.marketplace}</p>}
          </div>
        </div>
        <Barcode value={slip.scanNumber} heightMm={10} />
      </header>
      <div className="slip-info">
        <section className="slip-ship-to" aria-label="Ship to">
          <h2>Ship to</h2>
          {slip.shipTo ? (
            <address>
              {slip.shipTo.name && <strong>{slip.shipTo.name}</strong>}
              {slip.shipTo.lines.map((l, i) => (
                <span key={i}>{l}</span>
              ))}
              {slip.shipTo.phone && <span>{slip.shipTo.phone}</span>}
            </address>
          ) : (
            <p>No shipping address on this order.</p>
          )}
        </section>
        <dl className="slip-numbers">
          {numbers
            .filter((n): n is [string, string] => !!n[1])
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          {slip.purchaseDate && (
            <div>
              <dt>Ordered</dt>
              <dd>{formatDate(slip.purchaseDate)}</dd>
            </div>
          )}
          {slip.shippingMethod && (
            <div>
              <dt>Shipping</dt>
              <dd>{slip.shippingMethod}</dd>
            </div>
          )}
        </dl>
      </div>
      <table className="slip-lines">
        <thead>
          <tr>
            <th className="num">Qty</th>
            <th>SKU</th>
            <th>Item</th>
          </tr>
        </thead>
        <tbody>
          {slip.lines.map((l, i) => (
            <tr key={i}>
              <td className="num">{l.quantity}</td>
              <td className="slip-sku">{l.sku ?? ''}</td>
              <td>
                {l.name ?? ''}
                {l.itemCode && <span className="slip-code"> · {l.itemCode}</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td className="num">{slip.unitCount}</td>
            <td colSpan={2}>{nounFor(slip.unitCount, UNIT)}</td>
          </tr>
        </tfoot>
      </table>
      {slip.giftMessage && (
        <section className="slip-note slip-gift" aria-label="Gift message">
          <h2>Gift message</h2>
          <p>{slip.giftMessage}</p>
        </section>
      )}
      {slip.deliveryNotes && (
        <section className="slip-note" aria-label="Delivery notes">
          <h2>Delivery notes</h2>
          <p>{slip.deliveryNotes}</p>
        </section>
      )}
      {seller && seller.returnAddress.length > 0 && (
        <section className="slip-return" aria-label="Return address">
          <h2>Returns</h2>
          <address>
            {seller.name && <span>{seller.name}</span>}
            {seller.returnAddress.map((l, i) => (
              <span key={i}>{l}</span>
            ))}
          </address>
        </section>
      )}
    </article>
  );
}

export function PackingSlips({ data }: { data: SlipsData }) {
  return (
    <>
      {data.missing.length > 0 && (
        <p className="doc-warning">Not on this station, left out: {data.missing.join(', ')}</p>
      )}
      {data.slips.map((slip) => (
        <PackingSlip key={slip.orderId} slip={slip} seller={data.seller} />
      ))}
    </>
  );
}
