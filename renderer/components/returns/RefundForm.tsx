// The refund form of the Returns desk: which lines to refund, item and shipping amounts (the
// most still refundable offered), notes, and the override for amounts over what FeedAMP allows.
// The refund is queued by the outbox; amounts are checked by main.
import { useState, type FormEvent } from 'react';
import { money as formatMoney } from '../../../common/format';
import type { ReturnLineView, ReturnView as ReturnViewData } from '../../../preload/api/returns';
import { useReturnsStore } from '../../store/returns';
import { Outcome } from '../Outcome';

const money = (n: number | undefined, currency?: string) =>
  n === undefined ? '—' : formatMoney(n, currency);

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

export function RefundForm({ ret, currency }: { ret: ReturnViewData; currency?: string }) {
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
      {result && <Outcome ok={result.ok} text={result.message} />}
    </form>
  );
}
