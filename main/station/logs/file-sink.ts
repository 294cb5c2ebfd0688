// A rotating log file in the data folder, for both modes (plain Node, no Electron):
// `logs/packline.log`, and when it would pass `maxBytes` it becomes `packline.log.1`, the old
// `.1` becomes `.2`, … and the oldest beyond `keep` is deleted. Writes are synchronous appends
// so the last lines before a crash are on disk (the lines a support person needs most); a log
// line is small and a packing station writes a few per minute, so this costs nothing.
// A log line the disk refuses (full, read-only) is dropped, never thrown: the log is where a
// failure is reported, so a failing log must not become a failure of its own — with a full disk
// a throwing sink turned every error report into another error. One line on stderr says when
// the file stops taking lines and when it takes them again.
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

const LOG_FOLDER = 'logs';
const LOG_FILE = 'packline.log';

export interface FileSinkOptions {
  /** The folder the log files go in, e.g. `<data dir>/logs`. */
  dir: string;
  fileName?: string;
  /** Rotate before the current file would grow past this. Default 5 MB. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. Default 5. */
  keep?: number;
  /** Where the sink says it stopped (or resumed) writing; default process.stderr. */
  stderr?: (line: string) => void;
}

export interface FileSink {
  write: (line: string) => void;
  close: () => void;
  readonly path: string;
}

export function logsDir(dataDir: string): string {
  return join(dataDir, LOG_FOLDER);
}

/** The current file becomes `.1`, `.1` becomes `.2`, …; the oldest beyond `keep` is deleted. */
function shiftRotated(path: string, keep: number): void {
  rmSync(`${path}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    try {
      renameSync(`${path}.${n}`, `${path}.${n + 1}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (keep > 0) renameSync(path, `${path}.1`);
  else rmSync(path, { force: true });
}

export function createFileSink(options: FileSinkOptions): FileSink {
  const fileName = options.fileName ?? LOG_FILE;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = Math.max(0, options.keep ?? 5);
  const path = join(options.dir, fileName);
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(line));

  let fd: number | undefined;
  let size = 0;
  let failing: string | undefined;
  let dropped = 0;

  const open = () => {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    fd = openSync(path, 'a', 0o600);
    size = fstatSync(fd).size;
  };

  const rotate = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    shiftRotated(path, keep);
    open();
  };

  const write = (bytes: Buffer) => {
    if (fd === undefined) open();
    // A single line longer than maxBytes still goes in, alone in its file.
    if (size > 0 && size + bytes.length > maxBytes) rotate();
    const written = writeSync(fd as number, bytes);
    size += written;
    if (written < bytes.length) {
      // A short write is the disk filling up: cut the half line so the file stays one line each.
      ftruncateSync(fd as number, size - written);
      size -= written;
      throw Object.assign(new Error('short write to the log file'), { code: 'ENOSPC' });
    }
  };

  try {
    open();
  } catch (error) {
    failing = (error as NodeJS.ErrnoException).code ?? 'error';
    stderr(`Packline: cannot write the log file ${path} (${failing}); logging to stderr only.\n`);
  }
  return {
    path,
    write(line) {
      const bytes = Buffer.from(line.endsWith('\n') ? line : line + '\n', 'utf8');
      try {
        write(bytes);
      } catch (error) {
        dropped++;
        if (failing === undefined) {
          failing = (error as NodeJS.ErrnoException).code ?? 'error';
          stderr(
            `Packline: the log file stopped taking lines (${failing}); they go to stderr only.\n`,
          );
        }
        if (fd !== undefined) {
          try {
            closeSync(fd);
          } catch {
            // Already unusable; the next line opens it again.
          }
          fd = undefined;
        }
        return;
      }
      if (failing !== undefined) {
        stderr(`Packline: the log file takes lines again (${dropped} were not written to it).\n`);
        failing = undefined;
        dropped = 0;
      }
    },
    close() {
      try {
        if (fd !== undefined) closeSync(fd);
      } catch {
        // Closing at exit: nothing left to save.
      }
      fd = undefined;
    },
  };
}
