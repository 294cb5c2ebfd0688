// Shared by postinstall and start: where Electron's binary is, or why it is not there.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary() {
  try {
    const path = require('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `Electron's binary is not at ${String(path)}` };
  } catch {
    // electron/index.js throws "Electron failed to install correctly…" when its download did
    // not happen; the advice in that message (reinstall) does not help where GitHub is out of reach.
    return {
      missing: "Electron's binary is not installed (it could not be downloaded when npm ci ran)",
    };
  }
}
