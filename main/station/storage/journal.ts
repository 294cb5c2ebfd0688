// A durable, append-only record log with snapshots: the storage under the order cache and the
// outbox. Guarantees, in the words the README repeats:
// - append() resolves only after the record is on disk (fdatasync); a crash after that loses
//   nothing. Appends waiting at the same time share one write and one flush (group commit).
// - Every line carries its length and a CRC-32; a torn last line (power cut mid-write) is
//   detected on open and cut off, so the file is never read as corrupt data.
// - compact() writes the folded state atomically as a snapshot with the last sequence number
//   it includes, then empties the journal; replay skips records the snapshot already holds,
//   so a crash between the two steps neither loses nor repeats a record.
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { asciiJson, readJsonFile, writeFileAtomic } from './atomic-file';

export interface JournalOpenResult<S, R> {
  journal: Journal<S, R>;
  snapshot: S | undefined;
  records: R[];
  /** Bytes cut from the end of the journal because the last write was torn. */
  repairedBytes: number;
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
}

function encodeLine(seq: number, record: unknown): string {
  const body = JSON.stringify([seq, record]);
  return `${crc32(body).toString(16).padStart(8, '0')} ${body}\n`;
}

function decodeLine(line: string): [number, unknown] | undefined {
  const space = line.indexOf(' ');
  if (space !== 8) return undefined;
  const body = line.slice(9);
  if (crc32(body).toString(16).padStart(8, '0') !== line.slice(0, 8)) return undefined;
  const parsed = JSON.parse(body) as unknown;
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'number') return undefined;
  return [parsed[0], parsed[1]];
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

    let text = '';
    try {
      text = await readFile(journalPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const records: R[] = [];
    let goodBytes = 0;
    let seq = lastSeq;
    let offset = 0;
    while (offset < text.length) {
      const end = text.indexOf('\n', offset);
      if (end === -1) break; // torn: no newline yet
      const line = text.slice(offset, end);
      const decoded = decodeLine(line);
      if (!decoded) break;
      const [lineSeq, raw] = decoded;
      const record = options.recordSchema.safeParse(raw);
      if (!record.success) break;
      if (lineSeq > lastSeq) {
        records.push(options.keepInput ? (raw as R) : record.data);
        seq = lineSeq;
      }
      offset = end + 1;
      goodBytes += Buffer.byteLength(line) + 1;
    }
    const totalBytes = Buffer.byteLength(text);
    const handle = await open(journalPath, 'a+');
    if (goodBytes < totalBytes) {
      await handle.truncate(goodBytes);
      await handle.sync();
    }
    return {
      journal: new Journal(options, handle, seq, goodBytes),
      snapshot: snapshotFile.status === 'ok' ? snapshotFile.value.state : undefined,
      records,
      repairedBytes: totalBytes - goodBytes,
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

  /** One loop does all file work, so writes and compaction never interleave. */
  private async work(): Promise<void> {
    while (this.pending.length > 0 || this.compactJob) {
      const job = this.compactJob;
      if (job) {
        this.compactJob = undefined;
        try {
          const snapshotPath = join(this.options.dir, `${this.options.name}.snapshot.json`);
          await writeFileAtomic(
            snapshotPath,
            asciiJson({ lastSeq: job.lastSeq, state: job.state }),
          );
          await this.handle.truncate(0);
          await this.handle.sync();
          this.bytes = 0;
          // Writes still waiting whose records the snapshot already holds are durable now.
          const covered = this.pending.filter((p) => p.lastSeq <= job.lastSeq);
          this.pending = this.pending.filter((p) => p.lastSeq > job.lastSeq);
          for (const p of covered) p.done();
          job.done();
        } catch (error) {
          job.fail(error);
        }
        continue;
      }
      const batch = this.pending;
      this.pending = [];
      const data = batch.map((p) => p.line).join('');
      try {
        await this.handle.appendFile(data);
        await this.handle.datasync();
        this.bytes += Buffer.byteLength(data);
        for (const p of batch) p.done();
      } catch (error) {
        // Cut any partial line, or every later record would sit behind a bad one.
        await this.handle.truncate(this.bytes).catch(() => undefined);
        for (const p of batch) p.fail(error);
      }
    }
    this.worker = undefined;
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
