// "Start Packline at login", for dedicated stations. The operating system holds the setting
// (so it is never out of step with what really happens): macOS and Windows through Electron's
// login item API; Linux desktops through an XDG autostart entry, which Electron does not write.
import type { App } from 'electron';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface LoginItemDeps {
  app: Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  /** The program to start: the AppImage when run from one, else the executable. */
  executable: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export function autostartFile(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'autostart', 'packline.desktop');
}

/** Desktop Entry spec: an argument with spaces or specials is double-quoted and escaped. */
function quoteExec(path: string): string {
  return `"${path.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Packline',
    'Comment=Packing station',
    `Exec=${quoteExec(executable)}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function getStartAtLogin(deps: LoginItemDeps): boolean {
  if (deps.platform === 'linux') return existsSync(autostartFile(deps.env, deps.home));
  return deps.app.getLoginItemSettings().openAtLogin;
}

export function setStartAtLogin(deps: LoginItemDeps, enabled: boolean): void {
  if (deps.platform === 'linux') {
    const file = autostartFile(deps.env, deps.home);
    if (enabled) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, autostartEntry(deps.executable));
    } else {
      rmSync(file, { force: true });
    }
    return;
  }
  deps.app.setLoginItemSettings({ openAtLogin: enabled });
}
