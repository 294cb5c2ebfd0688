// Crashes are kept and survived. Chromium's crash reporter writes minidumps to
// <data dir>/crashes (uploadToServer: false: nothing leaves the station; Save diagnostics
// takes them). When the page's process dies the window is reloaded and the packer is told in
// one sentence; nothing is lost, since every scan and shipment lives in main. A page that keeps
// dying is not reloaded in a loop.
import type { App, CrashReporter, Details, RenderProcessGoneDetails, WebContents } from 'electron';
import type { Logger } from '../log';
import { crashDir } from '../station/crash-dumps';

/** Before the app is ready, after the data folder is settled (--data-dir). */
export function startCrashReporter(
  app: Pick<App, 'getPath' | 'setPath'>,
  crashReporter: Pick<CrashReporter, 'start'>,
): string {
  const dir = crashDir(app.getPath('userData'));
  app.setPath('crashDumps', dir);
  crashReporter.start({ uploadToServer: false });
  return dir;
}

export const PAGE_RELOADED =
  "Packline's screen stopped unexpectedly and has been reopened — nothing you packed is lost; " +
  'scan the order again to carry on.';
export const PAGE_KEEPS_CRASHING =
  "Packline's screen keeps stopping — quit Packline and start it again; if it happens again, " +
  'use File → Save Diagnostics and send the file to support.';

export interface CrashRecoveryDeps {
  log: Logger;
  /** Shows the packer a sentence (a message box over the window). */
  tell: (message: string) => void;
  /** Called when the page is gone, before it reloads (its reported state is stale). */
  onPageGone?: () => void;
  /** More crashes than this within `windowMs` stop the reloading (default 3 in 5 minutes). */
  maxReloads?: number;
  windowMs?: number;
  now?: () => number;
}

type WatchedContents = Pick<WebContents, 'on' | 'reload' | 'isDestroyed'>;

export function watchRenderer(contents: WatchedContents, deps: CrashRecoveryDeps): void {
  const now = deps.now ?? Date.now;
  const maxReloads = deps.maxReloads ?? 3;
  const windowMs = deps.windowMs ?? 5 * 60_000;
  let crashes: number[] = [];
  contents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    const fields = { reason: details.reason, exitCode: details.exitCode };
    if (details.reason === 'clean-exit') {
      deps.log.info('page process exited', fields);
      return;
    }
    deps.log.error('page process gone', fields);
    deps.onPageGone?.();
    if (contents.isDestroyed()) return;
    const at = now();
    crashes = [...crashes.filter((t) => at - t < windowMs), at];
    if (crashes.length > maxReloads) {
      deps.log.error('page keeps crashing; not reloading it again', { crashes: crashes.length });
      deps.tell(PAGE_KEEPS_CRASHING);
      return;
    }
    contents.reload();
    deps.tell(PAGE_RELOADED);
  });
  contents.on('unresponsive', () => deps.log.warn('page unresponsive'));
  contents.on('responsive', () => deps.log.info('page responsive again'));
}

/** GPU, utility and other helper processes: Chromium restarts them itself; we keep a record. */
export function watchChildProcesses(app: Pick<App, 'on'>, log: Logger): void {
  app.on('child-process-gone', (_event, details: Details) => {
    const fields = {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      ...(details.serviceName ? { serviceName: details.serviceName } : {}),
      ...(details.name ? { name: details.name } : {}),
    };
    if (details.reason === 'clean-exit') log.info('helper process exited', fields);
    else log.error('helper process gone', fields);
  });
}
