// Cancel lines: which line, how many units, a reason from FeedAMP's list, then confirm.
//
// Keyboard first, because a packer cancels with the scanner in one hand: after C, the line's
// number (skipped when one line is left), the quantity (all that is left unless typed), the
// reason's first letter — then the confirmation names the products and Enter sends it. Several
// lines in one cancellation go through "Several lines…", the full form.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OrderView } from '../../../preload/api/orders';
import {
  CANCELLATION_REASONS,
  type CancellationReason,
  type LineProgressView,
} from '../../../preload/api/pack';
import { usePackStore } from '../../store/pack';
import { Dialog } from './Dialog';

// The labels live with every other value list's, in one place.
export { CANCELLATION_REASON_LABELS as REASON_LABELS } from '../labels';
import { CANCELLATION_REASON_LABELS as REASON_LABELS } from '../labels';

/**
 * The reason a first letter picks: the first whose label starts with it, or — when the current
 * one already does — the next such (c, c: Customer cancelled, then Customer rejected).
 */
export function reasonByLetter(
  letter: string,
  current: CancellationReason | '',
): CancellationReason | undefined {
  const l = letter.toLowerCase();
  const matching = CANCELLATION_REASONS.filter((r) => REASON_LABELS[r].toLowerCase().startsWith(l));
  if (matching.length === 0) return undefined;
  const at = current ? matching.indexOf(current) : -1;
  return matching[(at + 1) % matching.length];
}

const isLetter = (key: string) => /^[a-z]$/i.test(key);

type Step = 'pick' | 'one' | 'several';

