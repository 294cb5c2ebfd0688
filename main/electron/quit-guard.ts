// Quitting while packages are still waiting to upload asks first. Either answer keeps them:
// the outbox is on disk and uploads on the next start; the question is only whether the packer
// meant to leave before they went.
import type { App, BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { Logger } from '../log';
import { agree, count, PACKAGE } from '../../common/format';

export interface QuitGuardDeps {
  app: Pick<App, 'on' | 'quit'>;
  window: () => Pick<BrowserWindow, 'on'> | undefined;
  showMessageBox: (options: MessageBoxOptions) => Promise<MessageBoxReturnValue>;
  /** Packages in the outbox not yet uploaded (0 until the outbox is wired in). */
  pendingUploads: () => number;
  log: Logger;
}

export const KEEP_OPEN = 0;
export const QUIT_ANYWAY = 1;

function quitWarning(pending: number): MessageBoxOptions {
  const packages = `${count(pending, PACKAGE)} ${agree(pending, 'is', 'are')}`;
  return {
    type: 'warning',
    buttons: ['Keep Packline open', 'Quit'],
    defaultId: KEEP_OPEN,
    cancelId: KEEP_OPEN,
    noLink: true,
    title: 'Packline',
    message: `${packages} still waiting to upload`,
    detail:
      'They are saved on this computer and will upload the next time Packline starts. ' +
      'Keep Packline open to upload them now.',
  };
}

/** Installs the guard on app quit (menu, Cmd+Q) and on closing the window. */
export function installQuitGuard(deps: QuitGuardDeps): { attachToWindow: () => void } {
  let confirmed = false;
  let asking = false;

  const guard = (event: { preventDefault: () => void }) => {
    if (confirmed) return;
    const pending = deps.pendingUploads();
    if (pending <= 0) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    deps
      .showMessageBox(quitWarning(pending))
      .then(({ response }) => {
        if (response !== QUIT_ANYWAY) return;
        confirmed = true;
        deps.log.info('quit with uploads pending; they are kept for the next start', {
          pending,
        });
        deps.app.quit();
      })
      .catch((error: unknown) => deps.log.error('quit question failed', { error }))
      .finally(() => {
        asking = false;
      });
  };

  deps.app.on('before-quit', guard);
  return {
    attachToWindow() {
      deps.window()?.on('close', guard);
    },
  };
}
