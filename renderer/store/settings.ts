// The station's settings as main holds them. Saving checks the patch with the contract's own
// schema first, so a wrong value is named next to its field before anything is sent.
import { create } from 'zustand';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../preload/api/settings';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import { configureSound } from '../sound/tones';

/** Field path ("sync.intervalSeconds") → the first message for it. */
export type FieldErrors = Record<string, string>;

type SaveOutcome = { ok: true } | { ok: false; fieldErrors: FieldErrors; error?: string };

function patchErrors(patch: unknown): FieldErrors | undefined {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (parsed.success) return undefined;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p) => typeof p !== 'number').join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

interface SettingsState {
  settings?: Settings;
  error?: string;
  load: () => Promise<void>;
  listen: () => () => void;
  save: (patch: SettingsPatch) => Promise<SaveOutcome>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  async load() {
    try {
      set({ settings: await bridge().call('settings.get', {}), error: undefined });
    } catch (error) {
      set({ error: sentence(error) });
    }
  },
  listen() {
    return bridge().on('settings.changed', (settings) => set({ settings }));

    // Tones follow Settings → Scanner (sounds on/off, volume) as soon as settings arrive or change.
    useSettingsStore.subscribe((state, previous) => {
      const scanner = state.settings?.scanner;
      if (scanner && scanner !== previous.settings?.scanner) configureSound(scanner);
    });
  },
  async save(patch) {
    const fieldErrors = patchErrors(patch);
    if (fieldErrors) return { ok: false, fieldErrors };
    try {
      set({ settings: await bridge().call('settings.update', patch) });
      return { ok: true };
    } catch (error) {
      return { ok: false, fieldErrors: {}, error: sentence(error) };
    }
  },
}));

// Tones follow Settings → Scanner (sounds on/off, volume) as soon as settings arrive or change.
useSettingsStore.subscribe((state, previous) => {
  const scanner = state.settings?.scanner;
  if (scanner && scanner !== previous.settings?.scanner) configureSound(scanner);
});
