// Shared by postinstall, start, dist and the Electron e2e spec: where Electron's binary is, or why
// it is not there. It reads the electron package's own record (path.txt, written once the
// binary is unpacked) instead of `require('electron')`: in Electron 45 that require starts
// the download itself when the binary is missing, which blocks for minutes where GitHub is out
// of reach.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (a production install?)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative || 'electron');
    return existsSync(path) ? { path } : { missing: `Electron's binary is not at ${path}` };
  }
  if (!relative) {
    return {
      missing: "Electron's binary is not installed (it could not be downloaded when npm ci ran)",
    };
  }
  const path = join(packageDir, 'dist', relative);
  return existsSync(path) ? { path } : { missing: `Electron's binary is not at ${path}` };
}
