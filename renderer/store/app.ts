// App-wide state: what main told us about itself, and whether the bridge is alive.
import { create } from 'zustand';
import type { AppInfo } from '../../preload/contract';
import { bridge } from '../bridge/api';

interface AppState {
  info?: AppInfo;
  error?: string;
  lastHeartbeat?: string;
  load(): Promise<void>;
  listen(): () => void;
}

export const useAppStore = create<AppState>((set) => ({
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
}));
