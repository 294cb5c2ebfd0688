// Where Packline keeps its files. Browser mode uses the same folder Electron's
// app.getPath('userData') gives, so a station can switch modes and keep its data.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startupStorageError } from './storage/errors';

const APP_FOLDER = 'Packline';

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

/**
 * Makes the data folder, or says in one sentence why it cannot be used. Everything in it is
 * private to this OS user (orders carry customers' names and addresses; the vault the password).
 */
export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw startupStorageError(error, dataDir);
  }
}

/**
 * Folders 0700 and files 0600 throughout the data folder, for files an older Packline left
 * readable by other users (0644 in a 0755 folder). Symbolic links are not followed; a file that
 * cannot be changed is counted and left. Returns how many were tightened.
 */
export function tightenPermissions(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): { tightened: number; failed: number } {
  const result = { tightened: 0, failed: 0 };
  // Windows keeps access in ACLs, which the user's profile folder already limits.
  if (platform === 'win32') return result;
  const visit = (path: string, depth: number) => {
    let info;
    try {
      info = lstatSync(path);
    } catch {
      return;
    }
    if (info.isSymbolicLink()) return;
    const wanted = info.isDirectory() ? 0o700 : 0o600;
    if ((info.mode & 0o777 & ~wanted) !== 0) {
      try {
        chmodSync(path, info.mode & 0o777 & wanted);
        result.tightened++;
      } catch {
        result.failed++;
      }
    }
    if (info.isDirectory() && depth < 8) {
      let names: string[];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const name of names) visit(join(path, name), depth + 1);
    }
  };
  visit(dataDir, 0);
  return result;
}
