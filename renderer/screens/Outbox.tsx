// Everything this station has queued for FeedAMP: what waits, what is being sent, what FeedAMP
// refused (with its reason and what to do), and what went up recently. "Upload now" makes every
// waiting entry due at once and shows how far the drain has got.
import { useMemo, useState } from 'react';
import type { OutboxEntryView } from '../../preload/api/outbox';
import { CsvImport } from '../components/outbox/CsvImport';
import { EntryItem } from '../components/outbox/EntryItem';
import { Handover } from '../components/outbox/Handover';
import { orderNumber } from '../store/order-list';
import { useOrdersStore } from '../store/orders';
import { useFeedampOnline } from '../components/online';
import { outboxMessage } from '../components/outbox/message';
import { sectionOf, useOutboxStore, waitingSentence } from '../store/outbox';

const SECTIONS: {
  state: OutboxEntryView['state'];
  title: string;
  empty: string;
}[] = [
  { state: 'attention', title: 'Needs attention', empty: 'Nothing needs attention.' },
  { state: 'pending', title: 'Pending', empty: 'Nothing waiting.' },
  { state: 'sending', title: 'Sending', empty: 'Nothing being sent right now.' },
  { state: 'sent', title: 'Recently sent', empty: 'Nothing uploaded in the last day.' },
];

function UploadProgressBar() {
  const upload = useOutboxStore((s) => s.upload);
  const draining = useOutboxStore((s) => s.counts?.draining ?? false);
  if (!upload && !draining) return null;
  const total = upload?.total ?? 0;
  const done = upload?.done ?? 0;
  const text = upload ? `${done} of ${total} uploaded` : 'Uploading…';
  return (
    <div
      className="progress upload-progress"
      role="progressbar"
      aria-label="Upload progress"
      aria-valuemin={0}
      aria-valuemax={total || undefined}
      aria-valuenow={upload ? done : undefined}
      aria-valuetext={text}
    >
      <span
        className="progress-fill"
        aria-hidden="true"
        style={{ width: total > 0 ? `${Math.round((100 * done) / total)}%` : '100%' }}
      />
      <span className="progress-text">{text}</span>
    </div>
  );
}

export function Outbox() {
  const { counts, entries, loadError, upload, error, notice, uploadNow } = useOutboxStore();
  const orders = useOrdersStore((s) => s.orders);
  const [importing, setImporting] = useState(false);
  const labels = useMemo(() => new Map(orders.map((o) => [o.id, orderNumber(o)])), [orders]);
  const byState = useMemo(() => {
    const groups = new Map<OutboxEntryView['state'], OutboxEntryView[]>();
    const all = Object.values(entries).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const e of all) groups.set(sectionOf(e), [...(groups.get(sectionOf(e)) ?? []), e]);
    // Newest upload first: that is the one a packer looks for.
    groups.get('sent')?.reverse();
    return groups;
  }, [entries]);
  const summary = waitingSentence(counts, entries);
  const online = useFeedampOnline();
  const message = outboxMessage({ counts, loadError, error, notice }, online);

  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <header className="outbox-head">
        <h2 id="outbox-title">Outbox</h2>
        <p role="status" className="outbox-summary">
          {counts && !online ? 'Offline — ' : ''}
          {summary ?? 'Nothing waiting to upload'}
          {counts && counts.sentToday > 0 ? ` · ${counts.sentToday} sent today` : ''}
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!!upload}
            onClick={() => void uploadNow()}
          >
            {upload ? 'Uploading…' : 'Upload now'}
          </button>
          <button type="button" aria-expanded={importing} onClick={() => setImporting(!importing)}>
            Import shipments (CSV)
          </button>
        </div>
      </header>
      <UploadProgressBar />
      {message && (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={`message message-${message.tone}`}
        >
          {message.text}
        </p>
      )}
      {importing && <CsvImport onClose={() => setImporting(false)} />}
      {SECTIONS.map((section) => {
        const list = byState.get(section.state) ?? [];
        const titleId = `outbox-${section.state}`;
        return (
          <section key={section.state} className="outbox-section" aria-labelledby={titleId}>
            <h3 id={titleId}>
              {section.title} <span className="count">({list.length})</span>
            </h3>
            {list.length === 0 ? (
              <p className="muted">{section.empty}</p>
            ) : (
              <ul className="entries" aria-labelledby={titleId}>
                {list.map((e) => (
                  <EntryItem
                    key={e.id}
                    entry={e}
                    orderLabel={e.orderId ? labels.get(e.orderId) : undefined}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <Handover waiting={counts ? counts.queued + counts.attention : 0} />
    </section>
  );
}
