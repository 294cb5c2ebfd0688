// This order's shipments and cancellations, with who made them (the audit trail) and, in the
// "Fix a mistake" dialog, a way to change or delete one through the outbox.
import { memo, useState, type FormEvent } from 'react';
import type { OrderView } from '../../../preload/api/orders';
import {
  CANCELLATION_REASONS,
  CARRIERS,
  type CancellationReason,
  type Carrier,
  type PackRecord,
} from '../../../preload/api/pack';
import { clockTime } from '../../store/order-list';
import { usePackStore } from '../../store/pack';
import { REASON_LABELS } from './CancelDialog';
import { Dialog } from './Dialog';

function describe(order: OrderView, r: PackRecord): string {
  const sku = (id: string) => order.lines.find((l) => l.id === id)?.sku ?? `line ${id}`;
  const lines = r.lines.map((l) => `${l.quantity} × ${sku(l.lineId)}`).join(', ');
  if (r.kind === 'fulfillment')
    return `Shipment ${r.carrier ?? ''} ${r.trackingNumber ?? ''}: ${lines}`.replace(/\s+/g, ' ');
  return `Cancellation (${r.reason ? (REASON_LABELS[r.reason as CancellationReason] ?? r.reason) : '?'}): ${lines}`;
}

const STATUS: Record<PackRecord['status'], string> = {
  uploaded: 'On FeedAMP',
  queued: 'Waiting to upload',
  attention: 'Needs attention',
};

function who(r: PackRecord): string {
  if (!r.audit) return 'another station or the marketplace';
  const parts = [r.audit.station, r.audit.packer].filter(Boolean).join(' · ');
  return `${parts || 'this station'} at ${clockTime(r.audit.at)}`;
}

/** Memoised: a scan changes the box, not the order's records. */
export const RecordsList = memo(function RecordsList({
  order,
  records,
}: {
  order: OrderView;
  records: readonly PackRecord[];
}) {
  if (records.length === 0) return null;
  return (
    <section className="card records" aria-labelledby="records-title">
      <h3 id="records-title">Packages and cancellations</h3>
      <ul>
        {records.map((r, i) => (
          <li key={r.id ?? r.entryId ?? i}>
            <span>{describe(order, r)}</span>{' '}
            <span className={`badge ${r.status === 'attention' ? 'badge-danger' : ''}`}>
              {STATUS[r.status]}
              {r.pendingChange ? ` · ${r.pendingChange} waiting` : ''}
            </span>{' '}
            <span className="muted">by {who(r)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
});

function EditRecord({
  order,
  record,
  onDone,
}: {
  order: OrderView;
  record: PackRecord;
  onDone: () => void;
}) {
  const { updateRecord, deleteRecord, busy } = usePackStore();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-edit' | 'confirm-delete'>('view');
  const [quantities, setQuantities] = useState<Record<string, string>>(
    Object.fromEntries(record.lines.map((l) => [l.lineId, String(l.quantity)])),
  );
  const [tracking, setTracking] = useState(record.trackingNumber ?? '');
  const [carrier, setCarrier] = useState<string>(record.carrier ?? '');
  const [reason, setReason] = useState<string>(record.reason ?? '');
  const [problem, setProblem] = useState<string>();
  const sku = (id: string) => order.lines.find((l) => l.id === id)?.sku ?? `line ${id}`;
  const what = record.kind === 'fulfillment' ? 'shipment' : 'cancellation';
  const lines = record.lines
    .map((l) => ({ lineId: l.lineId, quantity: Number(quantities[l.lineId] ?? '0') }))
    .filter((l) => l.quantity > 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    if (mode === 'edit') {
      if (lines.length === 0 || lines.some((l) => !Number.isInteger(l.quantity)))
        return setProblem('Keep at least one unit, in whole numbers — or delete it instead.');
      if (record.kind === 'fulfillment' && !(CARRIERS as readonly string[]).includes(carrier))
        return setProblem('Choose a carrier from the list.');
      return setMode('confirm-edit');
    }
    if (mode === 'confirm-edit') {
      const ok = await updateRecord(record, {
        lines,
        ...(record.kind === 'fulfillment'
          ? { carrier: carrier as Carrier, trackingNumber: tracking.trim() }
          : { reason: reason as CancellationReason }),
      });
      if (ok) onDone();
    }
    if (mode === 'confirm-delete') {
      if (await deleteRecord(record)) onDone();
    }
  }

  if (mode === 'view') {
    return (
      <div className="actions">
        <button type="button" onClick={() => setMode('edit')}>
          Change this {what}
        </button>
        <button type="button" className="danger" onClick={() => setMode('confirm-delete')}>
          Delete this {what}
        </button>
      </div>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="edit-record">
      {mode === 'edit' && (
        <>
          {record.lines.map((l) => (
            <label className="field" key={l.lineId}>
              <span>Units of {sku(l.lineId)}</span>
              <input
                inputMode="numeric"
                value={quantities[l.lineId] ?? ''}
                onChange={(e) => setQuantities({ ...quantities, [l.lineId]: e.target.value })}
              />
            </label>
          ))}
          {record.kind === 'fulfillment' ? (
            <>
              <label className="field">
                <span>Carrier of this shipment</span>
                <select value={carrier} onChange={(e) => setCarrier(e.target.value)}>
                  {CARRIERS.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>Tracking number of this shipment</span>
                <input value={tracking} onChange={(e) => setTracking(e.target.value)} />
              </label>
            </>
          ) : (
            <label className="field">
              <span>Reason of this cancellation</span>
              <select value={reason} onChange={(e) => setReason(e.target.value)}>
                {CANCELLATION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {REASON_LABELS[r]}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
      {mode !== 'edit' && (
        <p role="alert" className="message message-warning">
          {mode === 'confirm-delete'
            ? `Delete this ${what} on FeedAMP? Its units go back to the order.`
            : `Change this ${what} on FeedAMP to ${lines.map((l) => `${l.quantity} × ${sku(l.lineId)}`).join(', ')}?`}
        </p>
      )}
      {problem && (
        <p role="alert" className="message message-error">
          {problem}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className={mode === 'confirm-delete' ? 'danger' : 'primary'}
          disabled={busy}
        >
          {mode === 'edit'
            ? 'Save change'
            : mode === 'confirm-delete'
              ? `Yes, delete the ${what}`
              : `Yes, change the ${what}`}
        </button>
        <button type="button" onClick={() => setMode('view')}>
          Go back
        </button>
      </div>
    </form>
  );
}

export function FixDialog({
  order,
  records,
  onClose,
}: {
  order: OrderView;
  records: readonly PackRecord[];
  onClose: () => void;
}) {
  const fixable = records.filter((r) => r.status === 'uploaded' && r.id && !r.pendingChange);
  return (
    <Dialog title="Fix a mistake" onClose={onClose} className="fix-dialog">
      {records.length === 0 && <p>Nothing has shipped or been cancelled on this order yet.</p>}
      <ul className="fix-list">
        {records.map((r, i) => (
          <li key={r.id ?? r.entryId ?? i}>
            <p>
              {describe(order, r)} — {STATUS[r.status]}
              {r.pendingChange ? ` (${r.pendingChange} waiting to upload)` : ''}, by {who(r)}
            </p>
            {fixable.includes(r) ? (
              <EditRecord order={order} record={r} onDone={onClose} />
            ) : (
              r.status !== 'uploaded' && (
                <p className="muted">Waiting to upload: change it on the Outbox screen.</p>
              )
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
