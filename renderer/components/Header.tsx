import { useAppStore, type Screen } from '../store/app';
import { RestartBanner } from './RestartBanner';
import { loadingSentence, useOrdersStore } from '../store/orders';
import { openCount, useOutboxStore } from '../store/outbox';
import { useSessionStore } from '../store/session';
import { useSettingsStore } from '../store/settings';
import { OutboxStatus } from './outbox/OutboxStatus';
import { SyncPanel } from './SyncPanel';

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'orders', label: 'Orders' },
  { id: 'returns', label: 'Returns' },
  { id: 'outbox', label: 'Outbox' },
  { id: 'stats', label: 'Stats' },
  { id: 'settings', label: 'Settings' },
];

const STORAGE_LABELS = {
  disk_full: 'Disk full',
  read_only: 'Data folder read-only',
  storage: 'Cannot save',
} as const;

/** Red until a write succeeds again: while it shows, nothing the packer does is being saved. */
function StorageProblem() {
  const problem = useAppStore((s) => s.storage.problem);
  if (!problem) return null;
  return (
    <span
      className="message message-error"
      role="alert"
      aria-label={`${STORAGE_LABELS[problem.code]}: ${problem.message}`}
      title={problem.message}
    >
      {STORAGE_LABELS[problem.code]}
    </span>
  );
}

/** Damage found at start (records set aside, the rest recovered): said once, until closed. */
function StorageNotices() {
  const notices = useAppStore((s) => s.storage.notices);
  const seen = useAppStore((s) => s.seenNotices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const open = notices.filter((n) => !seen.includes(n.id));
  return (
    <>
      {open.map((notice) => (
        <p key={notice.id} className="banner banner-error" role="alert">
          {notice.message}{' '}
          <button type="button" onClick={() => dismiss(notice.id)}>
            Close
          </button>
        </p>
      ))}
    </>
  );
}

function OrdersLoading() {
  const text = loadingSentence(useOrdersStore((s) => s.loading));
  return text ? <span role="status">{text}</span> : null;
}

export function Header() {
  const session = useSessionStore((s) => s.status);
  const stationName = useSettingsStore((s) => s.settings?.stationName);
  return (
    <>
      <RestartBanner />
      <header className="app-header">
        <h1>Packline</h1>
        <StorageProblem />
        <OrdersLoading />
        {session?.signedIn && (
          <>
            <span className="who">
              <span aria-label="This station">{stationName}</span>
              <span className="sep" aria-hidden="true">
                ·
              </span>
              <span aria-label="Signed in as">{session.demo ? 'Demo' : session.username}</span>
            </span>
            <SyncPanel />
            <OutboxStatus />
          </>
        )}
      </header>
      <StorageNotices />
    </>
  );
}

export function Nav() {
  const screen = useAppStore((s) => s.screen);
  const go = useAppStore((s) => s.go);
  const outboxOpen = useOutboxStore((s) => openCount(s.counts));
  return (
    <nav aria-label="Screens" className="nav">
      {SCREENS.map((s) => (
        <button
          key={s.id}
          type="button"
          aria-current={screen === s.id ? 'page' : undefined}
          onClick={() => go(s.id)}
        >
          {s.id === 'outbox' && outboxOpen > 0 ? `${s.label} (${outboxOpen})` : s.label}
        </button>
      ))}
    </nav>
  );
}
