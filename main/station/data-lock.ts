// One Packline per data folder. Browser mode and the desktop app default to the same folder,
// and two processes appending to one outbox journal would upload the same entries twice. The
// first process creates `<data dir>/packline.lock` exclusively (O_EXCL) with its pid, host name,
// mode and start time; a second start reads it and refuses with one sentence naming the holder.
// A lock whose process is gone (a crash, a power cut) is taken over, and the log says so.
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log';
import { startupStorageError } from './storage/errors';

const LOCK_FILE = 'packline.lock';

const holderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  mode: z.enum(['browser', 'electron']),
  startedAt: z.string(),
});
export type LockHolder = z.infer<typeof holderSchema>;

function describeMode(mode: LockHolder['mode']): string {
  return mode === 'electron' ? 'desktop app' : 'browser mode';
}

function since(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(at.getHours())}:${p(at.getMinutes())}`;
  return at.toDateString() === now.toDateString()
    ? time
    : `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${time}`;
}

export class DataFolderBusyError extends Error {
  /** Its message is the sentence for the person at the station (shown in the start-up dialog). */
  readonly isUserFacing = true;

  constructor(
    readonly holder: LockHolder,
    now: Date = new Date(),
  ) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
    super(
      `Packline is already running on this data folder (${describeMode(holder.mode)}${where}, ` +
        `process ${holder.pid}, since ${since(holder.startedAt, now)}) — close it first, or ` +
        `start with --data-dir to use another folder.`,
    );
    this.name = 'DataFolderBusyError';
  }
}

export interface DataLock {
  readonly path: string;
  /** The stale lock this start took over, if any. */
  readonly tookOver?: LockHolder;
  /** Removes the lock if it is still this process's; safe to call more than once. */
  release: () => void;
}

export interface LockOptions {
  mode: LockHolder['mode'];
  log: Logger;
  pid?: number;
  host?: string;
  now?: () => Date;
  /** Whether a process with this pid runs on this host (tests replace it). */
  isAlive?: (pid: number) => boolean;
}

/** A pid that exists, and on Linux looks like a Node or Electron process (pids are reused). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user; it still holds the folder.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').toLowerCase();
    return /node|electron|packline/.test(cmdline);
  } catch {
    return true;
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A short synchronous pause: start-up waits for a lock file another start is writing. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function acquireDataLock(dataDir: string, options: LockOptions): DataLock {
  const path = join(dataDir, LOCK_FILE);
  const pid = options.pid ?? process.pid;
  const host = options.host ?? hostname();
  const now = options.now ?? (() => new Date());
  const isAlive = options.isAlive ?? processAlive;
  const mine: LockHolder = { pid, host, mode: options.mode, startedAt: now().toISOString() };
  const text = JSON.stringify(mine);
  let tookOver: LockHolder | undefined;

  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw startupStorageError(error, dataDir);
      }
      const holder = readHolder(path);
      if (!holder) {
        // Another start may be between creating the file and writing it: give it a moment,
        // then treat a file that stays unreadable as left by a crash.
        let age: number;
        try {
          age = now().getTime() - statSync(path).mtimeMs;
        } catch {
          continue; // gone meanwhile: try again
        }
        if (age < 2_000 && attempt < 40) {
          pause(50);
          continue;
        }
      } else {
        const stale = holder.host === host && (holder.pid === pid || !isAlive(holder.pid));
        if (!stale) throw new DataFolderBusyError(holder, now());
        tookOver = holder;
      }
      if (attempt >= 40) throw new DataFolderBusyError(holder ?? mine, now());
      // Move the stale file aside and check it is the one judged stale: two starts taking over
      // at once must not both win.
      const aside = `${path}.stale-${pid}`;
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = readHolder(aside);
      if (holder && moved && JSON.stringify(moved) !== JSON.stringify(holder)) {
        renameSync(aside, path);
        throw new DataFolderBusyError(moved, now());
      }
      rmSync(aside, { force: true });
      options.log.warn('data folder: took over a lock left by a process that is gone', {
        lock: path,
        previous: holder ?? 'unreadable lock file',
      });
      continue;
    }
    try {
      writeSync(fd, text);
    } catch (error) {
      closeSync(fd);
      rmSync(path, { force: true });
      throw startupStorageError(error, dataDir);
    }
    closeSync(fd);
    break;
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: a folder taken over after we were presumed gone is not ours to free.
    const holder = readHolder(path);
    if (holder && holder.pid === mine.pid && holder.startedAt === mine.startedAt) {
      try {
        rmSync(path, { force: true });
      } catch {
        // Exiting anyway; the next start sees the pid is gone and takes the lock over.
      }
    }
  };
  // process.exit() skips the dispose path; the lock still goes.
  process.on('exit', release);
  return { path, release, ...(tookOver ? { tookOver } : {}) };
}
