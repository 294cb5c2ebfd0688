// --data FILE: state is loaded at start and written after changes (debounced) and at close.
// Writes go to a temporary file renamed over the target, so a crash never leaves half a file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SandboxData } from './model';

const SAVE_DELAY_MS = 100;

export function loadData(file: string): SandboxData | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SandboxData;
  if (parsed.version !== 1)
    throw new Error(`${file} is not a sandbox data file (version ${String(parsed.version)}).`);
  return parsed;
}

function saveData(file: string, data: SandboxData): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}

export class DebouncedSaver {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly data: () => SandboxData,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    saveData(this.file, this.data());
  }
}
