// main/electron.ts wired against a mocked electron module: the order of the start-up steps and
// that the window, session, scheme, bridge and menu all get their hardened settings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'packline-entry-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const calls = vi.hoisted(() => [] as string[]);
const electron = vi.hoisted(() => {
  const on = () => vi.fn();
  const webContents = {
    id: 1,
    mainFrame: { url: 'app://packline/index.html' },
    send: vi.fn(),
    isDestroyed: () => false,
    sendInputEvent: vi.fn(),
    on: vi.fn(),
    setWindowOpenHandler: vi.fn(),
  };
  const windows: { options: unknown }[] = [];
  class BrowserWindow {
    webContents = webContents;
    constructor(readonly options: unknown) {
      calls.push('new BrowserWindow');
      windows.push(this);
    }
    on = vi.fn();
    once = vi.fn();
    show = vi.fn();
    maximize = vi.fn();
    isDestroyed = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 860 });
    setTitle = vi.fn();
    setOverlayIcon = vi.fn();
    loadURL = vi.fn(async (url: string) => {
      calls.push(`loadURL ${url}`);
    });
  }
  return {
    windows,
    webContents,
    app: {
      whenReady: vi.fn(async () => {
        calls.push('whenReady');
      }),
      getPath: vi.fn(() => ''),
      setPath: vi.fn((name: string, _path: string) => {
        calls.push(`setPath ${name}`);
      }),
      getVersion: () => '0.1.0',
      isPackaged: false,
      on: vi.fn(),
      quit: vi.fn(),
      exit: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      setBadgeCount: vi.fn(() => true),
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
      setLoginItemSettings: vi.fn(),
    },
    BrowserWindow,
    crashReporter: {
      start: vi.fn(() => {
        calls.push('crashReporter.start');
      }),
    },
    dialog: { showMessageBox: vi.fn(), showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    nativeImage: { createFromPath: vi.fn(() => ({})) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => {
        calls.push('registerSchemesAsPrivileged');
      }),
      handle: vi.fn(),
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: vi.fn(),
      decryptString: vi.fn(),
      getSelectedStorageBackend: () => 'basic_text',
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        on: on(),
      },
    },
    shell: { openExternal: vi.fn(), openPath: vi.fn(), showItemInFolder: vi.fn() },
  };
});

vi.mock('electron', () => ({ ...electron, default: electron }));
const updater = vi.hoisted(() => ({
  autoDownload: false,
  autoInstallOnAppQuit: true,
  forceDevUpdateConfig: false,
  updateConfigPath: null,
  logger: null,
  setFeedURL: vi.fn(),
  checkForUpdates: vi.fn(async () => null),
  quitAndInstall: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: updater }, autoUpdater: updater }));
vi.mock('../../../main/core', async () => {
  const { EventBus } = await import('../../../main/bridge/events');
  const { silentLogger } = await import('../../../main/log');
  return {
    createCore: vi.fn(async () => ({
      handlers: {},
      bus: new EventBus(),
      services: {
        support: { saveDiagnostics: vi.fn() },
        settings: { get: () => ({ updates: { url: '' } }), onChange: vi.fn() },
        outbox: {
          counts: vi.fn(() => ({
            queued: 2,
            sending: 0,
            attention: 1,
            sentToday: 0,
            online: true,
            draining: false,
          })),
        },
      },
      log: silentLogger,
      dispose: vi.fn(async () => undefined),
    })),
  };
});

describe('the Electron entry', () => {
  it('starts hardened, in order, in the data folder it was given', async () => {
    electron.app.getPath.mockReturnValue(dataDir);
    const before = process.env.PACKLINE_DATA_DIR;
    process.env.PACKLINE_DATA_DIR = dataDir;
    try {
      await import('../../../main/electron');
      await vi.waitFor(() => expect(calls.some((c) => c.startsWith('loadURL'))).toBe(true));
    } finally {
      if (before === undefined) delete process.env.PACKLINE_DATA_DIR;
      else process.env.PACKLINE_DATA_DIR = before;
    }

    // The scheme, the data folder and the crash reporter are settled before ready; the crash
    // dumps go into the data folder and nowhere else; the page loads last.
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls.indexOf('setPath userData')).toBeLessThan(calls.indexOf('setPath crashDumps'));
    expect(calls.indexOf('setPath crashDumps')).toBeLessThan(calls.indexOf('crashReporter.start'));
    expect(calls.indexOf('crashReporter.start')).toBeLessThan(calls.indexOf('whenReady'));
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(electron.app.setPath).toHaveBeenCalledWith('crashDumps', join(dataDir, 'crashes'));
    expect(electron.crashReporter.start).toHaveBeenCalledWith({ uploadToServer: false });
    expect(electron.app.on).toHaveBeenCalledWith('child-process-gone', expect.any(Function));
    // The page's process is watched, so a crash reloads it.
    expect(electron.webContents.on).toHaveBeenCalledWith(
      'render-process-gone',
      expect.any(Function),
    );
    // Updates never install on quit behind the controller's back; no address, no checking.
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(calls.at(-1)).toBe('loadURL app://packline/index.html');

    // The badge shows what has not reached FeedAMP yet (2 waiting + 1 needing attention).
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(3);

    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const session = electron.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.setPermissionCheckHandler).toHaveBeenCalled();

    const [window] = electron.windows;
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    // One ipc channel per contract method, each checking its sender.
    expect(electron.ipcMain.handle).toHaveBeenCalled();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });
});
