// A rotating log file in the data folder, for both modes (plain Node, no Electron):
// `logs/packline.log`, and when it would pass `maxBytes` it becomes `packline.log.1`, the old
// `.1` becomes `.2`, … and the oldest beyond `keep` is deleted. Writes are synchronous appends
// so the last lines before a crash are on disk (the lines a support person needs most); a log
// line is small and a packing station writes a few per minute, so this costs nothing.
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'packline.log';

export interface FileSinkOptions {
  /** The folder the log files go in, e.g. `<data dir>/logs`. */
  dir: string;
  fileName?: string;
  /** Rotate before the current file would grow past this. Default 5 MB. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. Default 5. */
  keep?: number;
}

export interface FileSink {
  write(line: string): void;
  close(): void;
  readonly path: string;
}

export function logsDir(dataDir: string): string {
  return join(dataDir, LOG_FOLDER);
}

export function createFileSink(options: FileSinkOptions): FileSink {
  const fileName = options.fileName ?? LOG_FILE;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = Math.max(0, options.keep ?? 5);
  const path = join(options.dir, fileName);
  mkdirSync(options.dir, { recursive: true });

  let fd: number | undefined;
  let size = 0;

  const open = () => {
    fd = openSync(path, 'a', 0o600);
    size = fstatSync(fd).size;
  };

  const rotate = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
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
    open();
  };

  open();
  return {
    path,
    write(line) {
      const bytes = Buffer.from(line.endsWith('\n') ? line : line + '\n', 'utf8');
      if (fd === undefined) open();
      // A single line longer than maxBytes still goes in, alone in its file.
      if (size > 0 && size + bytes.length > maxBytes) rotate();
      size += writeSync(fd as number, bytes);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
