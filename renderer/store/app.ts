// App-wide state: what main told us about itself, whether the bridge is alive, and which
// screen is showing.
import { create } from 'zustand';
import type { AppInfo } from '../../preload/contract';
import type { StorageStatus } from '../../preload/api/app';
import { bridge } from '../bridge/api';

export type Screen = 'orders' | 'outbox' | 'returns' | 'settings' | 'stats';

interface AppState {
  info?: AppInfo;
  error?: string;
  lastHeartbeat?: string;
  /** The data folder: a write it refused (until one succeeds again), damage found at start. */
  storage: StorageStatus;
  /** Damage notices the packer has closed; each is shown once. */
  seenNotices: string[];
  dismissNotice: (id: string) => void;
  screen: Screen;
  load: () => Promise<void>;
  listen: () => () => void;
  go: (screen: Screen) => void;
}

export const useAppStore = create<AppState>((set) => ({
  screen: 'orders',
  storage: { notices: [] },
  seenNotices: [],
  dismissNotice(id) {
    set((s) => ({ seenNotices: [...s.seenNotices, id] }));
  },
  async load() {
    try {
      set({ info: await bridge().call('app.info', {}), error: undefined });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
      return;
    }
    // The state as of now (damage found before this page connected); events keep it current.
    await bridge()
      .call('app.storage', {})
      .then((storage) => set({ storage }))
      .catch(() => undefined);
  },
  listen() {
    const offs = [
      bridge().on('app.heartbeat', (beat) => set({ lastHeartbeat: beat.at })),
      bridge().on('app.storage', (storage) => set({ storage })),
    ];
    return () => offs.forEach((off) => off());
  },
  go(screen) {
    set({ screen });
  },
}));
