// Station settings, persisted with conf (electron-store's engine, usable in plain Node; it
// writes atomically) and read back through zod: an invalid stored value falls back to its
// default alone and is logged, never crashing start-up.
import Conf from 'conf';
import { settingsSchema, type Settings, type SettingsPatch } from '../../preload/api/settings';
import type { Logger } from '../log';

export class SettingsService {
  private readonly store: Conf<Record<string, unknown>>;
  private current: Settings;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(dataDir: string, log: Logger) {
    this.store = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'packline',
    });
    const parsed = settingsSchema.safeParse(this.store.store);
    this.current = parsed.success ? parsed.data : settingsSchema.parse({});
    if (JSON.stringify(this.current) !== JSON.stringify(this.store.store)) {
      if (Object.keys(this.store.store).length > 0)
        log.warn('settings: invalid values replaced by defaults');
      this.store.store = this.current;
    }
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    const next = settingsSchema.parse({
      ...this.current,
      ...patch,
      sync: { ...this.current.sync, ...patch.sync },
      scanner: { ...this.current.scanner, ...patch.scanner },
      packing: { ...this.current.packing, ...patch.packing },
      printing: { ...this.current.printing, ...patch.printing },
    });
    this.store.store = next;
    this.current = next;
    for (const l of this.listeners) l(next);
    return next;
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
