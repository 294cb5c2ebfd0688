// One outbox entry as the packer reads it: what it is, for which order, where it stands, and —
// when FeedAMP refused it — FeedAMP's own reason with what can be done about it.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OutboxEntryView } from '../../../preload/api/outbox';
import { CARRIER_NAMES, useOutboxStore } from '../../store/outbox';
import { FeedampDetails } from '../FeedampDetails';
import { whenShort as clockTime } from '../format';
import { describeEntry } from './describe';

function FixShipment({ entry, onDone }: { entry: OutboxEntryView; onDone: () => void }) {
  const fixShipment = useOutboxStore((s) => s.fixShipment);
  const [carrier, setCarrier] = useState(entry.carrier ?? '');
  const [tracking, setTracking] = useState(entry.trackingNumber ?? '');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!tracking.trim()) {
      setProblem('Scan or type the tracking number.');
      return;
    }
    setBusy(true);
    const ok = await fixShipment(entry.id, carrier, tracking.trim());
    setBusy(false);
    if (ok) onDone();
  }
  return (
    <form className="fix" aria-label="Fix shipment" onSubmit={(e) => void submit(e)}>
      <label>
        Carrier
        <select value={carrier} onChange={(e) => setCarrier(e.target.value)}>
          {!CARRIER_NAMES.some((c) => c === carrier) && <option value="">Choose…</option>}
          {CARRIER_NAMES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tracking number
        <input
          value={tracking}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setTracking(e.target.value);
            setProblem(undefined);
          }}
        />
      </label>
      {problem && <span className="field-error">{problem}</span>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save and upload
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AttentionActions({ entry }: { entry: OutboxEntryView }) {
  const retry = useOutboxStore((s) => s.retry);
  const discard = useOutboxStore((s) => s.discard);
  const [mode, setMode] = useState<'fix' | 'discard'>();
  const [busy, setBusy] = useState(false);
  const isShipment = entry.kind === 'fulfillment.create' && entry.trackingNumber !== undefined;
  const run = async (action: () => Promise<boolean>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  if (mode === 'fix') return <FixShipment entry={entry} onDone={() => setMode(undefined)} />;
  if (mode === 'discard') {
    const questionId = `discard-${entry.id}`;
    return (
      <div role="alertdialog" aria-labelledby={questionId} className="confirm">
        <p id={questionId}>This will not be uploaded. Discard?</p>
        <div className="actions">
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void run(() => discard(entry.id))}
          >
            Yes, discard
          </button>
          <button type="button" disabled={busy} onClick={() => setMode(undefined)}>
            Keep it
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="actions">
      <button type="button" disabled={busy} onClick={() => void run(() => retry(entry.id))}>
        Retry
      </button>
      {isShipment && (
        <button type="button" disabled={busy} onClick={() => setMode('fix')}>
          Fix
        </button>
      )}
      <button type="button" disabled={busy} onClick={() => setMode('discard')}>
        Discard
      </button>
    </div>
  );
}

/**
 * A sent package FeedAMP shows past its order with another station's. It is on FeedAMP, so there
 * is no Retry: the packer withdraws this station's package (a delete queued like every upload)
 * or, after a question, keeps both.
 */
function OverShipActions({ entry }: { entry: OutboxEntryView }) {
  const withdraw = useOutboxStore((s) => s.withdraw);
  const keepBoth = useOutboxStore((s) => s.keepBoth);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    // Keyboard users land on the question's answer, and back on "Keep both" when they leave it.
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) keepRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const run = async (action: () => Promise<boolean>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  if (asking) {
    const questionId = `keep-both-${entry.id}`;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        setAsking(false);
      }
    };
    return (
      // The alert dialog pattern: Esc answers "no" from any of its buttons.
      // eslint-disable-next-line jsx-a11y-x/no-noninteractive-element-interactions
      <div
        role="alertdialog"
        aria-labelledby={questionId}
        className="confirm"
        onKeyDown={onKeyDown}
      >
        <p id={questionId}>
          Both packages stay on FeedAMP, more than was ordered. Keep both only if both really went
          out?
        </p>
        <div className="actions">
          <button
            ref={confirmRef}
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void run(() => keepBoth(entry.id))}
          >
            Yes, keep both
          </button>
          <button type="button" disabled={busy} onClick={() => setAsking(false)}>
            Back
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="actions">
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => void run(() => withdraw(entry.id))}
      >
        Withdraw this package
      </button>
      <button ref={keepRef} type="button" disabled={busy} onClick={() => setAsking(true)}>
        Keep both
      </button>
    </div>
  );
}

export function EntryItem({
  entry,
  orderLabel,
}: {
  entry: OutboxEntryView;
  /** The number the packer knows the order by, when this station has it. */
  orderLabel?: string;
}) {
  const overShipped = entry.state === 'sent' && entry.overShipped;
  const when =
    entry.state === 'sent' && entry.sentAt
      ? `Uploaded ${clockTime(entry.sentAt)}`
      : `Queued ${clockTime(entry.createdAt)}`;
  const description = describeEntry(entry, orderLabel);
  return (
    <li
      className={`entry entry-${overShipped ? 'attention' : entry.state}`}
      aria-label={description}
    >
      <div className="entry-head">
        <strong>{description}</strong>
        <span className="muted">{when}</span>
      </div>
      {entry.state === 'attention' && (
        <p className="entry-reason">
          {entry.error ?? 'FeedAMP gave no reason; try again, or discard it.'}
        </p>
      )}
      {entry.state === 'pending' && entry.error && (
        <p className="muted">
          Last try: {entry.error}
          {entry.nextAttemptAt && ` — trying again at ${clockTime(entry.nextAttemptAt)}`}
        </p>
      )}
      {overShipped && (
        <p className="entry-reason">
          {entry.overShipped} Withdraw this package from FeedAMP, or keep both if both really went
          out.
        </p>
      )}
      {entry.state === 'sent' && !overShipped && entry.note && (
        <p className="muted">{entry.note}</p>
      )}
      <FeedampDetails
        rows={[
          ['FeedAMP order id', entry.orderId],
          ['FeedAMP return id', entry.returnId],
          ['FeedAMP id of the upload', entry.resultId],
          ['As queued', entry.description !== description ? entry.description : undefined],
        ]}
      />
      {entry.state === 'attention' && <AttentionActions entry={entry} />}
      {overShipped && <OverShipActions entry={entry} />}
    </li>
  );
}
