// The sync's state as main reports it: online or not, progress, last success, last report.
import { create } from 'zustand';
import type { SyncStatus } from '../../preload/api/orders';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';

interface SyncState {
  status?: SyncStatus;
  /** "Sync now" could not reach main (FeedAMP's own problems arrive in status.message). */
  error?: string;
  load: () => Promise<void>;
  listen: () => () => void;
  syncNow: () => Promise<void>;
}

export const useSyncStore = create<SyncState>((set) => ({
  async load() {
    // A failure here is main being unreachable, which the status bar already says.
    const status = await bridge()
      .call('sync.status', {})
      .catch(() => undefined);
    if (status) set({ status });
  },
  listen() {
    return bridge().on('sync.status', (status) => set({ status, error: undefined }));
  },
  async syncNow() {
    try {
      // Progress arrives as events; the answer is the status when the run has finished.
      set({ status: await bridge().call('sync.now', {}), error: undefined });
    } catch (error) {
      set({ error: sentence(error) });
    }
  },
}));
