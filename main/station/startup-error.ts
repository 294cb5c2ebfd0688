// Why Packline could not start, as one sentence for the person at the station. Code that fails
// start-up for a reason a person can fix (the data folder is read-only, another Packline holds
// it) throws a StartupError — or any error with `isUserFacing: true` — whose message is that
// sentence, with what to do next. Anything else is described here from what the error is; the
// detail goes to the log, never on screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export class StartupError extends Error {
  readonly isUserFacing = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** True for errors whose message was written for the person at the station. */
export function isUserFacing(error: unknown): error is Error & { isUserFacing: true } {
  return (
    error instanceof Error && (error as Error & { isUserFacing?: unknown }).isUserFacing === true
  );
}

const SETTINGS_FILE = 'settings.json';

function settingsFileIsDamaged(dataDir: string): boolean {
  try {
    JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8'));
    return false;
  } catch (error) {
    return error instanceof SyntaxError;
  }
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** The sentence a start-up failure is shown with (a dialog in the desktop app, stderr otherwise). */
export function startupFailureSentence(error: unknown, dataDir: string): string {
  if (isUserFacing(error)) return error.message;
  // The system's code, on the error or on the one it wraps (a storage error keeps it as cause).
  const code = errnoCode(error) ?? errnoCode((error as { cause?: unknown } | undefined)?.cause);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return (
      `Packline cannot write to its data folder ${dataDir} — give this user permission to ` +
      'change that folder, or start Packline with --data-dir pointing at one it can write.'
    );
  }
  if (code === 'ENOSPC') {
    return `The disk holding ${dataDir} is full — free some space, then start Packline again.`;
  }
  if (error instanceof SyntaxError && settingsFileIsDamaged(dataDir)) {
    return (
      `Packline's settings file ${join(dataDir, SETTINGS_FILE)} is damaged — rename or delete ` +
      'it and start Packline again (it starts with default settings; sign-in and waiting ' +
      'uploads are kept).'
    );
  }
  return (
    'Packline could not start — start it again, and if this message comes back, send ' +
    `${join(dataDir, 'logs', 'packline.log')} to support.`
  );
}
