// Electron entry. Thin on purpose: it wires the window, the app:// scheme, the ipc transport
// and the desktop-only behaviours in main/electron/* around the plain-Node core
// (main/core.ts) that browser mode runs too. Order matters in three places, marked below.
import {
  app,
  BrowserWindow,
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
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forwardEventsToWindow, registerIpcBridge } from './bridge/ipc-adapter';
import { createCore } from './core';
import { createBadge } from './electron/badge';
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
import {
  createSenderCheck,
  createWindowOptions,
  hardenSession,
  hardenWebContents,
} from './electron/window';
import {
  fitToScreens,
  loadWindowState,
  saveWindowState,
  trackWindowState,
} from './electron/window-state';
import { createLogger, type Logger } from './log';
import { logsDir } from './station/logs/file-sink';

const here = dirname(fileURLToPath(import.meta.url)); // dist/main
const rendererDir = join(here, '../renderer');
const preload = join(here, '../preload/index.cjs');
const iconDir = join(here, '../../assets/icons');

// (1) Before ready: the scheme's privileges, and the data folder (--data-dir / env), since
// Electron fixes userData when it becomes ready.
registerAppScheme(protocol);
const requestedDataDir = dataDirFromArgs(process.argv);
if (requestedDataDir) app.setPath('userData', requestedDataDir);

let log: Logger = createLogger(); // stderr until the core adds the log file
let win: BrowserWindow | undefined;

// (2) Every web contents, including any the page tries to create, gets the guards at birth.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, {
    log: {
      info: (m, f) => log.info(m, f),
      warn: (m, f) => log.warn(m, f),
      error: (m, f) => log.error(m, f),
    },
    openExternal: (url) => openTrackingLink(shell, url, log),
  });
});

async function main(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const cipher = safeStorageCipher(safeStorage, process.platform);
  const core = await createCore({
    info: { version: app.getVersion(), mode: 'electron', dataDir },
    log,
    printOutput: electronPrintOutput({
      log: {
        info: (m, f) => log.info(m, f),
        warn: (m, f) => log.warn(m, f),
        error: (m, f) => log.error(m, f),
      },
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
  log = core.log;

  hardenSession(session.defaultSession, log);
  handleAppProtocol(protocol, rendererDir);

  const saved = await loadWindowState(dataDir, log);
  const state = fitToScreens(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow(
    createWindowOptions({ preload, state, icon: join(iconDir, '512x512.png') }),
  );
  win = window;
  if (state.maximized) window.maximize();
  trackWindowState(window, (s) => {
    saveWindowState(dataDir, s).catch((error: unknown) =>
      log.warn('could not save the window state', { error }),
    );
  });

  registerIpcBridge(ipcMain, {
    handlers: core.handlers,
    log,
    isTrustedSender: createSenderCheck(() => (win?.isDestroyed() ? undefined : win?.webContents)),
  });
  forwardEventsToWindow(core.bus, window.webContents);

  // The badge and the quit question follow the outbox's counts (outbox-status.ts).
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
    if (event === 'outbox.counts') outbox.update(payload as OutboxCounts);
  });

  const quitGuard = installQuitGuard({
    app,
    window: () => win,
    showMessageBox: (options) => dialog.showMessageBox(window, options),
    pendingUploads: () => outbox.pending(),
    log,
  });
  quitGuard.attachToWindow();

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
          development: !app.isPackaged,
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

  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    win = undefined;
  });
  // (3) The page loads last, once the bridge it calls on start-up is registered.
  await window.loadURL(APP_INDEX_URL);

  app.on('window-all-closed', () => {
    void core.dispose().finally(() => app.quit());
  });
}

async function saveDiagnosticsFromMenu(
  core: Awaited<ReturnType<typeof createCore>>,
): Promise<void> {
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
    log.error('Packline could not start', { error });
    process.stderr.write(
      `Packline could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    app.exit(1);
  });
}
