import { useAppStore, type Screen } from '../store/app';
import { openCount, useOutboxStore } from '../store/outbox';
import { useSessionStore } from '../store/session';
import { useSettingsStore } from '../store/settings';
import { OutboxStatus } from './outbox/OutboxStatus';
import { SyncPanel } from './SyncPanel';

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'orders', label: 'Orders' },
  { id: 'returns', label: 'Returns' },
  { id: 'outbox', label: 'Outbox' },
  { id: 'settings', label: 'Settings' },
];

export function Header() {
  const session = useSessionStore((s) => s.status);
  const stationName = useSettingsStore((s) => s.settings?.stationName);
  return (
    <header className="app-header">
      <h1>Packline</h1>
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
