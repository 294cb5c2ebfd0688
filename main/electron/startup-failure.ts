// A desktop app that cannot start must say so where the person is looking: a dialog with the
// one sentence (main/station/startup-error.ts) and what to do, not only a line on stderr that
// nobody at a packing bench sees. Then it exits non-zero, for whoever launched it.
import type { Logger } from '../log';
import { startupFailureSentence } from '../station/startup-error';

export interface StartupFailureDeps {
  log: Logger;
  dataDir: string;
  showErrorBox: (title: string, content: string) => void;
  exit: (code: number) => void;
  writeStderr?: (text: string) => void;
}

export function reportStartupFailure(error: unknown, deps: StartupFailureDeps): void {
  const sentence = startupFailureSentence(error, deps.dataDir);
  deps.log.error('Packline could not start', { error });
  (deps.writeStderr ?? ((t) => process.stderr.write(t)))(`Packline could not start: ${sentence}\n`);
  try {
    deps.showErrorBox('Packline could not start', sentence);
  } finally {
    deps.exit(1);
  }
}
