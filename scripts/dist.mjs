// `npm run dist`: package Packline for this system with electron-builder (electron-builder.yml):
// AppImage + deb on Linux, NSIS on Windows, dmg on macOS, into release/. Extra arguments pass
// through to electron-builder.
//
//   npm run dist                                  the release build (all fuses set)
//   npm run dist -- -c.electronDist=/path/to/dir  use an unpacked Electron 45 (no download)
//   npm run dist -- --update-url https://…/       build in the address Packline updates from
//                                                 (Settings → Updates can still override it)
//   npm run dist -- --e2e                         a TEST build for Playwright, in release-e2e/:
//                                                 the same, but with the --inspect fuse left on
//
// Nothing is uploaded anywhere (--publish never): copy release/*.yml and the installers to the
// update address yourself.
//
// When Electron's binary is already in node_modules (npm ci on a machine that could download
// it), that copy is used, so packaging needs no second download.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);
const e2e = args.includes('--e2e');
const updateUrlAt = args.indexOf('--update-url');
const updateUrl = updateUrlAt >= 0 ? args[updateUrlAt + 1] : undefined;
if (updateUrlAt >= 0 && !/^https?:\/\/[^/\s]+/.test(updateUrl ?? '')) {
  console.error(
    'Packline: --update-url needs an http(s) address, e.g. https://updates.example.com/packline/',
  );
  process.exit(2);
}
const passThrough = args.filter(
  (a, i) => a !== '--e2e' && i !== updateUrlAt && (updateUrlAt < 0 || i !== updateUrlAt + 1),
);

function installedElectronDist() {
  const found = findElectronBinary();
  if (!('path' in found)) return undefined;
  const binary = found.path;
  // Linux/Windows: dist/electron(.exe); macOS: dist/Electron.app/Contents/MacOS/Electron.
  const dist = binary.includes('.app/')
    ? binary.slice(0, binary.indexOf('/Electron.app/'))
    : dirname(binary);
  return existsSync(dist) ? dist : undefined;
}

const extra = ['--publish', 'never'];
if (updateUrl) extra.push(`-c.publish.url=${updateUrl}`);
if (
  !passThrough.some((a) => a.startsWith('-c.electronDist') || a.startsWith('--config.electronDist'))
) {
  const dist = installedElectronDist();
  if (dist) extra.push(`-c.electronDist=${dist}`);
}
if (e2e) {
  // Playwright's _electron starts the app with --inspect=0 and attaches to "Debugger
  // listening on ws://…"; the release build's nodeCliInspect fuse would refuse it.
  extra.push(
    '-c.electronFuses.enableNodeCliInspectArguments=true',
    '-c.directories.output=release-e2e',
  );
  console.log(
    'Packline: building a TEST package (--inspect allowed) into release-e2e/. Do not ship it.',
  );
}

const result = spawnSync('npx', ['electron-builder', ...extra, ...passThrough], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error(
    '\nPackline: packaging failed. If Electron could not be downloaded (no access to GitHub),\n' +
      'download or copy an unpacked Electron 45 for this system (the folder holding the\n' +
      '`electron` executable, e.g. from electron-v45.x.y-linux-x64.zip) and run:\n' +
      '  npm run dist -- -c.electronDist=/path/to/unpacked-electron',
  );
  process.exit(result.status ?? 1);
}
