// The Stats screen's state: the day's numbers from main's packing log, read when the screen
// opens (and on Refresh), and the day's log handed over as a CSV file.
import { create } from 'zustand';
import type { StatsSummary } from '../../preload/api/stats';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import { saveTextFile } from '../components/save-text-file';

interface StatsState {
  summary?: StatsSummary;
  loading: boolean;
  error?: string;
  /** What the last export did, in a sentence. */
  exported?: { ok: boolean; text: string };
  exporting: boolean;
  load: () => Promise<void>;
  exportToday: () => Promise<void>;
}

const packages = (n: number) => `${n} ${n === 1 ? 'package' : 'packages'}`;

export const useStatsStore = create<StatsState>((set) => ({
  loading: false,
  exporting: false,
  async load() {
    set({ loading: true });
    try {
      set({ summary: await bridge().call('stats.summary', {}), error: undefined });
    } catch (error) {
      set({ error: sentence(error) });
    } finally {
      set({ loading: false });
    }
  },
  async exportToday() {
    set({ exporting: true, exported: undefined });
    try {
      const file = await bridge().call('stats.exportToday', {});
      let text: string;
      if (file.cancelled) text = 'No file was saved.';
      else if (file.savedTo) text = `Saved ${packages(file.packages)} to ${file.savedTo}.`;
      else {
        // Browser mode: the page saves the file.
        saveTextFile(file.fileName, file.text, 'text/csv');
        text = `Saved ${packages(file.packages)} to ${file.fileName}.`;
      }
      set({ exported: { ok: true, text } });
    } catch (error) {
      set({ exported: { ok: false, text: sentence(error) } });
    } finally {
      set({ exporting: false });
    }
  },
}));
