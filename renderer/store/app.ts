// App-wide state: what main told us about itself, whether the bridge is alive, and which
// screen is showing.
import { create } from 'zustand';
import type { AppInfo } from '../../preload/contract';
import { bridge } from '../bridge/api';

export type Screen = 'orders' | 'outbox' | 'returns' | 'settings';

interface AppState {
  info?: AppInfo;
  error?: string;
  lastHeartbeat?: string;
  screen: Screen;
  load(): Promise<void>;
  listen(): () => void;
  go(screen: Screen): void;
}

export const useAppStore = create<AppState>((set) => ({
  screen: 'orders',
  async load() {
    try {
      set({ info: await bridge().call('app.info', {}), error: undefined });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  listen() {
    return bridge().on('app.heartbeat', (beat) => set({ lastHeartbeat: beat.at }));
  },
  go(screen) {
    set({ screen });
  },
}));
