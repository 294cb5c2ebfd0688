// The outbox on disk: every entry change is one durable journal record, so after a bridge call
// returns "queued" a crash or power cut at any instant loses nothing and corrupts nothing.
import { z } from 'zod';
import type { Logger } from '../../log';
import { Journal } from '../storage/journal';
import { isOpen, laneOf, outboxEntrySchema, type OutboxEntry } from './entries';

const recordSchema = z.object({ entry: outboxEntrySchema });
type OutboxRecord = z.infer<typeof recordSchema>;
const snapshotSchema = z.object({ entries: z.array(outboxEntrySchema) });
type OutboxSnapshot = z.infer<typeof snapshotSchema>;

const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
/** Uploaded and discarded entries stay listed this long, then leave the file at compaction. */
const KEEP_CLOSED_MS = 7 * 24 * 3600 * 1000;

export class OutboxStore {
  private readonly entries = new Map<string, OutboxEntry>();
  private nextSeq = 1;
  private readonly listeners = new Set<(entry: OutboxEntry) => void>();
  private readonly writing = new Map<string, number>();

  private constructor(
    private readonly journal: Journal<OutboxSnapshot, OutboxRecord>,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  static async open(
    dir: string,
    log: Logger,
    now: () => Date = () => new Date(),
  ): Promise<OutboxStore> {
    const opened = await Journal.open({ dir, name: 'outbox', snapshotSchema, recordSchema });
    const store = new OutboxStore(opened.journal, log, now);
    for (const entry of opened.snapshot?.entries ?? []) store.remember(entry);
    for (const { entry } of opened.records) store.remember(entry);
    if (opened.repairedBytes > 0)
      log.warn('outbox: cut a torn write', { bytes: opened.repairedBytes });
    // An entry caught mid-send by a crash may or may not have reached FeedAMP: it goes back to
    // pending, marked uncertain, so the worker looks before it sends again — and only once the
    // request that left before the crash has surely been applied or dropped. That moment is in
    // the 'sending' record (its own stamp for records written before uncertainSince existed).
    const interrupted = [...store.entries.values()].filter((e) => e.state === 'sending');
    for (const entry of interrupted) {
      await store.put({
        ...entry,
        state: 'pending',
        uncertain: true,
        uncertainSince: entry.uncertainSince ?? entry.updatedAt,
      });
    }
    return store;
  }

  private remember(entry: OutboxEntry): void {
    this.entries.set(entry.id, entry);
    this.nextSeq = Math.max(this.nextSeq, entry.seq + 1);
  }

  /**
   * Durably records the entry as given; resolves once it is on disk. Disk first, memory after:
   * a write the disk refuses (full, read-only) rejects with the journal's error and leaves the
   * outbox exactly as it was, so nothing is shown as queued or changed that a restart would lose.
   */
  async put(entry: OutboxEntry): Promise<OutboxEntry> {
    const stamped = { ...entry, updatedAt: this.now().toISOString() };
    this.writing.set(entry.id, (this.writing.get(entry.id) ?? 0) + 1);
    try {
      await this.journal.append({ entry: stamped });
    } finally {
      const left = (this.writing.get(entry.id) ?? 1) - 1;
      if (left > 0) this.writing.set(entry.id, left);
      else this.writing.delete(entry.id);
    }
    this.remember(stamped);
    for (const l of this.listeners) l(stamped);
    if (this.journal.journalBytes > COMPACT_AFTER_BYTES) await this.compactQuietly();
    return stamped;
  }

  /** True while a change of this entry is on its way to disk and not yet in memory. */
  isWriting(id: string): boolean {
    return this.writing.has(id);
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  get(id: string): OutboxEntry | undefined {
    return this.entries.get(id);
  }

  all(): OutboxEntry[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Open entries of one lane in upload order. */
  lane(lane: string): OutboxEntry[] {
    return this.all().filter((e) => isOpen(e) && laneOf(e.write) === lane);
  }

  /** The first open entry of every lane: only these may be sent now. */
  laneHeads(): OutboxEntry[] {
    const heads = new Map<string, OutboxEntry>();
    for (const entry of this.all()) {
      if (!isOpen(entry)) continue;
      const lane = laneOf(entry.write);
      if (!heads.has(lane)) heads.set(lane, entry);
    }
    return [...heads.values()];
  }

  onChange(listener: (entry: OutboxEntry) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Compaction only folds what is already durable, so its failure must not turn a put that
   * reached the disk into an error for the caller: it is logged, and the next put tries again.
   */
  private async compactQuietly(): Promise<void> {
    try {
      await this.compact();
    } catch (error) {
      this.log.warn('outbox: compaction failed; the journal keeps every record', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async compact(): Promise<void> {
    const cutoff = this.now().getTime() - KEEP_CLOSED_MS;
    const expired = new Set(
      [...this.entries.values()].filter((e) => !isOpen(e) && Date.parse(e.updatedAt) < cutoff),
    );
    const kept = this.all().filter((e) => !expired.has(e));
    await this.journal.compact({ entries: kept });
    for (const e of expired) this.entries.delete(e.id);
    this.log.info('outbox compacted', { entries: this.entries.size });
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}
