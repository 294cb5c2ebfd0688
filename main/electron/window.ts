// The main window's options and the guards every web contents and the session get: the
// Electron security checklist items that live in code (the rest are fuses, see
// electron-builder.yml). Each guard is a plain function over the slice of Electron it touches,
// so test/unit/electron/window.test.ts asserts them with fakes.
import type {
  BrowserWindowConstructorOptions,
  Event,
  HandlerDetails,
  IpcMainInvokeEvent,
  Session,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import type { Logger } from '../log';
import { isTrackingLink } from './external-links';
import { APP_HOST, APP_SCHEME } from './protocol';
import type { WindowState } from './window-state';

export interface WindowOptionsInput {
  preload: string;
  state: WindowState;
  icon?: string;
  /** Development builds, or a packaged one started with --enable-devtools (devToolsAllowed). */
  devTools: boolean;
}

/** `--enable-devtools`: support may open the developer tools in a packaged build. */
const DEVTOOLS_FLAG = '--enable-devtools';

export function devToolsAllowed(packaged: boolean, argv: readonly string[]): boolean {
  return !packaged || argv.includes(DEVTOOLS_FLAG);
}

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { state } = input;
  return {
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 800,
    minHeight: 560,
    show: false, // shown on ready-to-show: no white flash
    title: 'Packline',
    backgroundColor: '#ffffff',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Off in a packaged build: hiding the menu item is not enough, Ctrl+Shift+I and
      // webContents.openDevTools would still open them.
      devTools: input.devTools,
    },
  };
}

/** True for URLs of the app's own page (app://packline/…) and nothing else. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface HardeningDeps {
  log: Logger;
  /** Opens an allowed tracking link in the system browser (external-links.ts). */
  openExternal: (url: string) => Promise<unknown>;
}

/** What the window-open handler answers; exported for the test. */
function windowOpenDecision(
  details: Pick<HandlerDetails, 'url'>,
  deps: HardeningDeps,
): WindowOpenHandlerResponse {
  if (isTrackingLink(details.url)) {
    deps.openExternal(details.url).catch((error: unknown) => {
      deps.log.warn('could not open a tracking link', { error });
    });
  } else {
    deps.log.warn('blocked a new window', { url: details.url.slice(0, 200) });
  }
  return { action: 'deny' };
}

/**
 * Applied to every web contents the app creates (app 'web-contents-created'): no navigation
 * away from the page, no redirects, no <webview>, no new windows — a tracking link the app
 * built opens in the system browser instead.
 */
export function hardenWebContents(contents: Guarded, deps: HardeningDeps): void {
  const block = (what: string) => (event: Event, url: string) => {
    event.preventDefault();
    deps.log.warn(`blocked ${what}`, { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', block('navigation'));
  contents.on('will-redirect', block('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log.warn('blocked a webview');
  });
  contents.setWindowOpenHandler((details) => windowOpenDecision(details, deps));
}

type Guardable = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'
>;

/**
 * Permissions are denied by default and there is no exception yet: the app needs no camera,
 * microphone, notifications, geolocation or devices from the page (the scanner is a keyboard;
 * printing runs in main). Downloads started by the page are cancelled: main writes files.
 */
export function hardenSession(session: Guardable, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('denied a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn('blocked a download from the page');
  });
}

/**
 * The ipc adapter's sender check: the call must come from our window's web contents, from its
 * main frame (not an iframe), showing a page on app://packline.
 */
export function createSenderCheck(
  ourContents: () => Pick<WebContents, 'id' | 'mainFrame'> | undefined,
): (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean {
  return (event) => {
    const contents = ourContents();
    const frame = event.senderFrame;
    if (!contents || !frame) return false;
    return event.sender.id === contents.id && frame === contents.mainFrame && isAppUrl(frame.url);
  };
}
