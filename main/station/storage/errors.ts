// A write to the data folder that could not be made, as one typed error: a code for the
// program (`disk_full`, `read_only`, `storage`) and one sentence for the packer that says what
// did not happen and what to do. The operating system's error stays in `cause`, for the log.

export type StorageErrorCode = 'disk_full' | 'read_only' | 'storage';

/** What was being saved, in the words the packer's sentence uses. */
export interface StorageContext {
  /** What did not happen, e.g. "nothing was queued". */
  lost: string;
  /** How to try again once the disk is fixed, e.g. "scan Ship again". */
  retry: string;
}

export const GENERIC_CONTEXT: StorageContext = {
  lost: 'the change was not saved',
  retry: 'try again',
};

export class StorageError extends Error {
  /** Its message is the sentence for the person at the station (shown in the start-up dialog). */
  readonly isUserFacing = true;

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

function storageCodeOf(error: unknown): StorageErrorCode {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  return 'storage';
}

function storageSentence(code: StorageErrorCode, context: StorageContext): string {
  if (code === 'disk_full')
    return `The disk is full — ${context.lost}. Free some space and ${context.retry}.`;
  if (code === 'read_only')
    return `Packline's data folder is read-only — ${context.lost}. Make it writable and ${context.retry}.`;
  return `Packline could not write to its data folder — ${context.lost}. Check the disk and ${context.retry}.`;
}

/** The error as a StorageError (kept as is when it already is one). */
export function toStorageError(
  error: unknown,
  path: string,
  context: StorageContext = GENERIC_CONTEXT,
): StorageError {
  if (error instanceof StorageError) return error;
  const code = storageCodeOf(error);
  return new StorageError(code, storageSentence(code, context), path, { cause: error });
}

/** Errors that say the data folder cannot be used at start (read-only, missing, full). */
export function startupStorageError(error: unknown, dataDir: string): StorageError {
  if (error instanceof StorageError) return error;
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const code = storageCodeOf(error);
  const message =
    errno === 'ENOENT' || errno === 'ENOTDIR'
      ? `Packline's data folder ${dataDir} does not exist and cannot be created — check the path, or start with --data-dir to use another folder.`
      : code === 'read_only'
        ? `Packline cannot write to its data folder ${dataDir} (it is read-only) — make it writable, or start with --data-dir to use another folder.`
        : code === 'disk_full'
          ? `The disk holding Packline's data folder ${dataDir} is full — free some space and start Packline again.`
          : `Packline cannot use its data folder ${dataDir} (${errno ?? 'unknown error'}) — check the disk, or start with --data-dir to use another folder.`;
  return new StorageError(code, message, dataDir, { cause: error });
}
