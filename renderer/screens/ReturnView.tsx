// One return at the desk: who sent it, the lines with their reasons, requested refunds, label
// costs and tracking, the original order, and the two decisions — run the channel's operation
// (authorize) and refund lines. Both are queued by the outbox; amounts are checked by main.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { money as formatMoney } from '../../common/format';
import type { ReturnLineView, ReturnView as ReturnViewData } from '../../preload/api/returns';
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
import { RespondBy } from './Returns';

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

interface Draft {
  chosen: boolean;
  item: string;
  shipping: string;
  notes: string;
  full: boolean;
}

const draftFor = (l: ReturnLineView): Draft => ({
  chosen: false,
  item:
    l.maxItemRefund !== undefined
      ? Math.max(0, l.maxItemRefund - l.refundedByStation).toFixed(2)
      : '',
  shipping: '',
  notes: '',
  full: false,
});

function parseAmount(text: string): number | undefined | 'bad' {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : 'bad';
}

/** Every line refunded as far as it can be without an override: nothing left for the form. */
function fullyRefunded(lines: readonly ReturnLineView[]): boolean {
  return (
    lines.length > 0 &&
    lines.every(
      (l) => l.maxItemRefund !== undefined && l.refundedByStation >= l.maxItemRefund - 0.005,
    )
  );
}

function RefundForm({ ret, currency }: { ret: ReturnViewData; currency?: string }) {
  const refund = useReturnsStore((s) => s.refund);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [override, setOverride] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string }>();
  const [busy, setBusy] = useState(false);
  // Closed after a full refund (every line, or "Full refund" on each); reopened only on purpose.
  const [closed, setClosed] = useState(() => fullyRefunded(ret.lines));
  const [reopened, setReopened] = useState(false);
  const done = closed || (!reopened && result?.ok === true && fullyRefunded(ret.lines));
  const draft = (l: ReturnLineView) => drafts[l.id] ?? draftFor(l);
  const patch = (l: ReturnLineView, p: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [l.id]: { ...draft(l), ...p } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = ret.lines.filter((l) => draft(l).chosen);
    if (chosen.length === 0) {
      setResult({ ok: false, message: 'Tick the lines to refund first.' });
      return;
    }
    const lines = [];
    for (const l of chosen) {
      const d = draft(l);
      const item = parseAmount(d.item);
      const shipping = parseAmount(d.shipping);
      if (item === 'bad' || shipping === 'bad') {
        setResult({ ok: false, message: `${l.sku ?? 'A line'}: amounts are numbers like 12.50.` });
        return;
      }
      lines.push({
        lineId: l.id,
        ...(item !== undefined && { itemRefund: item }),
        ...(shipping !== undefined && { shippingRefund: shipping }),
        ...(d.notes.trim() && { notes: d.notes.trim() }),
        ...(d.full && { fullRefund: true }),
      });
    }
    setBusy(true);
    const r = await refund(lines, override);
    setBusy(false);
    setResult(r);
    if (r.ok) {
      setDrafts({});
      setOverride(false);
      if (chosen.length === ret.lines.length && chosen.every((l) => draft(l).full)) setClosed(true);
    }
  }

  if (done)
    return (
      <section className="card" aria-labelledby="refund-title">
        <h3 id="refund-title">Refund</h3>
        {result?.ok && (
          <p role="status" className="message message-ok">
            {result.message}
          </p>
        )}
        <p>Every line of this return is refunded.</p>
        <button
          type="button"
          onClick={() => {
            setClosed(false);
            setReopened(true);
            setResult(undefined);
          }}
        >
          Refund more…
        </button>
      </section>
    );

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="refund-title" className="card">
      <h3 id="refund-title">Refund lines</h3>
      {ret.lines.map((l) => {
        const d = draft(l);
        const name = l.sku ?? l.name ?? l.id;
        return (
          <fieldset key={l.id} className="field-row">
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={d.chosen}
                  onChange={(e) => patch(l, { chosen: e.target.checked })}
                />{' '}
                Refund {name}
              </label>
            </legend>
            <div className="field">
              <label htmlFor={`item-${l.id}`}>Item refund for {name}</label>
              <input
                id={`item-${l.id}`}
                aria-describedby={`item-hint-${l.id}`}
                inputMode="decimal"
                value={d.item}
                onChange={(e) => patch(l, { item: e.target.value, chosen: true })}
              />
              <span className="field-hint" id={`item-hint-${l.id}`}>
                {l.maxItemRefund !== undefined
                  ? `At most ${money(l.maxItemRefund, currency)}${l.refundedByStation ? `; ${money(l.refundedByStation, currency)} refunded already` : ''}`
                  : 'FeedAMP gives no price for this line'}
              </span>
            </div>
            <label className="field">
              <span>Shipping refund for {name}</span>
              <input
                inputMode="decimal"
                value={d.shipping}
                onChange={(e) => patch(l, { shipping: e.target.value, chosen: true })}
              />
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={d.full}
                onChange={(e) => patch(l, { full: e.target.checked, chosen: true })}
              />{' '}
              Full refund of {name}
            </label>
            <label className="field">
              <span>Notes for {name}</span>
              <input value={d.notes} onChange={(e) => patch(l, { notes: e.target.value })} />
            </label>
          </fieldset>
        );
      })}
      <label>
        <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />{' '}
        Refund more than requested or paid (override)
      </label>
      <p>
        <button type="submit" disabled={busy}>
          Queue refund
        </button>
      </p>
      {result && (
        <p
          role={result.ok ? 'status' : 'alert'}
          className={`message ${result.ok ? 'message-ok' : 'message-error'}`}
        >
          {result.message}
        </p>
      )}
    </form>
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
      {result && (
        <p
          role={result.ok ? 'status' : 'alert'}
          className={`message ${result.ok ? 'message-ok' : 'message-error'}`}
        >
          {result.message}
        </p>
      )}
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
