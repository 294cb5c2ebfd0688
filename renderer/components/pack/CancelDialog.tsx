// Cancel lines: which lines, how many units, a reason from FeedAMP's list, then confirm.
import { useState, type FormEvent } from 'react';
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
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [reason, setReason] = useState<CancellationReason | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string>();

  const chosen = open
    .map((l) => ({ lineId: l.lineId, quantity: Number(quantities[l.lineId] ?? '0') }))
    .filter((l) => Number.isInteger(l.quantity) && l.quantity > 0);
  const sku = (id: string) => order.lines.find((l) => l.id === id)?.sku ?? `line ${id}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    for (const l of open) {
      const q = Number(quantities[l.lineId] ?? '0');
      if (!Number.isInteger(q) || q < 0 || q > l.left) {
        setProblem(`${sku(l.lineId)}: cancel 0 to ${l.left} units.`);
        return;
      }
    }
    if (chosen.length === 0) return setProblem('Type how many units of which line to cancel.');
    if (!reason) return setProblem('Choose a reason.');
    if (!confirming) return setConfirming(true);
    void cancelLines(chosen, reason);
  }

  return (
    <Dialog title="Cancel lines" onClose={onClose}>
      <form
        onSubmit={submit}
        className="cancel-form"
        onKeyDown={(e) => {
          // Enter on the reason list submits too, as it does in the quantity fields.
          if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
      >
        {open.length === 0 && <p>Nothing is left to cancel on this order.</p>}
        {!confirming &&
          open.map((l) => (
            <label key={l.lineId} className="field">
              <span>
                Units of {sku(l.lineId)} to cancel (of {l.left} left)
              </span>
              <input
                inputMode="numeric"
                value={quantities[l.lineId] ?? ''}
                onChange={(e) => setQuantities({ ...quantities, [l.lineId]: e.target.value })}
                placeholder="0"
              />
            </label>
          ))}
        {!confirming && (
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
        {confirming && reason && (
          <p role="alert" className="message message-warning">
            Cancel {chosen.map((l) => `${l.quantity} × ${sku(l.lineId)}`).join(', ')} (
            {REASON_LABELS[reason]})? This is sent to the marketplace.
          </p>
        )}
        {problem && (
          <p role="alert" className="message message-error">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="danger" disabled={busy || open.length === 0}>
            {confirming ? 'Yes, cancel these units' : 'Cancel these units'}
          </button>
          {confirming && (
            <button type="button" onClick={() => setConfirming(false)}>
              Go back
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
