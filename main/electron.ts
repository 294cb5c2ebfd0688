// Electron entry. Thin on purpose: it wires the window, the app:// scheme, the ipc transport
// and the desktop-only behaviours in main/electron/* around the plain-Node core
// (main/core.ts) that browser mode runs too. Order matters in three places, marked below.
import {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import electronUpdater from 'electron-updater';
import Store from 'electron-store';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forwardEventsToWindow, registerIpcBridge } from './bridge/ipc-adapter';
import { createCore } from './core';
import { createBadge } from './electron/badge';
import { startCrashReporter, watchChildProcesses, watchRenderer } from './electron/crash-recovery';
import { dataDirFromArgs } from './electron/data-dir';
import { openTrackingLink } from './electron/external-links';
import { getStartAtLogin, setStartAtLogin, type LoginItemDeps } from './electron/login-item';
import { buildMenuTemplate } from './electron/menu';
import { electronPrintOutput } from './electron/printing';
import { electronSaveFile } from './electron/save-file';
import type { OutboxCounts } from '../preload/api/outbox';
import { createOutboxStatus } from './electron/outbox-status';
import { APP_INDEX_URL, handleAppProtocol, registerAppScheme } from './electron/protocol';
import { installQuitGuard } from './electron/quit-guard';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { claimSingleInstance, focusWindow } from './electron/single-instance';
import { reportStartupFailure } from './electron/startup-failure';
import { buildFeedUrl, electronUpdaterPort } from './electron/updater';
import {
  createSenderCheck,
  createWindowOptions,
  devToolsAllowed,
  hardenSession,
  hardenWebContents,
} from './electron/window';
import {
  fitToScreens,
  loadWindowState,
  saveWindowState,
  trackWindowState,
  WINDOW_STATE_STORE_OPTIONS,
} from './electron/window-state';
import { createLogger, type Logger } from './log';
import { logsDir } from './station/logs/file-sink';
import { StationUpdates } from './station/updates/station-updates';

const here = dirname(fileURLToPath(import.meta.url)); // dist/main
const rendererDir = join(here, '../renderer');
const preload = join(here, '../preload/index.cjs');
const iconDir = join(here, '../../assets/icons');

// (1) Before ready: the scheme's privileges, the data folder (--data-dir / env), since
// Electron fixes userData when it becomes ready, and the crash reporter (dumps into that
// folder), which must start before anything can crash.
registerAppScheme(protocol);
const requestedDataDir = dataDirFromArgs(process.argv);
if (requestedDataDir) app.setPath('userData', requestedDataDir);
startCrashReporter(app, crashReporter);

let log: Logger = createLogger(); // stderr until the core adds the log file
/** The current logger, for guards installed before the core exists. */
const liveLog: Logger = {
  info: (m, f) => log.info(m, f),
  warn: (m, f) => log.warn(m, f),
  error: (m, f) => log.error(m, f),
};
let win: BrowserWindow | undefined;
const devTools = devToolsAllowed(app.isPackaged, process.argv);

// (2) Every web contents, including any the page tries to create, gets the guards at birth.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, {
    log: liveLog,
    openExternal: (url) => openTrackingLink(shell, url, log),
  });
});
watchChildProcesses(app, liveLog);

type Core = Awaited<ReturnType<typeof createCore>>;

async function main(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const updates = stationUpdates(dataDir);
  const core = await startCore(dataDir, updates);
  log = core.log;

  hardenSession(session.defaultSession, log);
  handleAppProtocol(protocol, rendererDir);
  const window = openWindow(dataDir);

  registerIpcBridge(ipcMain, {
    handlers: core.handlers,
    log,
    isTrustedSender: createSenderCheck(() => (win?.isDestroyed() ? undefined : win?.webContents)),
  });
  forwardEventsToWindow(core.bus, window.webContents);
  watchRenderer(window.webContents, {
    log,
    tell: (message) => {
      if (window.isDestroyed()) return;
      void dialog.showMessageBox(window, { type: 'warning', message, buttons: ['OK'] });
    },
    onPageGone: () => updates.pageReloaded(),
  });
  const outbox = followOutbox(core, updates);
  startUpdates(core, updates, outbox);

  const quitGuard = installQuitGuard({
    app,
    window: () => win,
    showMessageBox: (options) => dialog.showMessageBox(window, options),
    pendingUploads: () => outbox.pending(),
    log,
  });
  quitGuard.attachToWindow();
  installMenu(core, window, dataDir);

  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    win = undefined;
  });
  // (3) The page loads last, once the bridge it calls on start-up is registered.
  await window.loadURL(APP_INDEX_URL);

  app.on('window-all-closed', () => {
    updates.dispose();
    void core.dispose().finally(() => app.quit());
  });
}

