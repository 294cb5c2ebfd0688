// Whole-file writes that a crash or power cut cannot leave half done: write a temporary file
// beside the target, flush it to disk, rename it over the target (atomic on POSIX and NTFS),
// then flush the folder so the rename itself survives.
import {
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { isAscii } from 'node:buffer';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { GENERIC_CONTEXT, toStorageError, type StorageContext } from './errors';
import { reportStorage } from './health';

let counter = 0;

/** Every file Packline writes holds customer or account data: readable by this OS user only. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export interface AtomicWriteOptions {
  mode?: number;
  /** What the packer is told was not saved when the write fails. */
  context?: StorageContext;
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
}

/**
 * Any failure (disk full, read-only folder) throws a StorageError and leaves no temporary file
 * behind; the target keeps its previous contents.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = tempPath(path);
  try {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const handle = await open(temp, 'w', options.mode ?? PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDirectory(dir);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const failure = toStorageError(error, path, options.context ?? GENERIC_CONTEXT);
    reportStorage({ kind: 'failed', path, error: failure });
    throw failure;
  }
  reportStorage({ kind: 'written', path });
}

/** The same, for the few callers that must stay synchronous (settings). */
export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const dir = dirname(path);
  const temp = tempPath(path);
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const fd = openSync(temp, 'w', options.mode ?? PRIVATE_FILE_MODE);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    if (process.platform !== 'win32') {
      const dirFd = openSync(dir, constants.O_RDONLY);
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    }
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done; the failure below is what matters.
    }
    const failure = toStorageError(error, path, options.context ?? GENERIC_CONTEXT);
    reportStorage({ kind: 'failed', path, error: failure });
    throw failure;
  }
  reportStorage({ kind: 'written', path });
}

/** JSON with every non-ASCII character escaped (\\uXXXX): the same value, faster to read back. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export type ReadResult<T> =
  { status: 'ok'; value: T } | { status: 'missing' } | { status: 'invalid'; reason: string };

/** Reads a JSON file back through a zod schema: what was written is not trusted blindly. */
export async function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  options: { keepInput?: boolean | undefined } = {},
): Promise<ReadResult<T>> {
  let text: string;
  try {
    // Pure-ASCII files (see asciiJson) decode as one-byte strings, which V8 reads and parses
    // markedly faster: most of a 10k-order snapshot's start-up cost is decoding and parsing.
    const bytes = await readFile(path);
    text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { status: 'invalid', reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: 'invalid',
      reason: `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { status: 'ok', value: options.keepInput ? (raw as T) : parsed.data };
}
