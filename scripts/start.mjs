// `npm start`: the desktop app when Electron's binary is here, browser mode otherwise.
// `npm start -- --browser` forces browser mode; --port and --data-dir pass through.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
const electron = findElectronBinary();

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!args.includes('--browser') && 'path' in electron) {
  run(electron.path, ['.', ...args]);
} else {
  if (!args.includes('--browser')) {
    console.log(`Packline: ${electron.missing}; starting in browser mode.`);
  }
  run(process.execPath, ['dist/main/host.js', '--open', ...args.filter((a) => a !== '--browser')]);
}
