// Fetch Electron's binary where that is possible, and go on plainly where it is not.
// Electron's own postinstall is turned off in package.json (allowScripts) because its failure
// aborts `npm ci` on machines that cannot reach GitHub; we run the same install.js here and
// report instead of failing. Browser mode (`npm start`) needs no Electron binary.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(
    'Packline: ELECTRON_SKIP_BINARY_DOWNLOAD is set; not fetching Electron (browser mode still works).',
  );
  process.exit(0);
}
if ('path' in findElectronBinary()) process.exit(0);

const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = join(dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  console.log(
    'Packline: the electron package is not installed (production install?); skipping its binary.',
  );
  process.exit(0);
}
const result = spawnSync(process.execPath, [installScript], { encoding: 'utf8', timeout: 180_000 });
const found = findElectronBinary();
if ('path' in found) {
  console.log(`Packline: Electron's binary is ready (${found.path}).`);
} else {
  const reason =
    (result.stderr || result.error?.message || '').split('\n').find((l) => l.trim()) ??
    'unknown error';
  console.log(
    `Packline: Electron's binary could not be downloaded (${reason.trim()}). ` +
      '`npm start` will run Packline in browser mode instead; everything else works.',
  );
}
