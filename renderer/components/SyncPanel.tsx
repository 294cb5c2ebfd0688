// The header's view of sync: online or not, a "Sync now" button, progress while it runs, when it
// last succeeded, and which orders the last run skipped.
import { whenShort } from './format';
import { useSyncStore } from '../store/sync';
import { useFeedampOnline } from './online';
import { count, ORDER } from '../../common/format';

function Skipped({ skipped }: { skipped: { id: string; reason: string }[] }) {
  if (skipped.length === 0) return null;
  return (
    <details className="skipped">
      <summary>{count(skipped.length, ORDER)} skipped</summary>
      <div className="popover" role="group" aria-label="Skipped orders">
        <p>
          FeedAMP sent these orders in a shape Packline cannot read, so they are not on this
          station:
        </p>
        <ul>
          {skipped.map((s) => (
            <li key={s.id}>
              <code>{s.id}</code> — {s.reason}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

export function SyncPanel() {
  const { status, syncNow } = useSyncStore();
  // Either side may be first to notice the network went, or came back: the sync or an upload.
  const online = useFeedampOnline();
  if (!status || status.state === 'signed-out') return null;
  const syncing = status.state === 'syncing';
  const progress = status.progress;
  const progressText = progress
    ? `Page ${progress.pages} · ${count(progress.orders, ORDER)}`
    : 'Starting…';
  return (
    <section className="sync" aria-label="Sync">
      <span className={`online ${online ? 'is-online' : 'is-offline'}`} aria-label="FeedAMP">
        <span className="dot" aria-hidden="true" />
        {online ? 'Online' : 'Offline'}
      </span>
      {syncing ? (
        <div
          className="progress"
          role="progressbar"
          aria-label="Sync progress"
          aria-valuenow={progress?.orders ?? 0}
          aria-valuetext={progressText}
        >
          <span className="progress-bar" aria-hidden="true" />
          <span className="progress-text">{progressText}</span>
        </div>
      ) : (
        status.lastSuccessAt && (
          <span className="last-synced">Last synced {whenShort(status.lastSuccessAt)}</span>
        )
      )}
      <Skipped skipped={status.lastReport?.skipped ?? []} />
      <button type="button" onClick={() => void syncNow()} disabled={syncing}>
        {syncing ? 'Syncing…' : 'Sync now'}
      </button>
    </section>
  );
}

/** FeedAMP's own sentence when sync cannot run (offline, refused), under the header. */
export function SyncMessage() {
  const status = useSyncStore((s) => s.status);
  const error = useSyncStore((s) => s.error);
  const text =
    error ??
    (status?.state === 'offline' || status?.state === 'error' ? status.message : undefined);
  if (!text) return null;
  const problem = !!error || status?.state === 'error';
  return (
    <p
      role={problem ? 'alert' : 'status'}
      className={`banner ${problem ? 'banner-error' : 'banner-offline'}`}
    >
      {text}
    </p>
  );
}
