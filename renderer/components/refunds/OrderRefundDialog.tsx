// Refund an order: lines with reason, quantity and amounts (item, item tax, shipping, shipping
// tax, discount) in the order's currency, with notes. Main checks the amounts against what was
// paid and already refunded, gives the refund Packline's own number and queues it in the outbox.
// Refunds already on the order (FeedAMP's, when it answers, and this station's) are listed.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ORDER_REFUND_REASONS, type OrderRefunds } from '../../../preload/api/returns';
import { bridge } from '../../bridge/api';
import { sentence } from '../../bridge/sentence';
import { ORDER_REFUND_REASON_LABELS, REFUND_STATE_LABELS } from '../labels';
import { Outcome } from '../Outcome';

const AMOUNTS = [
  ['item', 'Item'],
  ['itemTax', 'Item tax'],
  ['shipping', 'Shipping'],
  ['shippingTax', 'Shipping tax'],
  ['discount', 'Discount'],
] as const;
type AmountKey = (typeof AMOUNTS)[number][0];

interface Draft {
  chosen: boolean;
  quantity: string;
  amounts: Record<AmountKey, string>;
  notes: string;
}

function emptyDraft(line: OrderRefunds['lines'][number]): Draft {
  const left = Math.max(0, line.quantity - line.refundedQuantity);
  return {
    chosen: false,
    quantity: String(Math.min(1, left)),
    amounts: {
      item: line.unitPrice !== undefined ? line.unitPrice.toFixed(2) : '',
      itemTax: '',
      shipping: '',
      shippingTax: '',
      discount: '',
    },
    notes: '',
  };
}

function amount(text: string): number | 'bad' {
  const t = text.trim();
  if (!t) return 0;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : 'bad';
}

/**
 * What a line refunds, summed as main checks it: item, item tax, shipping and shipping tax (the
 * amounts are for the line, not per unit). The discount refund is reported with the line but is
 * not money back, so it is not added. Undefined while an amount is not a number.
 */
export function lineTotal(d: Draft): number | undefined {
  if (!d.chosen) return 0;
  const v = Object.fromEntries(AMOUNTS.map(([k]) => [k, amount(d.amounts[k])]));
  if (Object.values(v).includes('bad')) return undefined;
  const n = v as Record<AmountKey, number>;
  return n.item + n.itemTax + n.shipping + n.shippingTax;
}

