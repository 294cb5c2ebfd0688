// `--data-dir DIR` and PACKLINE_DATA_DIR, as in browser mode (main/station/data-dir.ts). Read
// from the raw argv because Electron and Playwright add their own switches (--inspect=0,
// --remote-debugging-port=0, --no-sandbox) around ours.
import { resolve } from 'node:path';

export function dataDirFromArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--data-dir=')) return resolve(arg.slice('--data-dir='.length));
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next && !next.startsWith('--')) return resolve(next);
    }
  }
  return env.PACKLINE_DATA_DIR ? resolve(env.PACKLINE_DATA_DIR) : undefined;
}
