// The data folder at start, through the real core: one Packline per folder (a second start
// names the first and exits non-zero; a lock left by a dead process is taken over), a
// read-only folder said in one sentence, private files, and a full disk answered over the
// bridge with the packer's sentence while the process carries on.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StorageStatus } from '../../../preload/api/app';
import { dispatch } from '../../../main/bridge/dispatch';
import { createCore, type Core } from '../../../main/core';
import { silentLogger } from '../../../main/log';
import { acquireDataLock, DataFolderBusyError } from '../../../main/station/data-lock';
import { StorageError } from '../../../main/station/storage/errors';

const HOST = join(process.cwd(), 'dist/main/host.js');
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packline-folder-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string): Promise<Core> {
  const core = await createCore({
    info: { version: '0.1.0', mode: 'browser', dataDir },
    log: silentLogger,
    heartbeatMs: 60_000,
  });
  cleanups.push(() => core.dispose());
  return core;
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** A pid that certainly belongs to no running process. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

/** Starts browser mode and resolves once it prints its address. */
function startHost(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [HOST, '--data-dir', dataDir], {
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Packline: http')) resolve(child);
    });
    child.stderr.resume();
    child.once('exit', (code) => reject(new Error(`host exited ${code} before starting`)));
  });
}

/** Runs browser mode to its exit; its exit code and stderr. */
function runHost(dataDir: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [HOST, '--data-dir', dataDir], {
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr.toString() };
}

const built = existsSync(HOST);
if (!built) console.warn('Skipping the browser-mode process tests: run `npm run build` first');

describe('one Packline per data folder', () => {
  it('refuses a second start in one sentence naming the first, and frees the folder on exit', async () => {
    const dataDir = tmp();
    const first = await start(dataDir);
    const lock = JSON.parse(readFileSync(join(dataDir, 'packline.lock'), 'utf8')) as {
      pid: number;
      host: string;
      mode: string;
    };
    expect(lock).toMatchObject({ pid: process.pid, host: hostname(), mode: 'browser' });
    // Another process (another pid) on this host, as a desktop app launched beside it would be.
    const second = (() => {
      try {
        acquireDataLock(dataDir, { mode: 'electron', log: silentLogger, pid: process.pid + 1 });
      } catch (error) {
        return error;
      }
    })();
    expect(second).toBeInstanceOf(DataFolderBusyError);
    expect((second as Error).message).toMatch(
      new RegExp(
        `^Packline is already running on this data folder \\(browser mode, process ${process.pid}, since \\d\\d:\\d\\d\\) — close it first, or start with --data-dir to use another folder\\.$`,
      ),
    );
    await first.dispose();
    expect(existsSync(join(dataDir, 'packline.lock'))).toBe(false);
  });

  it.skipIf(!built)(
    'a second browser-mode process exits non-zero naming the first; a dead one’s lock is taken over',
    async () => {
      const dataDir = tmp();
      const first = await startHost(dataDir);
      const second = runHost(dataDir);
      expect(second.status).not.toBe(0);
      expect(second.stderr.trim()).toMatch(
        new RegExp(
          `^Packline is already running on this data folder \\(browser mode, process ${first.pid}, since \\d\\d:\\d\\d\\) — close it first, or start with --data-dir to use another folder\\.$`,
        ),
      );
      // Killed outright: the lock stays behind, naming a process that is gone.
      const exited = new Promise((resolve) => first.once('exit', resolve));
      first.kill('SIGKILL');
      await exited;
      expect(existsSync(join(dataDir, 'packline.lock'))).toBe(true);
      const third = await startHost(dataDir);
      const lock = JSON.parse(readFileSync(join(dataDir, 'packline.lock'), 'utf8')) as {
        pid: number;
      };
      expect(lock.pid).toBe(third.pid);
      const log = readFileSync(join(dataDir, 'logs', 'packline.log'), 'utf8');
      expect(log).toContain('took over a stale lock');
      expect(log).toContain(`"pid":${first.pid}`);
    },
    30_000,
  );

  it('takes over a lock whose process is gone, and says so in the log', async () => {
    const dataDir = tmp();
    const gone = deadPid();
    writeFileSync(
      join(dataDir, 'packline.lock'),
      JSON.stringify({
        pid: gone,
        host: hostname(),
        mode: 'electron',
        startedAt: new Date().toISOString(),
      }),
    );
    await start(dataDir);
    const lock = JSON.parse(readFileSync(join(dataDir, 'packline.lock'), 'utf8')) as {
      pid: number;
    };
    expect(lock.pid).toBe(process.pid);
    const log = readFileSync(join(dataDir, 'logs', 'packline.log'), 'utf8');
    expect(log).toContain('took over a stale lock');
    expect(log).toContain(`"pid":${gone}`);
  });
});

