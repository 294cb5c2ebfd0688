// "Save diagnostics": one zip a packer can hand to a support person. It holds the log files,
// the settings with every secret replaced and every personal field dropped (the same rules as
// the log), a summary of the outbox (counts and states, no addresses), and a note of the app
// and system versions. The zip goes in `<data dir>/diagnostics/` and its path is returned.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../../preload/contract';
import { redact } from '../log';
import { crashDumpEntries } from './crash-dumps';
import { logsDir } from './logs/file-sink';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './storage/atomic-file';
import { toStorageError } from './storage/errors';
import { reportStorage } from './storage/health';
import { zipEntries, type ZipEntry } from './logs/zip-writer';

const DIAGNOSTICS_FOLDER = 'diagnostics';

export interface DiagnosticsDeps {
  info: AppInfo;
  /** The station's settings as stored; secrets and personal fields are removed here. */
  readSettings: () => Promise<unknown>;
  /** What is waiting in the outbox, e.g. `{ queued: 3, needsAttention: 1, entries: [...] }`. */
  outboxSummary: () => Promise<unknown>;
  now?: () => Date;
}

function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-` +
    `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`
  );
}

async function logEntries(dir: string): Promise<ZipEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: ZipEntry[] = [];
  for (const name of names.filter((n) => /^packline\.log(\.\d+)?$/.test(n)).sort()) {
    const path = join(dir, name);
    const [data, info] = await Promise.all([readFile(path), stat(path)]);
    entries.push({ name: `logs/${name}`, data, modified: info.mtime });
  }
  return entries;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export async function saveDiagnostics(deps: DiagnosticsDeps): Promise<string> {
  const now = (deps.now ?? (() => new Date()))();
  const [logs, crashes, settings, outbox] = await Promise.all([
    logEntries(logsDir(deps.info.dataDir)),
    crashDumpEntries(deps.info.dataDir),
    deps.readSettings(),
    deps.outboxSummary(),
  ]);
  const about = {
    app: 'Packline',
    version: deps.info.version,
    mode: deps.info.mode,
    savedAt: now.toISOString(),
    platform: platform(),
    osRelease: release(),
    arch: arch(),
    versions: process.versions,
  };
  const zip = zipEntries([
    { name: 'about.json', data: json(about), modified: now },
    { name: 'settings.json', data: json(redact(settings, 0, 32)), modified: now },
    { name: 'outbox-summary.json', data: json(redact(outbox, 0, 32)), modified: now },
    ...logs,
    ...crashes,
  ]);
  const folder = join(deps.info.dataDir, DIAGNOSTICS_FOLDER);
  const path = join(folder, `packline-diagnostics-${stamp(now)}.zip`);
  // The zip holds logs and settings: private to this OS user, like everything in the folder.
  try {
    await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    // Written beside and renamed, so a half-written zip never sits under the final name.
    await writeFile(`${path}.partial`, zip, { mode: PRIVATE_FILE_MODE });
    await rename(`${path}.partial`, path);
  } catch (error) {
    await rm(`${path}.partial`, { force: true }).catch(() => undefined);
    const failure = toStorageError(error, path, {
      lost: 'the diagnostics file was not saved',
      retry: 'save it again',
    });
    reportStorage({ kind: 'failed', path, error: failure });
    throw failure;
  }
  return path;
}
