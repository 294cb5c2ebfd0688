// One Packline per station: a second launch (a double-click on the icon, a login item firing
// while the app is open) focuses the window already there instead of opening a second one
// that would contend for the same outbox and data folder.
import type { App, BrowserWindow } from 'electron';

type Lockable = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;

/** False when another Packline already runs; this one then quits. */
export function claimSingleInstance(app: Lockable, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusExisting());
  return true;
}

export function focusWindow(
  win:
    Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus' | 'isDestroyed'> | undefined,
): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