/** A read-only folder: a read-only tmpfs where this process may mount one, else skipped. */
function readOnlyFolder(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'packline-ro-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  cleanups.push(() => {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

describe('a data folder that cannot be written', () => {
  const READ_ONLY =
    /^Packline cannot write to its data folder .+ \(it is read-only\) — make it writable, or start with --data-dir to use another folder\.$/;

  it('is refused at start in one sentence (core start)', async () => {
    const dir = readOnlyFolder();
    if (!dir) return console.warn('Skipped: mounting a read-only tmpfs needs root and mount');
    const error = await start(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('read_only');
    expect((error as Error).message).toMatch(READ_ONLY);
  });

  it.skipIf(!built)('makes browser mode exit non-zero with that sentence on stderr', () => {
    const dir = readOnlyFolder();
    if (!dir) return console.warn('Skipped: mounting a read-only tmpfs needs root and mount');
    const ro = runHost(dir);
    expect(ro.status).toBe(1);
    expect(ro.stderr.trim()).toMatch(READ_ONLY);
    // A folder that cannot even be made (its parent is read-only) is said plainly too.
    const missing = runHost(join(dir, 'Packline'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(
      /^Packline's data folder .*Packline does not exist and cannot be created — check the path, or start with --data-dir to use another folder\.$/m,
    );
  });
});

describe('private files', () => {
  it('tightens what an older version left readable (0644 in 0755) and creates new files 0600', async () => {
    if (process.platform === 'win32') return;
    const dataDir = tmp();
    // As an older Packline left them (chmod, since this process's umask may already be 077).
    for (const folder of ['logs', 'demo']) mkdirSync(join(dataDir, folder));
    for (const file of ['orders.journal', 'vault.json', 'logs/packline.log.1', 'demo/state.json']) {
      writeFileSync(join(dataDir, file), '');
      chmodSync(join(dataDir, file), 0o644);
    }
    for (const folder of ['', 'logs', 'demo']) chmodSync(join(dataDir, folder), 0o755);
    expect(mode(join(dataDir, 'vault.json'))).toBe(0o644);

    const core = await start(dataDir);
    await dispatch(core.handlers, 'settings.update', { stationName: 'Bench 2' }, silentLogger);
    const saved = await dispatch(core.handlers, 'support.saveDiagnostics', {}, silentLogger);
    expect(saved.ok).toBe(true);

    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? [path, ...walk(path)] : [path];
      });
    const everything = [dataDir, ...walk(dataDir)];
    expect(everything.length).toBeGreaterThan(10);
    for (const path of everything) {
      expect(`${path} ${mode(path).toString(8)}`).toBe(
        `${path} ${(statSync(path).isDirectory() ? 0o700 : 0o600).toString(8)}`,
      );
    }
  });
});

/** A real 1 MB disk for the core, where mounting is allowed. */
function tinyDisk(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'packline-tiny-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  cleanups.push(() => {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

describe('a full disk under a running Packline', () => {
  it('answers the bridge call with the sentence, shows the red state until a write succeeds, and stays up', async () => {
    const disk = tinyDisk();
    if (!disk) return console.warn('Skipped: mounting a tmpfs needs root and mount');
    const dataDir = join(disk, 'Packline');
    const core = await start(dataDir);
    const states: StorageStatus[] = [];
    core.bus.subscribe((event, payload) => {
      if (event === 'app.storage') states.push(payload as StorageStatus);
    });
    const filler = join(disk, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
    } catch {
      // Filled to the last byte: exactly what this test needs.
    }
    const reply = await dispatch(
      core.handlers,
      'settings.update',
      { stationName: 'Bench 3' },
      silentLogger,
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'STORAGE',
        message:
          'The disk is full — the settings were not saved. Free some space and save them again.',
      },
    });
    const status = await dispatch(core.handlers, 'app.storage', {}, silentLogger);
    expect(status.ok && (status.result as StorageStatus).problem?.code).toBe('disk_full');
    expect(states.at(-1)?.problem?.code).toBe('disk_full');
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    rmSync(filler);
    const again = await dispatch(
      core.handlers,
      'settings.update',
      { stationName: 'Bench 3' },
      silentLogger,
    );
    expect(again.ok).toBe(true);
    expect(states.at(-1)?.problem).toBeUndefined();
  });
});