function stationUpdates(dataDir: string): StationUpdates {
  return new StationUpdates({
    currentVersion: app.getVersion(),
    updater: electronUpdaterPort(electronUpdater.autoUpdater, {
      log: liveLog,
      development: !app.isPackaged,
      dataDir,
    }),
    buildFeedUrl: app.isPackaged ? buildFeedUrl(process.resourcesPath) : undefined,
  });
}

/** The plain-Node core with the desktop's keychain, printers, save dialog and self-update. */
function startCore(dataDir: string, updates: StationUpdates): Promise<Core> {
  const cipher = safeStorageCipher(safeStorage, process.platform);
  return createCore({
    info: { version: app.getVersion(), mode: 'electron', dataDir },
    log,
    updates,
    printOutput: electronPrintOutput({
      log: liveLog,
      downloadsDir: app.getPath('downloads'),
      parent: () => win,
    }),
    saveFile: electronSaveFile({ dialog, window: () => win, defaultDir: app.getPath('documents') }),
    ...(cipher
      ? { cipher }
      : {
          protectionWarning:
            'No system keyring here: the password is protected by file permissions only.',
        }),
  });
}

/** The window where it was last, on a screen that is still there; its moves are kept. */
function openWindow(dataDir: string): BrowserWindow {
  const openWindowStore = (cwd: string) => new Store({ cwd, ...WINDOW_STATE_STORE_OPTIONS });
  const saved = loadWindowState(openWindowStore, dataDir, log);
  const state = fitToScreens(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow(
    createWindowOptions({ preload, state, icon: join(iconDir, '512x512.png'), devTools }),
  );
  win = window;
  if (state.maximized) window.maximize();
  trackWindowState(window, (s) => {
    try {
      saveWindowState(openWindowStore, dataDir, s);
    } catch (error) {
      log.warn('could not save the window state', { error });
    }
  });
  return window;
}

/** The badge and the quit question follow the outbox's counts (outbox-status.ts). */
function followOutbox(core: Core, updates: StationUpdates): ReturnType<typeof createOutboxStatus> {
  const badge = createBadge({
    app,
    window: () => win,
    platform: process.platform,
    overlay: nativeImage.createFromPath(join(iconDir, 'badge.png')),
  });
  badge.setBadgeCount(0);
  const outbox = createOutboxStatus(badge);
  outbox.update(core.services.outbox.counts());
  core.bus.subscribe((event, payload) => {
    if (event !== 'outbox.counts') return;
    outbox.update(payload as OutboxCounts);
    updates.outboxChanged();
  });
  return outbox;
}

/**
 * Updates: found and downloaded in the background, installed only while nothing waits to
 * upload and no order is open (main/station/updates/controller.ts).
 */
function startUpdates(
  core: Core,
  updates: StationUpdates,
  outbox: ReturnType<typeof createOutboxStatus>,
): void {
  updates.start({
    settingsUrl: () => core.services.settings.get().updates.url,
    uploadsWaiting: () => outbox.pending(),
    onStatus: (status) => core.bus.emit('updates.status', status),
    log,
  });
  core.services.settings.onChange(() => updates.settingsChanged());
}

/** The application menu; built again when "Start at login" changes, so it shows the new tick. */
function installMenu(core: Core, window: BrowserWindow, dataDir: string): void {
  const loginItem: LoginItemDeps = {
    app,
    platform: process.platform,
    executable: process.env.APPIMAGE ?? process.execPath,
  };
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          development: devTools,
          startAtLogin: getStartAtLogin(loginItem),
          saveDiagnostics: () => {
            void saveDiagnosticsFromMenu(core);
          },
          openLogFolder: () => {
            void shell.openPath(logsDir(dataDir));
          },
          setStartAtLogin: (enabled) => {
            try {
              setStartAtLogin(loginItem, enabled);
              log.info('start at login changed', { enabled });
            } catch (error) {
              log.error('could not change start at login', { error });
            }
            setMenu();
          },
          sendKey: (event) => window.webContents.sendInputEvent(event),
        }),
      ),
    );
  setMenu();
}

async function saveDiagnosticsFromMenu(core: Core): Promise<void> {
  try {
    const path = await core.services.support.saveDiagnostics();
    log.info('diagnostics saved', { path });
    shell.showItemInFolder(path);
  } catch (error) {
    log.error('could not save diagnostics', { error });
    dialog.showErrorBox(
      'Packline',
      'Packline could not save diagnostics; the log has the details.',
    );
  }
}

// A second launch focuses this window and exits; only the first instance starts the app.
if (claimSingleInstance(app, () => focusWindow(win))) {
  main().catch((error: unknown) => {
    // A dialog, not only stderr: nobody at a packing bench reads a terminal.
    reportStartupFailure(error, {
      log,
      dataDir: app.getPath('userData'),
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      exit: (code) => app.exit(code),
    });
  });
}
