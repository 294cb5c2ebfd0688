// One return at the desk: who sent it, the lines with their reasons, requested refunds, label
// costs and tracking, the original order, and the two decisions — run the channel's operation
// (authorize) and refund lines. Both are queued by the outbox; amounts are checked by main.
import { useEffect, useRef, useState } from 'react';
import { money as formatMoney } from '../../common/format';
import type { ReturnView as ReturnViewData } from '../../preload/api/returns';
import { dateTime as shortDateTime } from '../components/format';
import {
  labelOf,
  OPERATION_LABELS,
  orderStateLabel,
  OUTBOX_STATE_LABELS,
  readable,
  returnTypeLabel,
} from '../components/labels';
import { useNow } from '../components/useNow';
import { returnLabel, useReturnsStore } from '../store/returns';
import { FeedampDetails } from '../components/FeedampDetails';
import { describeEntry } from '../components/outbox/describe';
import { RefundForm } from '../components/returns/RefundForm';
import { RespondBy } from './Returns';
import { Outcome } from '../components/Outcome';

const money = (n: number | undefined, currency?: string) =>
  n === undefined ? '—' : formatMoney(n, currency);

function Facts({ ret }: { ret: ReturnViewData }) {
  const now = useNow();
  const rows: [string, React.ReactNode][] = [
    ['RMA', ret.rma],
    ['Return number', ret.marketplaceReturnNumber],
    ['Merchant return number', ret.merchantReturnNumber],
    ['Order', ret.marketplaceOrderNumber ?? ret.customerOrderNumber],
    ['Marketplace', ret.marketplace],
    ['State', ret.state && readable(ret.state)],
    ['Type', ret.returnType && returnTypeLabel(ret.returnType)],
    [
      'Pre-authorized',
      ret.preAuthorized === undefined ? undefined : ret.preAuthorized ? 'Yes' : 'No',
    ],
    ['Requested', ret.requestDate && shortDateTime(ret.requestDate)],
    ['Respond by', ret.respondBy && <RespondBy ms={Date.parse(ret.respondBy)} now={now} />],
    ['Customer', ret.customer?.name ?? ret.customerName],
    ['Email', ret.customer?.email],
    ['Phone', ret.customer?.phone],
    ['Customer notes', ret.notes],
  ];
  return (
    <>
      <dl className="facts">
        {rows
          .filter((r) => !!r[1])
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <FeedampDetails
        rows={[
          ['FeedAMP return id', ret.id],
          ['FeedAMP order id', ret.orderId],
          ['Marketplace state', ret.marketplaceState],
          ['State code', ret.state],
          ['Return type code', ret.returnType],
        ]}
      />
    </>
  );
}

function Lines({ ret, currency }: { ret: ReturnViewData; currency?: string }) {
  return (
    <table className="lines" aria-label="Returned lines">
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col">Reason</th>
          <th scope="col" className="num">
            Requested refund
          </th>
          <th scope="col" className="num">
            Label cost
          </th>
          <th scope="col">Tracking</th>
          <th scope="col" className="num">
            Refunded here
          </th>
        </tr>
      </thead>
      <tbody>
        {ret.lines.map((l) => (
          <tr key={l.id}>
            <td className="mono">{l.sku ?? '—'}</td>
            <td>{l.name ?? '—'}</td>
            <td className="num">{l.quantity}</td>
            <td>{readable(l.reason)}</td>
            <td className="num">{money(l.requestedRefund, currency)}</td>
            <td className="num">{money(l.labelCost, currency)}</td>
            <td className="mono">
              {l.trackingNumber ? `${l.carrier ? `${l.carrier} ` : ''}${l.trackingNumber}` : '—'}
            </td>
            <td className="num">
              {l.refundedByStation ? money(l.refundedByStation, currency) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operations({ ret }: { ret: ReturnViewData }) {
  const runOperation = useReturnsStore((s) => s.runOperation);
  const [result, setResult] = useState<{ ok: boolean; message: string }>();
  return (
    <div className="card actions">
      <h3>Decision</h3>
      {ret.operations.map((o) => (
        <button key={o.op} type="button" onClick={() => void runOperation(o.op).then(setResult)}>
          {o.label === o.op ? labelOf(OPERATION_LABELS, o.op) : o.label}
        </button>
      ))}
      {result && <Outcome ok={result.ok} text={result.message} />}
    </div>
  );
}

function Activity({ ret }: { ret: ReturnViewData }) {
  if (ret.activity.length === 0) return null;
  return (
    <section aria-labelledby="activity-title">
      <h3 id="activity-title">Sent from this station</h3>
      <ul aria-label="Return activity">
        {ret.activity.map((a) => (
          <li key={a.id}>
            {describeEntry(a, undefined, returnLabel(ret))} — {OUTBOX_STATE_LABELS[a.state]}
            {a.error ? `: ${a.error}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OriginalOrder({ ret }: { ret: ReturnViewData }) {
  const order = ret.order;
  if (!order)
    return (
      <p className="muted">
        The original order is not on this station and FeedAMP did not send it.
      </p>
    );
  return (
    <section aria-labelledby="order-title">
      <h3 id="order-title">
        Original order {order.marketplaceOrderNumber ?? order.customerOrderNumber ?? ''}
      </h3>
      <p className="muted">
        {[
          order.purchaseDate && `Ordered ${shortDateTime(order.purchaseDate)}`,
          order.state && orderStateLabel(order.state),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <table className="lines" aria-label="Original order lines">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Shipping
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l, i) => (
            <tr key={l.id ?? i}>
              <td className="mono">{l.sku ?? '—'}</td>
              <td>{l.name ?? '—'}</td>
              <td className="num">{l.quantity}</td>
              <td className="num">{money(l.unitPrice, order.currency)}</td>
              <td className="num">{money(l.shippingPrice, order.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReturnView() {
  const { openId, detail, detailError, close } = useReturnsStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [detail?.id]);

  return (
    <section aria-labelledby="return-title" className="return-view">
      <p>
        <button type="button" onClick={close}>
          Back to returns
        </button>
      </p>
      {detailError && (
        <p role="alert" className="message message-error">
          {detailError}
        </p>
      )}
      {!detail ? (
        !detailError && (
          <p className="busy" data-return-id={openId}>
            Opening the return…
          </p>
        )
      ) : (
        <>
          <h2 id="return-title" ref={heading} tabIndex={-1}>
            Return {returnLabel(detail)}
          </h2>
          {detail.source === 'cache' && (
            <p className="muted">Offline — showing the copy synced to this station.</p>
          )}
          <Facts ret={detail} />
          <Lines ret={detail} currency={detail.order?.currency} />
          <Operations ret={detail} />
          <RefundForm key={detail.id} ret={detail} currency={detail.order?.currency} />
          <Activity ret={detail} />
          <OriginalOrder ret={detail} />
        </>
      )}
    </section>
  );
}
