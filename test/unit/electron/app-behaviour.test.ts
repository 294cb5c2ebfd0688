import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { badgeTitle, createBadge } from '../../../main/electron/badge';
import { dataDirFromArgs } from '../../../main/electron/data-dir';
import {
  autostartEntry,
  autostartFile,
  getStartAtLogin,
  setStartAtLogin,
} from '../../../main/electron/login-item';
import {
  acceleratorKeyEvents,
  buildMenuTemplate,
  SCREEN_SHORTCUTS,
} from '../../../main/electron/menu';
import { installQuitGuard, QUIT_ANYWAY, KEEP_OPEN } from '../../../main/electron/quit-guard';
import { safeStorageCipher } from '../../../main/electron/safe-storage-cipher';
import { claimSingleInstance, focusWindow } from '../../../main/electron/single-instance';
import {
  DEFAULT_WINDOW_STATE,
  fitToScreens,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  WINDOW_STATE_FILE,
  WINDOW_STATE_STORE_OPTIONS,
} from '../../../main/electron/window-state';
import { silentLogger } from '../../../main/log';

// electron-store imports Electron, whose binary is missing here; the window state is kept
// through conf, the engine electron-store extends, opened with the same options.
const openStore = (cwd: string) =>
  new Conf<Record<string, unknown>>({
    cwd,
    configName: WINDOW_STATE_STORE_OPTIONS.name,
    configFileMode: WINDOW_STATE_STORE_OPTIONS.configFileMode,
    projectName: 'packline-test',
  });

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packline-electron-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Listener = (...args: unknown[]) => void;
function emitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    on: vi.fn((event: string, l: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
    }),
    emit(event: string, ...args: unknown[]) {
      for (const l of listeners.get(event) ?? []) l(...args);
    },
  };
}

