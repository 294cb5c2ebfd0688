// Where Packline keeps its files. Browser mode uses the same folder Electron's
// app.getPath('userData') gives, so a station can switch modes and keep its data.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Packline';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER);
}

/** --data-dir wins over PACKLINE_DATA_DIR, which wins over the platform default. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag ?? env.PACKLINE_DATA_DIR ?? defaultDataDir(process.platform, env);
}
