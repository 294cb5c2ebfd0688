// Crashes are kept and survived: the page's process dying reloads the window and tells the
// packer; a page that keeps dying is not reloaded in a loop; helper processes are logged; dumps
// stay on the station and go into Save diagnostics; the page's own errors reach main's log.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { dispatch } from '../../../main/bridge/dispatch';
import { supportHandlers } from '../../../main/bridge/handlers/support';
import type { Handlers } from '../../../main/bridge/dispatch';
import {
  PAGE_KEEPS_CRASHING,
  PAGE_RELOADED,
  startCrashReporter,
  watchChildProcesses,
  watchRenderer,
} from '../../../main/electron/crash-recovery';
import { createLogger, silentLogger } from '../../../main/log';
import { CRASH_DUMP_LIMITS, crashDumpEntries } from '../../../main/station/crash-dumps';
import { saveDiagnostics } from '../../../main/station/diagnostics';
import { createRendererErrorLog } from '../../../main/station/renderer-errors';
import { errorReport } from '../../../renderer/station-reports';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packline-crash-'));
  dirs.push(dir);
  return dir;
}

function recordingLog() {
  const lines: { level: string; message: string; [k: string]: unknown }[] = [];
  const log = createLogger((line) => lines.push(JSON.parse(line)));
  return { log, lines };
}

/** A web contents that can be made to lose its process. */
function fakeContents() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const contents = {
    destroyed: false,
    reload: vi.fn(),
    isDestroyed() {
      return this.destroyed;
    },
    on: vi.fn((event: string, handler: (...args: unknown[]) => void) => {
      handlers.set(event, handler);
      return contents;
    }),
    gone(reason: string, exitCode = 139) {
      handlers.get('render-process-gone')?.({}, { reason, exitCode });
    },
  };
  return contents;
}

describe('when the page crashes', () => {
  function watched(now = () => 0) {
    const contents = fakeContents();
    const { log, lines } = recordingLog();
    const told: string[] = [];
    const onPageGone = vi.fn();
    watchRenderer(contents as unknown as WebContents, {
      log,
      tell: (m) => told.push(m),
      onPageGone,
      now,
    });
    return { contents, lines, told, onPageGone };
  }

  it('reloads the window, tells the packer in one sentence and logs why', () => {
    const { contents, lines, told, onPageGone } = watched();
    contents.gone('crashed');
    expect(contents.reload).toHaveBeenCalledTimes(1);
    expect(told).toEqual([PAGE_RELOADED]);
    expect(PAGE_RELOADED).toBe(
      "Packline's screen stopped unexpectedly and has been reopened — nothing you packed is lost; scan the order again to carry on.",
    );
    expect(onPageGone).toHaveBeenCalled();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'page process gone',
        reason: 'crashed',
        exitCode: 139,
      }),
    );
  });

  it('does nothing for a clean exit or a window already closed', () => {
    const { contents, told } = watched();
    contents.gone('clean-exit', 0);
    contents.destroyed = true;
    contents.gone('killed');
    expect(contents.reload).not.toHaveBeenCalled();
    expect(told).toEqual([]);
  });

  it('stops reloading a page that keeps crashing, and says what to do', () => {
    let now = 0;
    const { contents, told } = watched(() => now);
    for (let i = 0; i < 4; i++) {
      now += 10_000;
      contents.gone('oom');
    }
    expect(contents.reload).toHaveBeenCalledTimes(3);
    expect(told.at(-1)).toBe(PAGE_KEEPS_CRASHING);
    // Crashes far apart are each survived.
    now += 10 * 60_000;
    contents.gone('crashed');
    expect(contents.reload).toHaveBeenCalledTimes(4);
  });

  it('logs helper processes that die (Chromium restarts them itself)', () => {
    const { log, lines } = recordingLog();
    let handler: ((event: unknown, details: unknown) => void) | undefined;
    watchChildProcesses(
      { on: (_e: string, h: (event: unknown, details: unknown) => void) => (handler = h) } as never,
      log,
    );
    handler?.({}, { type: 'GPU', reason: 'crashed', exitCode: 11 });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'helper process gone',
        type: 'GPU',
        reason: 'crashed',
      }),
    );
  });
});

