import { useEffect, useRef, useState, type ReactNode } from 'react';
import { parseWaveCode } from '../common/wave-code';
import { WaveBar } from './components/wave/WaveBar';
import { Header, Nav } from './components/Header';
import { useScanner } from './scan/useScanner';
import { notUnderstoodSentence } from './scan/wedge';
import { terminatorsFor } from './scan/wedge-options';
import { playTone } from './sound/tones';
import { ScanBox, ScanChoices } from './components/ScanBox';
import { ScreenBoundary } from './components/ScreenBoundary';
import { ShortcutsDialog } from './components/pack/ShortcutsDialog';
import { StatusBar } from './components/StatusBar';
import { SyncMessage } from './components/SyncPanel';
import { Orders } from './screens/Orders';
import { Pack } from './screens/Pack';
import { Outbox } from './screens/Outbox';
import { Returns } from './screens/Returns';
import { Settings } from './screens/Settings';
import { Stats } from './screens/Stats';
import { SignIn } from './screens/SignIn';
import { useAppStore } from './store/app';
import { connectStores } from './store/connect';
import { useOrdersStore } from './store/orders';
import { useReturnsStore } from './store/returns';
import { COMMANDS, usePackStore } from './store/pack';
import { useSessionStore } from './store/session';
import { useSettingsStore } from './store/settings';
import { useWaveStore } from './store/wave';

function Screen() {
  const session = useSessionStore((s) => s.status);
  const sessionError = useSessionStore((s) => s.error);
  const screen = useAppStore((s) => s.screen);
  const openId = useOrdersStore((s) => s.openId);
  // Unreachable main: the status bar carries the alert; here it is plain text, said once.
  if (!session) return <p className="muted">{sessionError ?? 'Connecting to Packline…'}</p>;
  // One boundary per screen, keyed by it, so a screen that failed is fresh when opened again.
  const bounded = (name: string, screenElement: ReactNode) => (
    <ScreenBoundary key={name} name={name}>
      {screenElement}
    </ScreenBoundary>
  );
  if (!session.signedIn) return bounded('sign-in', <SignIn />);
  if (screen === 'settings') return bounded('settings', <Settings />);
  if (screen === 'outbox') return bounded('outbox', <Outbox />);
  if (screen === 'returns') return bounded('returns', <Returns />);
  if (screen === 'stats') return bounded('stats', <Stats />);
  return (
    <>
      <ScanChoices />
      <WaveBar />
      {openId ? bounded('pack', <Pack />) : bounded('orders', <Orders />)}
    </>
  );
}

/**
 * A wedge scan anywhere in the app: on the Pack screen (an order open) it goes to the pack
 * dispatcher (order, item, tracking, command); elsewhere where a typed number in the scan box goes.
 */
function useOrderScans(enabled: boolean) {
  const scanner = useSettingsStore((s) => s.settings?.scanner);
  const openByCode = useOrdersStore((s) => s.openByCode);
  const isCommand = (code: string) => (Object.values(COMMANDS) as string[]).includes(code.trim());
  const routeNow = async (code: string) => {
    if (useOrdersStore.getState().openId || isCommand(code))
      return usePackStore.getState().scan(code);
    if (parseWaveCode(code) !== undefined) return useWaveStore.getState().start(code);
    const waves = useWaveStore.getState();
    if (waves.itemFirstOn() && (await waves.itemFirst(code))) return;
    return openByCode(code);
  };
  // One scan at a time: an item scan that opens its order finishes before the label scan lands.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const route = (code: string) => {
    queue.current = queue.current.then(() => routeNow(code)).catch(() => undefined);
    return queue.current;
  };
  const onReturns = () => useAppStore.getState().screen === 'returns';
  useScanner(
    (scan) =>
      void (onReturns() ? useReturnsStore.getState().openByCode(scan.code) : route(scan.code)),
    {
      enabled,
      maxGapMs: scanner?.maxGapMs,
      minLength: scanner?.minLength,
      prefix: scanner?.prefix,
      suffix: scanner?.suffix,
      terminators: terminatorsFor(scanner?.endKey),
      onRejected: (r) => notUnderstood(notUnderstoodSentence(r.code, r.reason)),
    },
  );
}

/** A scanner burst that cannot be a code: said where the packer looks, never acted on. */
function notUnderstood(text: string) {
  playTone('unknown');
  if (!useOrdersStore.getState().openId)
    return useOrdersStore.setState({ scanMessage: text, scanMessageGood: false });
  usePackStore.setState({
    message: { tone: 'error', text, sound: 'unknown' },
    learnable: undefined,
  });
}

/**
 * "?" opens the shortcut list on every screen. With an order open the Pack screen answers it
 * itself (its list is a dialog of that screen); typing "?" in a field stays typing.
 */
function useHelpKey(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      if (
        t instanceof HTMLElement &&
        (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName))
      )
        return;
      if (useOrdersStore.getState().openId && useAppStore.getState().screen === 'orders') return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [open, setOpen];
}

export function App() {
  useEffect(connectStores, []);
  const signedIn = useSessionStore((s) => s.status?.signedIn) ?? false;
  useOrderScans(signedIn);
  const [help, setHelp] = useHelpKey();
  return (
    <div className="app">
      <Header />
      <SyncMessage />
      {signedIn && (
        <div className="toolbar">
          <Nav />
          <ScanBox />
        </div>
      )}
      <main className="app-main">
        <Screen />
      </main>
      <StatusBar />
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