export function CancelDialog({
  order,
  lines,
  onClose,
}: {
  order: OrderView;
  lines: readonly LineProgressView[];
  onClose: () => void;
}) {
  const cancelLines = usePackStore((s) => s.cancelLines);
  const busy = usePackStore((s) => s.busy);
  const open = lines.filter((l) => l.left > 0);
  const [step, setStep] = useState<Step>(open.length === 1 ? 'one' : 'pick');
  const [lineId, setLineId] = useState<string | undefined>(
    open.length === 1 ? open[0]!.lineId : undefined,
  );
  const [quantities, setQuantities] = useState<Record<string, string>>(() =>
    open.length === 1 ? { [open[0]!.lineId]: String(open[0]!.left) } : {},
  );
  const [reason, setReason] = useState<CancellationReason | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string>();
  const quantityRef = useRef<HTMLInputElement>(null);
  const yesRef = useRef<HTMLButtonElement>(null);

  const product = (id: string) => {
    const line = order.lines.find((l) => l.id === id);
    const name = line?.name;
    const sku = line?.sku;
    return name && sku ? `${name} (${sku})` : (name ?? sku ?? `line ${id}`);
  };
  const inForm = step === 'one' ? open.filter((l) => l.lineId === lineId) : open;
  const chosenOf = (qs: Record<string, string>) =>
    inForm
      .map((l) => ({ lineId: l.lineId, quantity: Number(qs[l.lineId] ?? '0') }))
      .filter((l) => Number.isInteger(l.quantity) && l.quantity > 0);
  const chosen = chosenOf(quantities);

  // Each step puts the keyboard where the next key goes.
  useEffect(() => {
    if (confirming) yesRef.current?.focus();
    else if (step === 'one') {
      quantityRef.current?.focus();
      quantityRef.current?.select();
    }
  }, [step, confirming]);

  function check(withReason: CancellationReason | '', qs = quantities): boolean {
    setProblem(undefined);
    for (const l of inForm) {
      const q = Number(qs[l.lineId] ?? '0');
      if (!Number.isInteger(q) || q < 0 || q > l.left) {
        setProblem(`${product(l.lineId)}: cancel 0 to ${l.left} units.`);
        return false;
      }
    }
    if (chosenOf(qs).length === 0) {
      setProblem('Type how many units of which line to cancel.');
      return false;
    }
    if (!withReason) {
      setProblem('Choose a reason — type its first letter.');
      return false;
    }
    return true;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!check(reason)) return;
    if (!confirming) return setConfirming(true);
    void cancelLines(chosen, reason as CancellationReason);
  }

  function pick(id: string) {
    const line = open.find((l) => l.lineId === id);
    if (!line) return;
    setLineId(id);
    setQuantities({ [id]: String(line.left) });
    setStep('one');
  }

  /** A letter typed where the quantity goes is the reason: straight on to the confirmation. */
  function letterForReason(letter: string, qs: Record<string, string>) {
    const next = reasonByLetter(letter, reason);
    if (!next) {
      setProblem(`No reason starts with “${letter.toUpperCase()}”.`);
      return;
    }
    setReason(next);
    if (check(next, qs)) setConfirming(true);
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    const target = e.target;
    const inField = target instanceof HTMLInputElement && target.type !== 'radio';
    if (step === 'pick' && !inField && /^[1-9]$/.test(e.key)) {
      const line = open[Number(e.key) - 1];
      if (line) {
        e.preventDefault();
        pick(line.lineId);
      }
      return;
    }
    if (confirming && !inField && isLetter(e.key)) {
      // The same letter again moves on to the next reason it starts (c: Customer rejected).
      e.preventDefault();
      const next = reasonByLetter(e.key, reason);
      if (next) setReason(next);
      return;
    }
    // Enter on the reason list submits too, as it does in the quantity fields.
    if (e.key === 'Enter' && target instanceof HTMLSelectElement) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  }

  function quantityField(l: LineProgressView, index: number) {
    return (
      <label key={l.lineId} className="field">
        <span>
          Units of {product(l.lineId)} to cancel (of {l.left} left)
        </span>
        <input
          ref={step === 'one' && index === 0 ? quantityRef : undefined}
          inputMode="numeric"
          value={quantities[l.lineId] ?? ''}
          onChange={(e) => {
            // Letters typed here pick the reason (one-line step); only digits are a quantity.
            const typed = e.target.value;
            const letter = step === 'one' ? typed.match(/[a-z]/i)?.[0] : undefined;
            const next = {
              ...quantities,
              [l.lineId]: letter ? typed.replace(/\D/g, '') : typed,
            };
            setQuantities(next);
            if (letter) letterForReason(letter, next);
          }}
          placeholder="0"
        />
      </label>
    );
  }

  return (
    <Dialog title="Cancel lines" onClose={onClose}>
      {/* A line's number or a reason's letter works from any field of the form. */}
      {/* eslint-disable-next-line jsx-a11y-x/no-noninteractive-element-interactions */}
      <form onSubmit={submit} className="cancel-form" onKeyDown={onKeyDown}>
        {open.length === 0 && <p>Nothing is left to cancel on this order.</p>}
        {step === 'pick' && open.length > 0 && (
          <div role="group" aria-label="Line to cancel" className="cancel-pick">
            <p>Press the line’s number.</p>
            {open.map((l, i) => (
              <button key={l.lineId} type="button" onClick={() => pick(l.lineId)}>
                {i + 1} · {product(l.lineId)} — {l.left} left
              </button>
            ))}
            <button type="button" onClick={() => setStep('several')}>
              Several lines…
            </button>
          </div>
        )}
        {!confirming && step === 'one' && inForm.map(quantityField)}
        {!confirming && step === 'several' && open.map(quantityField)}
        {!confirming && step !== 'pick' && (
          <label className="field">
            <span>Reason</span>
            <select
              value={reason}
              onChange={(e) => setReason(e.target.value as CancellationReason)}
            >
              <option value="">Choose a reason…</option>
              {CANCELLATION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {REASON_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
        )}
        {!confirming && step === 'one' && (
          <p className="hint">Type the reason’s first letter to go on (O: Out of stock).</p>
        )}
        {confirming && reason && (
          <p role="alert" className="message message-warning">
            Cancel {chosen.map((l) => `${l.quantity} × ${product(l.lineId)}`).join(', ')} —{' '}
            {REASON_LABELS[reason]}? This is sent to the marketplace. Enter to confirm; the reason’s
            letter again for the next reason.
          </p>
        )}
        {problem && (
          <p role="alert" className="message message-error">
            {problem}
          </p>
        )}
        {step !== 'pick' && (
          <div className="actions">
            <button
              ref={yesRef}
              type="submit"
              className="danger"
              disabled={busy || open.length === 0}
            >
              {confirming ? 'Yes, cancel these units' : 'Cancel these units'}
            </button>
            {confirming && (
              <button type="button" onClick={() => setConfirming(false)}>
                Go back
              </button>
            )}
          </div>
        )}
      </form>
    </Dialog>
  );
}
