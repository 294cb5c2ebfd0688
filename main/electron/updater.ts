// electron-updater behind the UpdaterPort the update controller drives
// (main/station/updates/controller.ts decides when to install). Generic provider only: a
// seller hosts the files `npm run dist` makes (latest*.yml beside the installers) on any web
// server. The address comes from Settings, else from the build (electron-builder writes it to
// resources/app-update.yml when built with `npm run dist -- --update-url URL`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { UpdaterEvent, UpdaterPort } from '../station/updates/controller';

/** The slice of electron-updater's AppUpdater used here (tests pass a fake). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  forceDevUpdateConfig: boolean;
  updateConfigPath: string | null;
  logger: {
    info: (message?: unknown) => void;
    warn: (message?: unknown) => void;
    error: (message?: unknown) => void;
  } | null;
  setFeedURL: (options: { provider: 'generic'; url: string }) => void;
  checkForUpdates: () => Promise<unknown>;
  quitAndInstall: (isSilent?: boolean, isForceRunAfter?: boolean) => void;
  // Method syntax on purpose: electron-updater's `on` is typed per event name, and only a
  // method's parameters compare both ways, so its AppUpdater fits this one loose signature.
  // eslint-disable-next-line @typescript-eslint/method-signature-style
  on(event: string, listener: (...args: never[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/method-signature-style
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * The placeholder in electron-builder.yml's `publish.url`: `.invalid` never resolves, and this
 * address means "no update server built in" (the build still writes latest*.yml for hosting).
 */
export const NO_BUILD_FEED = 'https://updates.invalid/packline';

/** The update address built into this installation, if a real one was given at build time. */
export function buildFeedUrl(
  resourcesPath: string,
  read: (path: string, encoding: 'utf8') => string = readFileSync,
): string | undefined {
  let text: string;
  try {
    text = read(join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return undefined;
  }
  const provider = /^provider:\s*['"]?([\w-]+)/m.exec(text)?.[1];
  const url = /^url:\s*['"]?([^'"\s]+)/m.exec(text)?.[1];
  if (provider !== 'generic' || !url || url.replace(/\/$/, '') === NO_BUILD_FEED) return undefined;
  return url;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

export function electronUpdaterPort(
  updater: AutoUpdaterLike,
  options: { log: Logger; development: boolean; dataDir?: string },
): UpdaterPort {
  updater.autoDownload = true;
  // Installing is the controller's call (no uploads waiting, no order open), never a side
  // effect of quitting.
  updater.autoInstallOnAppQuit = false;
  // Only for running the e2e spec against the unpackaged app; a packaged build ignores it.
  const devUpdates =
    options.development && process.env.PACKLINE_UPDATES_IN_DEVELOPMENT === '1' && !!options.dataDir;
  updater.forceDevUpdateConfig = devUpdates;
  updater.logger = {
    info: (m) => options.log.info(`updater: ${text(m)}`),
    warn: (m) => options.log.warn(`updater: ${text(m)}`),
    error: (m) => options.log.error(`updater: ${text(m)}`),
  };
  return {
    setFeedUrl(url) {
      if (devUpdates && options.dataDir) {
        // An unpackaged app has no resources/app-update.yml, which electron-updater reads for
        // its download cache's name; give it one in the data folder.
        const dir = join(options.dataDir, 'updater');
        mkdirSync(dir, { recursive: true });
        const path = join(dir, 'dev-app-update.yml');
        writeFileSync(
          path,
          `provider: generic\nurl: ${url}\nupdaterCacheDirName: packline-updater-dev\n`,
        );
        updater.updateConfigPath = path;
      }
      updater.setFeedURL({ provider: 'generic', url });
    },
    async check() {
      const result = await updater.checkForUpdates();
      if (result === null) {
        // electron-updater checks nothing in an unpackaged app (development) and says so only
        // in its log.
        throw new Error('the updater is inactive: this Packline is not an installed build');
      }
      return result;
    },
    install() {
      updater.quitAndInstall(true, true);
    },
    onEvent(listener) {
      const handlers: [string, (...args: never[]) => void][] = [
        ['checking-for-update', () => listener({ type: 'checking' })],
        [
          'update-available',
          (info: { version: string }) => listener({ type: 'available', version: info.version }),
        ],
        ['update-not-available', () => listener({ type: 'not-available' })],
        [
          'download-progress',
          (info: { percent: number }) => listener({ type: 'progress', percent: info.percent }),
        ],
        [
          'update-downloaded',
          (info: { version: string }) => listener({ type: 'downloaded', version: info.version }),
        ],
        ['error', (error: unknown) => listener({ type: 'error', error } satisfies UpdaterEvent)],
      ];
      for (const [event, handler] of handlers) updater.on(event, handler);
      return () => {
        for (const [event, handler] of handlers) updater.removeListener(event, handler);
      };
    },
  };
}
