// A Packline that cannot start says why in a dialog, in one sentence with what to do, and
// exits non-zero; the detail goes to the log, never on screen.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportStartupFailure } from '../../../main/electron/startup-failure';
import { createLogger, silentLogger } from '../../../main/log';
import { DataFolderBusyError } from '../../../main/station/data-lock';
import { SettingsService } from '../../../main/station/settings';
import { StorageError } from '../../../main/station/storage/errors';
import {
  isUserFacing,
  StartupError,
  startupFailureSentence,
} from '../../../main/station/startup-error';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fail(error: unknown, dataDir = '/home/pack/.config/Packline') {
  const lines: string[] = [];
  const deps = {
    log: createLogger((l) => lines.push(l)),
    dataDir,
    showErrorBox: vi.fn(),
    exit: vi.fn(),
    writeStderr: vi.fn(),
  };
  reportStartupFailure(error, deps);
  return { ...deps, lines };
}

describe('start-up failures', () => {
  it('show the lock and storage sentences of the data folder as they are written', () => {
    const busy = new DataFolderBusyError({
      pid: 4121,
      host: 'bench-3',
      mode: 'browser',
      startedAt: new Date().toISOString(),
    });
    const full = new StorageError('disk_full', 'The disk is full — nothing was saved.', '/data');
    for (const error of [busy, full]) {
      expect(fail(error).showErrorBox).toHaveBeenCalledWith(
        'Packline could not start',
        error.message,
      );
    }
    expect(busy.message).toContain('process 4121');
  });

  it('show a user-facing error as it is written, then exit 1', () => {
    const error = new StartupError(
      'Another Packline (process 4242) is using /data — close it, or start this one with --data-dir.',
    );
    const { showErrorBox, exit, lines, writeStderr } = fail(error);
    expect(showErrorBox).toHaveBeenCalledWith('Packline could not start', error.message);
    expect(exit).toHaveBeenCalledWith(1);
    expect(writeStderr).toHaveBeenCalledWith(`Packline could not start: ${error.message}\n`);
    expect(lines.join('\n')).toContain('Packline could not start');
    // Any error may carry the mark, not only StartupError.
    expect(isUserFacing(Object.assign(new Error('Plain words.'), { isUserFacing: true }))).toBe(
      true,
    );
    expect(isUserFacing(new Error('EACCES: permission denied'))).toBe(false);
  });

  it('a data folder it cannot write: says which folder and what to do', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/pl/orders'"), {
      code: 'EACCES',
    });
    const { showErrorBox } = fail(error, '/srv/pl');
    expect(showErrorBox).toHaveBeenCalledWith(
      'Packline could not start',
      'Packline cannot write to its data folder /srv/pl — give this user permission to change that folder, or start Packline with --data-dir pointing at one it can write.',
    );
    const readOnly = Object.assign(new Error('EROFS'), { code: 'EROFS' });
    expect(startupFailureSentence(readOnly, '/media/ro')).toContain('/media/ro');
    // Wrapped by the storage layer (its own code, the system's error as cause): same sentence.
    const wrapped = Object.assign(new Error('read-only'), { code: 'read_only', cause: readOnly });
    expect(startupFailureSentence(wrapped, '/media/ro')).toBe(
      startupFailureSentence(readOnly, '/media/ro'),
    );
  });

  it('a damaged settings file: starts with defaults, or names the file if it cannot', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packline-startup-'));
    dirs.push(dataDir);
    writeFileSync(join(dataDir, 'settings.json'), '{"stationName": "Bench 2",');
    // The settings service itself recovers: defaults, and a warning in the log.
    expect(new SettingsService(dataDir, silentLogger).get().stationName).toBe('Station 1');
    // Should a parse error still end start-up while the file is damaged, the dialog names it.
    writeFileSync(join(dataDir, 'settings.json'), '{"stationName": "Bench 2",');
    const { showErrorBox, exit } = fail(
      new SyntaxError('Expected double-quoted property name'),
      dataDir,
    );
    expect(showErrorBox).toHaveBeenCalledWith(
      'Packline could not start',
      `Packline's settings file ${join(dataDir, 'settings.json')} is damaged — rename or delete it and start Packline again (it starts with default settings; sign-in and waiting uploads are kept).`,
    );
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('anything else: no internals on screen, the log file to send instead', () => {
    const { showErrorBox, lines } = fail(
      new TypeError("Cannot read properties of undefined (reading 'meta')"),
      '/d',
    );
    const shown = showErrorBox.mock.calls[0]?.[1] as string;
    expect(shown).toBe(
      `Packline could not start — start it again, and if this message comes back, send ${join('/d', 'logs', 'packline.log')} to support.`,
    );
    expect(shown).not.toContain('undefined');
    expect(lines.join('\n')).toContain("reading 'meta'");
  });
});
