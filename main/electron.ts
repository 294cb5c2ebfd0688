// Electron entry. Thin on purpose: it owns the window and the ipc transport; every behaviour
// lives in the plain-Node core (main/core.ts) that browser mode runs too.
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { forwardEventsToWindow, registerIpcBridge } from './bridge/ipc-adapter';
import { createCore } from './core';
import { CONTENT_SECURITY_POLICY } from './host-server';
import { createLogger } from './log';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

export const windowOptions: Electron.BrowserWindowConstructorOptions = {
  width: 1280,
  height: 860,
  show: false,
  title: 'Packline',
  webPreferences: {
    preload: join(here, '../preload/index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
  },
};

async function main(): Promise<void> {
  const log = createLogger();
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const core = await createCore({
    info: { version: app.getVersion(), mode: 'electron', dataDir },
    log,
  });

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  const win = new BrowserWindow(windowOptions);
  const isTrustedSender = (event: IpcMainInvokeEvent) =>
    event.sender.id === win.webContents.id &&
    event.senderFrame?.url.startsWith(rendererUrl) === true;
  registerIpcBridge(ipcMain, { handlers: core.handlers, log, isTrustedSender });
  forwardEventsToWindow(core.bus, win.webContents);

  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  await win.loadFile(rendererIndex);

  app.on('window-all-closed', () => {
    void core.dispose().finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Packline could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  app.exit(1);
});