export function OrderRefundDialog({
  orderId,
  orderLabel,
  onClose,
}: {
  orderId: string;
  orderLabel: string;
  onClose: () => void;
}) {
  const [data, setData] = useState<OrderRefunds>();
  const [loadError, setLoadError] = useState<string>();
  const [reason, setReason] = useState<string>('customer_return');
  const [notes, setNotes] = useState('');
  const [override, setOverride] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [result, setResult] = useState<{ ok: boolean; message: string }>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      bridge()
        .call('orders.refunds.list', { orderId })
        .then((d) => {
          setData(d);
          setLoadError(undefined);
        })
        .catch((e: unknown) => setLoadError(sentence(e))),
    [orderId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const draftOf = (l: OrderRefunds['lines'][number]) => drafts[l.lineId] ?? emptyDraft(l);
  const patch = (l: OrderRefunds['lines'][number], p: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [l.lineId]: { ...draftOf(l), ...p } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!data) return;
    const lines = [];
    for (const l of data.lines) {
      const d = draftOf(l);
      if (!d.chosen) continue;
      const values = Object.fromEntries(AMOUNTS.map(([k]) => [k, amount(d.amounts[k])])) as Record<
        AmountKey,
        number | 'bad'
      >;
      const quantity = Number(d.quantity);
      if (Object.values(values).includes('bad') || !Number.isInteger(quantity) || quantity < 1) {
        setResult({
          ok: false,
          message: `${l.sku ?? 'A line'}: the quantity is a whole number and amounts are numbers like 12.50.`,
        });
        return;
      }
      const v = values as Record<AmountKey, number>;
      lines.push({
        lineId: l.lineId,
        quantity,
        itemRefund: v.item,
        itemTaxRefund: v.itemTax,
        shippingRefund: v.shipping,
        shippingTaxRefund: v.shippingTax,
        discountRefund: v.discount,
        ...(d.notes.trim() && { notes: d.notes.trim() }),
      });
    }
    if (lines.length === 0) {
      setResult({ ok: false, message: 'Tick the lines to refund first.' });
      return;
    }
    setBusy(true);
    try {
      const r = await bridge().call('orders.refund', {
        orderId,
        reason,
        lines,
        ...(notes.trim() && { notes: notes.trim() }),
        override,
      });
      setResult({
        ok: true,
        message: `Refund ${r.cpRefundNumber} queued. It uploads in the background.`,
      });
      setDrafts({});
      setOverride(false);
      void load();
    } catch (error) {
      setResult({ ok: false, message: sentence(error) });
    } finally {
      setBusy(false);
    }
  }

  const cur = data?.currency ? `${data.currency} ` : '';
  const totals = (data?.lines ?? []).map((l) => lineTotal(draftOf(l)));
  const runningTotal = totals.includes(undefined)
    ? undefined
    : totals.reduce<number>((a, b) => a + (b ?? 0), 0);
  return (
    <div className="card" role="dialog" aria-modal="false" aria-labelledby="order-refund-title">
      <h3 id="order-refund-title">Refund order {orderLabel}</h3>
      {loadError && (
        <p role="alert" className="message message-error">
          {loadError}
        </p>
      )}
      {!data && !loadError && <p className="busy">Loading the order’s refunds…</p>}
      {data && (
        <form onSubmit={(e) => void submit(e)}>
          {data.message && <p className="message message-warning">{data.message}</p>}
          <section aria-label="Refunds on this order">
            {data.refunds.length === 0 ? (
              <p className="muted">No refunds on this order yet.</p>
            ) : (
              <ul aria-label="Refunds already on this order">
                {data.refunds.map((r, i) => (
                  <li key={r.cpRefundNumber ?? r.id ?? i}>
                    {r.cpRefundNumber ?? r.id} — {cur}
                    {r.total.toFixed(2)} ({REFUND_STATE_LABELS[r.state]})
                  </li>
                ))}
              </ul>
            )}
          </section>
          <label className="field">
            <span>Reason</span>
            <select value={reason} onChange={(e) => setReason(e.target.value)}>
              {ORDER_REFUND_REASONS.map((r) => (
                <option key={r} value={r}>
                  {ORDER_REFUND_REASON_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <table className="lines refund-lines" aria-label="Lines to refund">
            <thead>
              <tr>
                <th scope="col">Refund</th>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                {AMOUNTS.map(([key, label]) => (
                  <th scope="col" className="num" key={key}>
                    {label}
                  </th>
                ))}
                <th scope="col">Notes</th>
                <th scope="col" className="num">
                  Line total
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((l) => {
                const d = draftOf(l);
                const name = l.sku ?? l.name ?? 'this line';
                const total = lineTotal(d);
                return (
                  <tr key={l.lineId} className={d.chosen ? 'is-chosen' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Refund ${name}`}
                        checked={d.chosen}
                        onChange={(e) => patch(l, { chosen: e.target.checked })}
                      />
                    </td>
                    <td>
                      <strong>{l.sku ?? '—'}</strong> {l.name && <span>{l.name}</span>}
                      <small className="field-hint">
                        {' '}
                        {l.quantity} bought at {cur}
                        {l.unitPrice?.toFixed(2) ?? '?'}
                        {l.paidShipping ? `, shipping ${cur}${l.paidShipping.toFixed(2)}` : ''}
                        {l.refundedQuantity
                          ? ` · ${l.refundedQuantity} refunded (${cur}${l.refundedTotal.toFixed(2)})`
                          : ''}
                      </small>
                    </td>
                    <td className="num">
                      <input
                        className="amount"
                        aria-label={`Quantity of ${name}`}
                        inputMode="numeric"
                        size={3}
                        value={d.quantity}
                        onChange={(e) => patch(l, { quantity: e.target.value, chosen: true })}
                      />
                    </td>
                    {AMOUNTS.map(([key, label]) => (
                      <td className="num" key={key}>
                        <input
                          className="amount"
                          aria-label={`${label} refund for ${name}`}
                          inputMode="decimal"
                          size={7}
                          value={d.amounts[key]}
                          onChange={(e) =>
                            patch(l, {
                              amounts: { ...d.amounts, [key]: e.target.value },
                              chosen: true,
                            })
                          }
                        />
                      </td>
                    ))}
                    <td>
                      <input
                        aria-label={`Notes for ${name}`}
                        value={d.notes}
                        onChange={(e) => patch(l, { notes: e.target.value })}
                      />
                    </td>
                    <td className="num">
                      {total === undefined ? '—' : `${cur}${total.toFixed(2)}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={AMOUNTS.length + 4}>
                  Refund total <small className="field-hint">(discount refunds not added)</small>
                </th>
                <td className="num" aria-label="Refund total">
                  {runningTotal === undefined
                    ? 'Check the amounts'
                    : `${cur}${runningTotal.toFixed(2)}`}
                </td>
              </tr>
            </tfoot>
          </table>
          <label className="field">
            <span>Refund notes</span>
            <input value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={override}
              onChange={(e) => setOverride(e.target.checked)}
            />
            Refund more than was paid (override)
          </label>
          <p className="actions">
            <button type="submit" disabled={busy}>
              Queue refund
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </p>
          {result && <Outcome ok={result.ok} text={result.message} />}
        </form>
      )}
    </div>
  );
}
