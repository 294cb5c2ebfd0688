// A cache of records synced from FeedAMP (orders, returns), on the durable journal: each sync
// page is one durable append; the journal is folded into a snapshot when it grows (and after a
// full sync, so start-up reads one file). Keyed by id; `meta` carries the sync's watermark,
// cursor and the account the records belong to.
import { z } from 'zod';
import type { Logger } from '../../log';
import { StorageError } from './errors';
import { Journal } from './journal';

export const syncMetaSchema = z.object({
  /** The account the records belong to (see accountKey); another account starts empty. */
  account: z.string().optional(),
  /** Latest marketplace_state_changed_at seen, as FeedAMP wrote it (server clock). */
  watermark: z.string().optional(),
  /** The sync filter the cache was filled with; a different filter means a full sync. */
  filterKey: z.string().optional(),
  firstSyncComplete: z.boolean().optional(),
  /** Where an interrupted full sync picks up again. */
  resumeCursor: z.string().optional(),
  lastSuccessAt: z.string().optional(),
});
export type SyncMeta = z.infer<typeof syncMetaSchema>;

export interface SyncedCacheOptions<E> {
  dir: string;
  /** File name stem: `<name>.journal`, `<name>.snapshot.json`. */
  name: string;
  entrySchema: z.ZodType<E>;
  keyOf(entry: E): string;
  log: Logger;
  /** See JournalOptions.keepInput: only for schemas without transforms or defaults. */
  keepInput?: boolean;
  compactAfterBytes?: number;
}

export class SyncedCache<E> {
  private readonly entries = new Map<string, E>();
  private metaValue: SyncMeta = {};
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly journal: Journal<{ meta: SyncMeta; entries: E[] }, SyncedRecord<E>>,
    private readonly options: SyncedCacheOptions<E>,
  ) {}

  static async open<E>(options: SyncedCacheOptions<E>): Promise<SyncedCache<E>> {
    const recordSchema = z.discriminatedUnion('t', [
      z.object({ t: z.literal('upsert'), entries: z.array(options.entrySchema) }),
      z.object({ t: z.literal('meta'), meta: syncMetaSchema }),
      z.object({ t: z.literal('clear') }),
    ]) as unknown as z.ZodType<SyncedRecord<E>>;
    const snapshotSchema = z.object({
      meta: syncMetaSchema,
      entries: z.array(options.entrySchema),
    });
    const journalOptions = {
      dir: options.dir,
      name: options.name,
      snapshotSchema: snapshotSchema as unknown as z.ZodType<{ meta: SyncMeta; entries: E[] }>,
      recordSchema,
      keepInput: options.keepInput,
    };
    let opened;
    try {
      opened = await Journal.open(journalOptions);
    } catch (error) {
      // A disk that refuses reads or writes is not damage: say so instead of setting files aside.
      if (error instanceof StorageError || (error as NodeJS.ErrnoException).code) throw error;
      // Only a copy of what FeedAMP holds: set the damaged files aside for support and start
      // empty; the next sync fills the cache again. (The outbox, which holds the station's own
      // work, refuses to start instead.)
      const aside = await Journal.setAside(options.dir, options.name);
      options.log.error(`${options.name} cache was damaged; starting empty and syncing again`, {
        error,
        aside,
      });
      opened = await Journal.open(journalOptions);
    }
    const cache = new SyncedCache(opened.journal, options);
    if (opened.snapshot) {
      cache.metaValue = opened.snapshot.meta;
      for (const entry of opened.snapshot.entries) cache.entries.set(options.keyOf(entry), entry);
    }
    for (const record of opened.records) cache.apply(record);
    if (opened.repairedBytes > 0) {
      options.log.warn(`${options.name} cache: cut a torn write`, { bytes: opened.repairedBytes });
    }
    return cache;
  }

  private apply(record: SyncedRecord<E>): void {
    if (record.t === 'upsert') {
      for (const entry of record.entries) this.entries.set(this.options.keyOf(entry), entry);
    } else if (record.t === 'meta') this.metaValue = record.meta;
    else {
      this.entries.clear();
      this.metaValue = {};
    }
  }

  /**
   * Changes run one at a time, each on disk before it reaches memory: a write the disk refuses
   * leaves the cache as it was, and a snapshot never folds in a record that is not yet written.
   */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private write(make: () => SyncedRecord<E>): Promise<void> {
    return this.serial(async () => {
      const record = make();
      await this.journal.append(record);
      this.apply(record);
      if (this.journal.journalBytes > (this.options.compactAfterBytes ?? 16 * 1024 * 1024)) {
        await this.compactNow();
      }
    });
  }

  private async compactNow(): Promise<void> {
    await this.journal.compact({ meta: this.metaValue, entries: [...this.entries.values()] });
    this.options.log.info(`${this.options.name} cache compacted`, { entries: this.entries.size });
  }

  /** Folds the journal into one snapshot: the fastest form to load at start. */
  compact(): Promise<void> {
    return this.serial(() => this.compactNow());
  }

  get size(): number {
    return this.entries.size;
  }

  get meta(): SyncMeta {
    return this.metaValue;
  }

  get(id: string): E | undefined {
    return this.entries.get(id);
  }

  all(): IterableIterator<E> {
    return this.entries.values();
  }

  async upsert(entries: E[]): Promise<void> {
    if (entries.length > 0) await this.write(() => ({ t: 'upsert', entries }));
  }

  async setMeta(patch: Partial<SyncMeta>): Promise<void> {
    await this.write(() => ({ t: 'meta', meta: { ...this.metaValue, ...patch } }));
  }

  /** Forget every record (sign-out, another account). */
  async clear(): Promise<void> {
    await this.write(() => ({ t: 'clear' }));
    await this.compact();
  }

  async close(): Promise<void> {
    await this.queue;
    await this.journal.close();
  }
}

type SyncedRecord<E> =
  { t: 'upsert'; entries: E[] } | { t: 'meta'; meta: SyncMeta } | { t: 'clear' };
