// The count of packages waiting to upload, where the packer sees it without opening the app:
// the dock badge on macOS, the launcher badge on Linux desktops that support it (Unity API),
// an overlay on the Windows taskbar button, and the window title everywhere.
// electron.ts feeds it from the outbox's `outbox.counts` event.
import type { App, BrowserWindow, NativeImage } from 'electron';
import { count as countOf, PACKAGE } from '../../common/format';

export interface BadgeDeps {
  app: Pick<App, 'setBadgeCount'>;
  window: () => Pick<BrowserWindow, 'setTitle' | 'setOverlayIcon' | 'isDestroyed'> | undefined;
  platform: NodeJS.Platform;
  /** Windows: the small image drawn over the taskbar button while something waits. */
  overlay?: NativeImage;
  title?: string;
}

export function badgeTitle(count: number, title = 'Packline'): string {
  if (count <= 0) return title;
  return `${title} — ${countOf(count, PACKAGE)} waiting to upload`;
}

export function createBadge(deps: BadgeDeps): { setBadgeCount: (count: number) => void } {
  return {
    setBadgeCount(raw) {
      const count = Math.max(0, Math.floor(Number.isFinite(raw) ? raw : 0));
      const win = deps.window();
      if (win && !win.isDestroyed()) {
        win.setTitle(badgeTitle(count, deps.title));
        if (deps.platform === 'win32') {
          win.setOverlayIcon(
            count > 0 ? (deps.overlay ?? null) : null,
            count > 0 ? badgeTitle(count, deps.title) : '',
          );
        }
      }
      if (deps.platform !== 'win32') deps.app.setBadgeCount(count);
    },
  };
}
