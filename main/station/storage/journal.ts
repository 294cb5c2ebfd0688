// A durable, append-only record log with snapshots: the storage under the order cache and the
// outbox. Guarantees, in the words the README repeats:
// - append() resolves only after the record is on disk (fdatasync); a crash after that loses
//   nothing. Appends waiting at the same time share one write and one flush (group commit).
// - Every line carries a CRC-32; a torn last line (power cut mid-write) is detected on open and
//   cut off, so the file is never read as corrupt data.
// - A damaged line in the middle (a flipped bit, a bad sector) costs that line only: open()
//   keeps a copy of the file as `<name>.journal.damaged-<time>`, finds the next good line (each
//   line carries its own checksum), rewrites the journal with every good line and reports it.
// - A write the disk refuses (full, read-only) rejects with a StorageError and leaves nothing
//   of itself in the file: the records it carried are not there after a restart either.
// - compact() writes the folded state atomically as a snapshot with the last sequence number
//   it includes, then empties the journal; replay skips records the snapshot already holds,
//   so a crash between the two steps neither loses nor repeats a record.
import { isAscii } from 'node:buffer';
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { asciiJson, PRIVATE_FILE_MODE, readJsonFile, writeFileAtomic } from './atomic-file';
import { GENERIC_CONTEXT, toStorageError, type StorageContext } from './errors';
import { journalLabel, reportStorage } from './health';

export interface JournalOpenResult<S, R> {
  journal: Journal<S, R>;
  snapshot: S | undefined;
  records: R[];
  /** Bytes cut from the end of the journal because the last write was torn. */
  repairedBytes: number;
  /** Set when lines in the middle could not be read (see the header); already reported. */
  damaged?: { unreadable: number; recovered: number; copy: string };
}

/** What the packer is told was not saved when a write to this journal fails. */
function journalContext(name: string): StorageContext {
  if (name === 'outbox') return { lost: 'nothing was queued', retry: 'scan Ship again' };
  if (name === 'orders' || name === 'returns')
    return { lost: `the synced ${name} were not saved`, retry: 'sync again' };
  return GENERIC_CONTEXT;
}

export interface JournalOptions<S, R> {
  dir: string;
  name: string;
  snapshotSchema: z.ZodType<S>;
  recordSchema: z.ZodType<R>;
  /**
   * Check what is read back against the schemas but keep the objects as read instead of zod's
   * copies: halves the memory a large cache needs at start. Only for schemas without
   * transforms or defaults, whose output equals their input.
   */
  keepInput?: boolean;
  /** Overrides journalContext(name). */
  context?: StorageContext;
}

function encodeLine(seq: number, record: unknown): string {
  const body = JSON.stringify([seq, record]);
  return `${crc32(body).toString(16).padStart(8, '0')} ${body}\n`;
}

const HEX = /^[0-9a-f]{8}$/;

/** One line (without its newline) from the file's bytes, or undefined when it is not whole. */
function decodeLine(bytes: Buffer, start: number, end: number): [number, unknown] | undefined {
  if (end - start < 10 || bytes[start + 8] !== 0x20) return undefined;
  const crc = bytes.toString('latin1', start, start + 8);
  if (!HEX.test(crc)) return undefined;
  const body = bytes.subarray(start + 9, end);
  if (crc32(body).toString(16).padStart(8, '0') !== crc) return undefined;
  // Pure-ASCII lines decode as one-byte strings, which V8 parses faster (see atomic-file).
  const text = body.toString(isAscii(body) ? 'latin1' : 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'number') return undefined;
  return [parsed[0], parsed[1]];
}

/**
 * Where, inside a damaged line, a good line may start: a write cut short and followed by later
 * ones leaves a fragment glued to the front of the next line.
 */
function resyncPoints(bytes: Buffer, start: number, end: number): number[] {
  const points: number[] = [];
  for (let i = bytes.indexOf(' [', start + 8, 'latin1'); i !== -1 && i < end;) {
    if (i - 8 > start) points.push(i - 8);
    i = bytes.indexOf(' [', i + 1, 'latin1');
  }
  return points;
}

function timeStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

interface PendingWrite {
  line: string;
  lastSeq: number;
  done: () => void;
  fail: (e: unknown) => void;
}

interface CompactJob<S> {
  state: S;
  lastSeq: number;
  done: () => void;
  fail: (e: unknown) => void;
}

export class Journal<S, R> {
  private pending: PendingWrite[] = [];
  private compactJob: CompactJob<S> | undefined;
  private worker: Promise<void> | undefined;
  private closed = false;
  private cutPending = false;

  private constructor(
    private readonly options: JournalOptions<S, R>,
    private handle: FileHandle,
    private seq: number,
    private bytes: number,
  ) {}

  /** Bytes in the journal since the last snapshot: callers compact when it grows large. */
  get journalBytes(): number {
    return this.bytes;
  }

  static async open<S, R>(options: JournalOptions<S, R>): Promise<JournalOpenResult<S, R>> {
    const snapshotPath = join(options.dir, `${options.name}.snapshot.json`);
    const journalPath = join(options.dir, `${options.name}.journal`);
    const snapshotFile = await readJsonFile(
      snapshotPath,
      z.object({ lastSeq: z.number().int(), state: options.snapshotSchema }),
      { keepInput: options.keepInput },
    );
    if (snapshotFile.status === 'invalid') {
      // Written atomically, so this is outside damage (disk, a person editing it): stop
      // rather than guess, and keep the file for a support person.
      throw new Error(`${snapshotPath} is damaged (${snapshotFile.reason})`);
    }
    const lastSeq = snapshotFile.status === 'ok' ? snapshotFile.value.lastSeq : 0;

    let bytes: Buffer = Buffer.alloc(0);
    try {
      bytes = await readFile(journalPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const records: R[] = [];
    const goodLines: Buffer[] = [];
    let unreadable = 0;
    let seq = lastSeq;
    let offset = 0;
    const take = (start: number, end: number): boolean => {
      const decoded = decodeLine(bytes, start, end);
      if (!decoded) return false;
      const [lineSeq, raw] = decoded;
      const record = options.recordSchema.safeParse(raw);
      if (!record.success) return false;
      if (lineSeq > lastSeq) {
        records.push(options.keepInput ? (raw as R) : record.data);
        seq = Math.max(seq, lineSeq);
      }
      goodLines.push(bytes.subarray(start, end + 1));
      return true;
    };
    while (offset < bytes.length) {
      const end = bytes.indexOf(0x0a, offset);
      if (end === -1) break; // torn: the last write stopped before its newline
      if (!take(offset, end)) {
        unreadable++;
        for (const point of resyncPoints(bytes, offset, end)) if (take(point, end)) break;
      }
      offset = end + 1;
    }
    const tornBytes = bytes.length - offset;
    const goodBytes = goodLines.reduce((n, line) => n + line.length, 0);
    let damaged: JournalOpenResult<S, R>['damaged'];
    if (unreadable > 0) {
      const copy = `${options.name}.journal.damaged-${timeStamp(new Date())}`;
      await writeFileAtomic(join(options.dir, copy), bytes);
      await writeFileAtomic(journalPath, Buffer.concat(goodLines));
      damaged = { unreadable, recovered: goodLines.length, copy };
      reportStorage({
        kind: 'damaged',
        path: journalPath,
        label: journalLabel(options.name),
        ...damaged,
      });
    }
    const handle = await open(journalPath, 'a+', PRIVATE_FILE_MODE);
    if (!damaged && tornBytes > 0) {
      await handle.truncate(goodBytes);
      await handle.sync();
    }
    return {
      journal: new Journal(options, handle, seq, goodBytes),
      snapshot: snapshotFile.status === 'ok' ? snapshotFile.value.state : undefined,
      records,
      repairedBytes: tornBytes,
      ...(damaged ? { damaged } : {}),
    };
  }

  /** Resolves once the record is durable. */
  append(record: R): Promise<void> {
    return this.appendMany([record]);
  }

  appendMany(records: R[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    const line = records.map((r) => encodeLine(++this.seq, r)).join('');
    const lastSeq = this.seq;
    return new Promise<void>((done, fail) => {
      this.pending.push({ line, lastSeq, done, fail });
      this.worker ??= this.work();
    });
  }

  /**
   * Replaces snapshot + journal with `state`, which must fold in every record appended before
   * this call. Records appended after it stay in the journal.
   */
  compact(state: S): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    const lastSeq = this.seq;
    return new Promise<void>((done, fail) => {
      this.compactJob = { state, lastSeq, done, fail };
      this.worker ??= this.work();
    });
  }

  private get context(): StorageContext {
    return this.options.context ?? journalContext(this.options.name);
  }

  private fail(error: unknown, path: string) {
    const failure = toStorageError(error, path, this.context);
    reportStorage({ kind: 'failed', path, error: failure });
    return failure;
  }

  /** One loop does all file work, so writes and compaction never interleave. */
  private async work(): Promise<void> {
    const journalPath = join(this.options.dir, `${this.options.name}.journal`);
    while (this.pending.length > 0 || this.compactJob) {
      const job = this.compactJob;
      if (job) {
        this.compactJob = undefined;
        try {
          const snapshotPath = join(this.options.dir, `${this.options.name}.snapshot.json`);
          await writeFileAtomic(
            snapshotPath,
            asciiJson({ lastSeq: job.lastSeq, state: job.state }),
            { context: this.context },
          );
          await this.handle.truncate(0);
          await this.handle.sync();
          this.bytes = 0;
          this.cutPending = false;
          // Writes still waiting whose records the snapshot already holds are durable now.
          const covered = this.pending.filter((p) => p.lastSeq <= job.lastSeq);
          this.pending = this.pending.filter((p) => p.lastSeq > job.lastSeq);
          for (const p of covered) p.done();
          job.done();
        } catch (error) {
          job.fail(this.fail(error, journalPath));
        }
        continue;
      }
      const batch = this.pending;
      this.pending = [];
      const data = batch.map((p) => p.line).join('');
      try {
        // A failed write whose partial line could not be cut then is cut before anything else.
        if (this.cutPending) await this.cut();
        await this.handle.appendFile(data);
        await this.handle.datasync();
        this.bytes += Buffer.byteLength(data);
        for (const p of batch) p.done();
        reportStorage({ kind: 'written', path: journalPath });
      } catch (error) {
        // Cut any partial (or whole but unflushed) line: the caller is told these records were
        // not kept, so they must not come back after a restart, nor sit in front of later ones.
        await this.cut().catch(() => {
          this.cutPending = true;
        });
        const failure = this.fail(error, journalPath);
        for (const p of batch) p.fail(failure);
      }
    }
    this.worker = undefined;
  }

  private async cut(): Promise<void> {
    await this.handle.truncate(this.bytes);
    this.cutPending = false;
  }

  async close(): Promise<void> {
    await this.worker;
    this.closed = true;
    await this.handle.close();
  }

  /** Renames both files to `<name>.damaged-<time>.*` so a fresh journal can start; returns the stem. */
  static async setAside(dir: string, name: string): Promise<string> {
    const stem = `${name}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const [from, to] of [
      [`${name}.journal`, `${stem}.journal`],
      [`${name}.snapshot.json`, `${stem}.snapshot.json`],
    ] as const) {
      await rename(join(dir, from), join(dir, to)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    return stem;
  }

  /** Test and support helper: removes both files. */
  static async destroy(dir: string, name: string): Promise<void> {
    await rm(join(dir, `${name}.journal`), { force: true });
    await rm(join(dir, `${name}.snapshot.json`), { force: true });
  }
}
