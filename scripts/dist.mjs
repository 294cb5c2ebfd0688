// `npm run dist`: package for this system with electron-builder. Extra arguments pass through
// (for example -c.electronDist=DIR where Electron cannot be downloaded).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const result = spawnSync('npx', ['electron-builder', ...args], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    '\nPackline: packaging failed. If Electron could not be downloaded, unpack Electron 41 somewhere and run\n' +
      '  npm run dist -- -c.electronDist=/path/to/unpacked-electron',
  );
  process.exit(result.status ?? 1);
}
