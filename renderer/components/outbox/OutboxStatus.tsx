// The header's view of the outbox: online or not, what waits, and a way to what needs the
// packer — "Offline — 3 packages waiting to upload", "2 need attention".
import { useAppStore } from '../../store/app';
import { useOutboxStore, waitingSentence } from '../../store/outbox';
import { useFeedampOnline } from '../online';
import { agree } from '../../../common/format';

export function OutboxStatus() {
  const counts = useOutboxStore((s) => s.counts);
  const entries = useOutboxStore((s) => s.entries);
  const online = useFeedampOnline();
  const go = useAppStore((s) => s.go);
  if (!counts) return null;
  const waiting = waitingSentence(counts, entries);
  const text = waiting
    ? `${online ? '' : 'Offline — '}${waiting}`
    : counts.sentToday > 0
      ? `${counts.sentToday} uploaded today`
      : undefined;
  if (!text && counts.attention === 0 && !counts.blocked) return null;
  return (
    <section className="outbox-status" aria-label="Uploads">
      {text && (
        <span role="status" className={online ? 'waiting' : 'waiting is-offline'}>
          {text}
        </span>
      )}
      {counts.attention > 0 && (
        <button type="button" className="attention" onClick={() => go('outbox')}>
          {counts.attention} {agree(counts.attention, 'needs', 'need')} attention
        </button>
      )}
      {counts.blocked && !counts.attention && (
        <button type="button" className="attention" onClick={() => go('outbox')}>
          Uploads stopped
        </button>
      )}
    </section>
  );
}