describe('single instance', () => {
  it('a second launch focuses the first window instead of opening another', () => {
    const app = { ...emitter(), requestSingleInstanceLock: () => true, quit: vi.fn() };
    const focus = vi.fn();
    expect(claimSingleInstance(app as never, focus)).toBe(true);
    app.emit('second-instance');
    expect(focus).toHaveBeenCalledOnce();
  });

  it('the second copy quits at once', () => {
    const app = { ...emitter(), requestSingleInstanceLock: () => false, quit: vi.fn() };
    expect(claimSingleInstance(app as never, vi.fn())).toBe(false);
    expect(app.quit).toHaveBeenCalled();
  });

  it('restores a minimised window before focusing it', () => {
    const win = {
      isMinimized: () => true,
      isDestroyed: () => false,
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
    };
    focusWindow(win);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});

describe('window size and position', () => {
  it('are remembered in the data folder', async () => {
    const dir = tempDir();
    expect(loadWindowState(openStore, dir, silentLogger)).toEqual(DEFAULT_WINDOW_STATE);
    const state = { x: 40, y: 50, width: 1000, height: 700, maximized: true };
    saveWindowState(openStore, dir, state);
    expect(loadWindowState(openStore, dir, silentLogger)).toEqual(state);
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(state);
    expect(statSync(join(dir, WINDOW_STATE_FILE)).mode & 0o777).toBe(0o600);
    // A position dropped later (the screen went away) does not come back from the old file.
    saveWindowState(openStore, dir, { width: 900, height: 600, maximized: false });
    expect(loadWindowState(openStore, dir, silentLogger)).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('fall back to the default when the file is damaged or out of range', async () => {
    const dir = tempDir();
    const warn = vi.fn();
    for (const text of [
      '{"width": 1000',
      '{"width": -5, "height": 700}',
      '[]',
      '{"width":"big"}',
    ]) {
      writeFileSync(join(dir, WINDOW_STATE_FILE), text);
      expect(loadWindowState(openStore, dir, { ...silentLogger, warn })).toEqual(
        DEFAULT_WINDOW_STATE,
      );
    }
    // '[]' electron-store reads as an empty store: the default, with nothing to warn about.
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('drop a position on a screen no longer attached, and shrink to fit', () => {
    const laptop = { x: 0, y: 0, width: 1366, height: 740 };
    const offScreen = { x: 3000, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToScreens(offScreen, [laptop])).toEqual({
      x: undefined,
      y: undefined,
      width: 1200,
      height: 740,
      maximized: false,
    });
    const onScreen = { x: 100, y: 10, width: 1000, height: 600, maximized: false };
    expect(fitToScreens(onScreen, [laptop])).toEqual(onScreen);
  });

  it('are saved after moving stops and when the window closes', () => {
    vi.useFakeTimers();
    const win = {
      ...emitter(),
      getNormalBounds: () => ({ x: 1, y: 2, width: 900, height: 650 }),
      isMaximized: () => false,
      isDestroyed: () => false,
    };
    const save = vi.fn();
    trackWindowState(win as never, save, 500);
    win.emit('move');
    win.emit('resize');
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledOnce();
    win.emit('close');
    expect(save).toHaveBeenLastCalledWith({
      x: 1,
      y: 2,
      width: 900,
      height: 650,
      maximized: false,
    });
  });
});

describe('application menu', () => {
  const deps = {
    platform: 'linux' as const,
    development: false,
    startAtLogin: true,
    saveDiagnostics: vi.fn(),
    openLogFolder: vi.fn(),
    setStartAtLogin: vi.fn(),
    sendKey: vi.fn(),
  };
  const items = (t: MenuItemConstructorOptions[]) =>
    t.flatMap<MenuItemConstructorOptions>((m) => (Array.isArray(m.submenu) ? m.submenu : []));

  it('shows the page shortcuts and a click sends the page that same key', () => {
    const template = buildMenuTemplate(deps);
    const go = items(template).filter((i) => SCREEN_SHORTCUTS.some((s) => s.label === i.label));
    expect(go.map((i) => [i.label, i.accelerator])).toEqual(
      SCREEN_SHORTCUTS.map((s) => [s.label, s.accelerator]),
    );
    // The page owns the keys: the menu must not swallow them.
    expect(go.every((i) => i.registerAccelerator === false)).toBe(true);
    go[0]?.click?.({} as never, undefined, {});
    expect(deps.sendKey).toHaveBeenCalledWith({
      type: 'keyDown',
      keyCode: '1',
      modifiers: ['control'],
    });
    expect(acceleratorKeyEvents('CmdOrCtrl+,', 'darwin')[0]).toEqual({
      type: 'keyDown',
      keyCode: ',',
      modifiers: ['meta'],
    });
  });

  it('offers diagnostics, the log folder and start at login; no developer tools when packaged', () => {
    const all = items(buildMenuTemplate(deps));
    all.find((i) => i.label === 'Save Diagnostics…')?.click?.({} as never, undefined, {});
    expect(deps.saveDiagnostics).toHaveBeenCalled();
    const login = all.find((i) => i.label === 'Start Packline at Login');
    expect(login).toMatchObject({ type: 'checkbox', checked: true });
    login?.click?.({ checked: false } as never, undefined, {});
    expect(deps.setStartAtLogin).toHaveBeenCalledWith(false);
    expect(all.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
    const dev = items(buildMenuTemplate({ ...deps, development: true }));
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('badge', () => {
  function setup(platform: NodeJS.Platform) {
    const app = { setBadgeCount: vi.fn(() => true) };
    const win = { setTitle: vi.fn(), setOverlayIcon: vi.fn(), isDestroyed: () => false };
    const badge = createBadge({ app, window: () => win, platform, overlay: {} as never });
    return { app, win, badge };
  }

  it('shows the number waiting to upload in the dock or launcher and the title', () => {
    const { app, win, badge } = setup('darwin');
    badge.setBadgeCount(3);
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(3);
    expect(win.setTitle).toHaveBeenLastCalledWith('Packline — 3 packages waiting to upload');
    badge.setBadgeCount(0);
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(win.setTitle).toHaveBeenLastCalledWith('Packline');
    badge.setBadgeCount(-2);
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(badgeTitle(1)).toBe('Packline — 1 package waiting to upload');
  });

  it('uses a taskbar overlay on Windows', () => {
    const { app, win, badge } = setup('win32');
    badge.setBadgeCount(2);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith(
      {},
      'Packline — 2 packages waiting to upload',
    );
    badge.setBadgeCount(0);
    expect(win.setOverlayIcon).toHaveBeenLastCalledWith(null, '');
    expect(app.setBadgeCount).not.toHaveBeenCalled();
  });
});

describe('quitting with uploads pending', () => {
  function setup(pending: number, answer: number) {
    const app = { ...emitter(), quit: vi.fn() };
    const win = emitter();
    const showMessageBox = vi.fn(async (_o: MessageBoxOptions) => ({
      response: answer,
      checkboxChecked: false,
    }));
    const guard = installQuitGuard({
      app: app as never,
      window: () => win as never,
      showMessageBox,
      pendingUploads: () => pending,
      log: silentLogger,
    });
    guard.attachToWindow();
    return { app, win, showMessageBox };
  }
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('quits without asking when nothing waits', () => {
    const { app, showMessageBox } = setup(0, KEEP_OPEN);
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(showMessageBox).not.toHaveBeenCalled();
  });

  it('asks first, and "Keep Packline open" keeps it open', async () => {
    const { app, showMessageBox } = setup(3, KEEP_OPEN);
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(showMessageBox.mock.calls[0]?.[0]).toMatchObject({
      type: 'warning',
      message: '3 packages are still waiting to upload',
      defaultId: KEEP_OPEN,
      cancelId: KEEP_OPEN,
    });
    expect(showMessageBox.mock.calls[0]?.[0].detail).toMatch(/saved on this computer/);
    await flush();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('closing the window asks too; "Quit" quits and keeps the uploads for the next start', async () => {
    const { app, win, showMessageBox } = setup(1, QUIT_ANYWAY);
    const close = { preventDefault: vi.fn() };
    win.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    await flush();
    expect(app.quit).toHaveBeenCalledOnce();
    const again = { preventDefault: vi.fn() };
    app.emit('before-quit', again); // the quit it started goes through
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(showMessageBox).toHaveBeenCalledOnce();
  });
});

describe('start at login', () => {
  it('writes and removes an XDG autostart entry on Linux', () => {
    const home = tempDir();
    const env = { XDG_CONFIG_HOME: join(home, 'cfg') };
    const deps = {
      app: {} as never,
      platform: 'linux' as const,
      executable: '/opt/Pack line/packline',
      env,
      home,
    };
    expect(getStartAtLogin(deps)).toBe(false);
    setStartAtLogin(deps, true);
    expect(getStartAtLogin(deps)).toBe(true);
    const file = autostartFile(env, home);
    expect(file).toBe(join(home, 'cfg', 'autostart', 'packline.desktop'));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Pack line/packline"');
    setStartAtLogin(deps, false);
    expect(existsSync(file)).toBe(false);
    expect(autostartEntry('/a/"$x"')).toContain('Exec="/a/\\"\\$x\\""');
  });

  it('uses the login item settings on macOS and Windows', () => {
    const app = {
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: true }) as never),
      setLoginItemSettings: vi.fn(),
    };
    const deps = { app, platform: 'darwin' as const, executable: '/Applications/Packline.app' };
    expect(getStartAtLogin(deps)).toBe(true);
    setStartAtLogin(deps, false);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: false });
  });
});

describe('data folder', () => {
  it('takes --data-dir DIR, --data-dir=DIR or PACKLINE_DATA_DIR, among Electron switches', () => {
    const argv = ['/electron', '--inspect=0', '--remote-debugging-port=0', '.', '--data-dir', 'd1'];
    expect(dataDirFromArgs(argv, {})).toBe(resolve('d1'));
    expect(dataDirFromArgs(['/electron', '--data-dir=/tmp/d2'], {})).toBe('/tmp/d2');
    expect(dataDirFromArgs(['/electron', '.'], { PACKLINE_DATA_DIR: '/tmp/d3' })).toBe('/tmp/d3');
    expect(dataDirFromArgs(['/electron', '--data-dir', 'x'], { PACKLINE_DATA_DIR: '/y' })).toBe(
      resolve('x'),
    );
    expect(dataDirFromArgs(['/electron', '.'], {})).toBeUndefined();
  });
});

describe('vault cipher', () => {
  const storage = (backend: string) => ({
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend as never,
    encryptString: (s: string) => Buffer.from(s.split('').reverse().join('')),
    decryptString: (b: Buffer) => b.toString().split('').reverse().join(''),
  });

  it('encrypts with the OS keychain and round-trips', () => {
    const cipher = safeStorageCipher(storage('gnome_libsecret'), 'linux');
    expect(cipher?.protection).toBe('os-keychain');
    expect(cipher?.decrypt(cipher.encrypt('hunter2'))).toBe('hunter2');
    expect(cipher?.encrypt('hunter2')).not.toContain('hunter2');
  });

  it('is not claimed when Linux has no keyring (Electron would use a fixed key)', () => {
    expect(safeStorageCipher(storage('basic_text'), 'linux')).toBeUndefined();
    expect(
      safeStorageCipher({ ...storage('x'), isEncryptionAvailable: () => false }, 'win32'),
    ).toBeUndefined();
  });
});

describe('outbox status for the badge and the quit question', () => {
  it('counts everything not yet uploaded and updates the badge only on change', async () => {
    const { createOutboxStatus } = await import('../../../main/electron/outbox-status');
    const badge = { setBadgeCount: vi.fn() };
    const status = createOutboxStatus(badge);
    const counts = {
      queued: 2,
      sending: 1,
      attention: 1,
      sentToday: 9,
      online: true,
      draining: true,
    };
    status.update(counts);
    status.update(counts);
    expect(status.pending()).toBe(4);
    expect(badge.setBadgeCount).toHaveBeenCalledTimes(1);
    status.update({ ...counts, queued: 0, sending: 0, attention: 0 });
    expect(status.pending()).toBe(0);
    expect(badge.setBadgeCount).toHaveBeenLastCalledWith(0);
  });
});