describe('crash dumps', () => {
  it('are written to <data folder>/crashes and never uploaded', () => {
    const paths: Record<string, string> = { userData: '/data/Packline' };
    const start = vi.fn();
    const dir = startCrashReporter(
      {
        getPath: (n: string) => paths[n]!,
        setPath: (n: string, p: string) => (paths[n] = p),
      },
      { start },
    );
    expect(dir).toBe(join('/data/Packline', 'crashes'));
    expect(paths.crashDumps).toBe(dir);
    expect(start).toHaveBeenCalledWith({ uploadToServer: false });
  });

  it('go into Save diagnostics, newest first and capped', async () => {
    const dataDir = tempDir();
    const completed = join(dataDir, 'crashes', 'completed');
    mkdirSync(completed, { recursive: true });
    for (let i = 0; i < CRASH_DUMP_LIMITS.count + 2; i++) {
      const file = join(completed, `dump-${i}.dmp`);
      writeFileSync(file, `MDMP ${i}`);
      utimesSync(file, 1_700_000_000 + i, 1_700_000_000 + i);
    }
    writeFileSync(join(dataDir, 'crashes', 'settings.dat'), 'crashpad database');
    const entries = await crashDumpEntries(dataDir);
    expect(entries.map((e) => e.name)).toEqual([
      'crashes/completed/dump-6.dmp',
      'crashes/completed/dump-5.dmp',
      'crashes/completed/dump-4.dmp',
      'crashes/completed/dump-3.dmp',
      'crashes/completed/dump-2.dmp',
    ]);
    expect(await crashDumpEntries(tempDir())).toEqual([]);

    const zipPath = await saveDiagnostics({
      info: { version: '0.1.0', mode: 'electron', dataDir },
      readSettings: async () => ({}),
      outboxSummary: async () => ({}),
    });
    const zip = readFileSync(zipPath).toString('latin1');
    expect(zip).toContain('crashes/completed/dump-6.dmp');
    expect(zip).not.toContain('dump-0.dmp');
  });
});

describe("the page's own errors", () => {
  it('reach the log through support.reportError, checked and capped', async () => {
    const { log, lines } = recordingLog();
    const handlers = supportHandlers({
      saveDiagnostics: async () => '',
      reportError: createRendererErrorLog(log),
    }) as unknown as Handlers;
    const report = errorReport(
      'error',
      new TypeError("Cannot read properties of undefined (reading 'lines')"),
      'app://packline/assets/index.js:1:200',
    );
    expect(await dispatch(handlers, 'support.reportError', report, silentLogger)).toEqual({
      ok: true,
      result: {},
    });
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      message: 'error in the page',
      kind: 'error',
      pageError: "TypeError: Cannot read properties of undefined (reading 'lines')",
      source: 'app://packline/assets/index.js:1:200',
    });
    // Oversized or unexpected input is refused before it reaches the log.
    const huge = await dispatch(
      handlers,
      'support.reportError',
      { kind: 'error', message: 'x'.repeat(5_000) },
      silentLogger,
    );
    expect(huge).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const extra = await dispatch(
      handlers,
      'support.reportError',
      { kind: 'error', message: 'm', html: '<b>' },
      silentLogger,
    );
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    // The page cuts long messages itself, so a real error is never refused for its size.
    const long = errorReport('unhandledrejection', 'y'.repeat(10_000));
    expect(long.message.length).toBe(1_000);
    expect((await dispatch(handlers, 'support.reportError', long, silentLogger)).ok).toBe(true);
  });

  it('a page in an error loop writes at most 20 lines a minute', () => {
    const { log, lines } = recordingLog();
    let now = 0;
    const report = createRendererErrorLog(log, { now: () => now });
    for (let i = 0; i < 500; i++) report({ kind: 'error', message: `loop ${i}` });
    expect(lines).toHaveLength(20);
    now += 60_000;
    report({ kind: 'error', message: 'after a minute' });
    expect(lines.at(-1)).toMatchObject({ pageError: 'after a minute', droppedBefore: 480 });
  });
});
