// Station settings in `<data dir>/settings.json`, written atomically (temp file, flush, rename;
// private to this OS user) and read back through zod: an invalid stored value falls back to its
// default alone and is logged, never crashing start-up. A change the disk refuses (full,
// read-only) throws a StorageError and leaves the settings as they were, in memory and on disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  settingsSchema,
  stationNumberProblem,
  type Settings,
  type SettingsPatch,
} from '../../preload/api/settings';
import type { Logger } from '../log';
import { StationError } from './errors';
import { writeFileAtomicSync } from './storage/atomic-file';

const CONTEXT = { lost: 'the settings were not saved', retry: 'save them again' };

function readStored(path: string, log: Logger): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Reported below, like any other unreadable value.
  }
  log.warn('settings: the settings file is not JSON; using defaults');
  return {};
}

export class SettingsService {
  private readonly path: string;
  private current: Settings;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(dataDir: string, log: Logger) {
    this.path = join(dataDir, 'settings.json');
    const stored = readStored(this.path, log);
    const parsed = settingsSchema.safeParse(stored);
    this.current = parsed.success ? parsed.data : settingsSchema.parse({});
    if (JSON.stringify(this.current) !== JSON.stringify(stored)) {
      if (Object.keys(stored).length > 0) log.warn('settings: invalid values replaced by defaults');
      try {
        this.save(this.current);
      } catch (error) {
        // The values in memory are right; the file is fixed the next time a change is saved.
        log.warn('settings: could not rewrite the settings file', { error });
      }
    }
  }

  private save(settings: Settings): void {
    writeFileAtomicSync(this.path, JSON.stringify(settings, null, '\t'), { context: CONTEXT });
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    // Parsing would quietly put a number above the count back to 1: refuse it instead, also
    // when the patch changes only one of the two.
    const problem = stationNumberProblem(
      patch.stationNumber ?? this.current.stationNumber,
      patch.stationsOnAccount ?? this.current.stationsOnAccount,
    );
    if (problem) throw new StationError('refused', problem);
    const next = settingsSchema.parse({
      ...this.current,
      ...patch,
      sync: { ...this.current.sync, ...patch.sync },
      scanner: { ...this.current.scanner, ...patch.scanner },
      packing: { ...this.current.packing, ...patch.packing },
      printing: { ...this.current.printing, ...patch.printing },
    });
    this.save(next);
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
