// A cache of records synced from FeedAMP (orders, returns), on the durable journal: each sync
// page is one durable append; the journal is folded into a snapshot when it grows (and after a
// full sync, so start-up reads one file). Keyed by id; `meta` carries the sync's watermark,
// cursor and the account the records belong to.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../log';
import { StorageError } from './errors';
import { Journal } from './journal';

const syncMetaSchema = z.object({
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
  /** How many records the snapshot holds (written with it): the count said while loading. */
  records: z.number().int().nonnegative().optional(),
});
export type SyncMeta = z.infer<typeof syncMetaSchema>;

export interface SyncedCacheOptions<E> {
  dir: string;
  /** File name stem: `<name>.journal`, `<name>.snapshot.json`. */
  name: string;
  entrySchema: z.ZodType<E>;
  keyOf: (entry: E) => string;
  log: Logger;
  /** See JournalOptions.keepInput: only for schemas without transforms or defaults. */
  keepInput?: boolean;
  compactAfterBytes?: number;
}

export class SyncedCache<E> {
  private readonly entries = new Map<string, E>();
  private metaValue: SyncMeta = {};
  private journal: Journal<{ meta: SyncMeta; entries: E[] }, SyncedRecord<E>> | undefined;
  /** Every change waits for the load first: nothing reaches disk or memory before it. */
  private queue: Promise<void>;
  /** Resolves once every record on disk is in memory; rejects when the files cannot be read. */
  readonly ready: Promise<void>;
  private loadingCount: number | undefined;
  private loaded = false;

  private constructor(private readonly options: SyncedCacheOptions<E>) {
    this.loadingCount = peekSnapshotCount(options.dir, options.name);
    this.ready = this.load().then(() => {
      this.loaded = true;
      this.loadingCount = undefined;
    });
    this.queue = this.ready.catch(() => undefined);
  }

  /** Opens the cache and waits until it is loaded. */
  static async open<E>(options: SyncedCacheOptions<E>): Promise<SyncedCache<E>> {
    const cache = SyncedCache.load(options);
    await cache.ready;
    return cache;
  }

  /**
   * Starts loading and returns at once, so start-up does not wait for a large cache: until
   * `ready`, reads see what is loaded so far (nothing) and changes wait their turn.
   */
  static load<E>(options: SyncedCacheOptions<E>): SyncedCache<E> {
    return new SyncedCache(options);
  }

  /** While loading: the records the last snapshot held (when known); undefined once loaded. */
  get loading(): { records: number | undefined } | undefined {
    return this.loaded ? undefined : { records: this.loadingCount };
  }

  private async load(): Promise<void> {
    const options = this.options;
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
    this.journal = opened.journal;
    if (opened.snapshot) {
      this.metaValue = opened.snapshot.meta;
      for (const entry of opened.snapshot.entries) this.entries.set(options.keyOf(entry), entry);
    }
    for (const record of opened.records) this.apply(record);
    if (opened.repairedBytes > 0) {
      options.log.warn(`${options.name} cache: cut a torn write`, { bytes: opened.repairedBytes });
    }
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

  /** Appends and applies the record `make` returns in turn (nothing when it returns none). */
  private write(make: () => SyncedRecord<E> | undefined): Promise<void> {
    return this.serial(async () => {
      const record = make();
      if (!record) return;
      await this.opened().append(record);
      this.apply(record);
      if (this.opened().journalBytes > (this.options.compactAfterBytes ?? 16 * 1024 * 1024)) {
        await this.compactNow();
      }
    });
  }

  private async compactNow(): Promise<void> {
    // The count lets the next start say how many orders it is loading before it has read them.
    const meta = { ...this.metaValue, records: this.entries.size };
    await this.opened().compact({ meta, entries: [...this.entries.values()] });
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

  /**
   * Writes the entries that differ from the cached ones and resolves with them. A sync reads
   * the last minutes again each run (its overlap), so most of an idle station's pages hold
   * nothing new: journaling them and telling the screens "orders changed" made the packer's
   * screen reload every order once a minute.
   */
  async upsert(entries: E[]): Promise<E[]> {
    let changed: E[] = [];
    // Compared in turn with the other writes, so an earlier upsert still queued counts.
    await this.write(() => {
      changed = entries.filter((entry) => {
        const cached = this.entries.get(this.options.keyOf(entry));
        return cached === undefined || JSON.stringify(cached) !== JSON.stringify(entry);
      });
      return changed.length > 0 ? { t: 'upsert', entries: changed } : undefined;
    });
    return changed;
  }

  async setMeta(patch: Partial<SyncMeta>): Promise<void> {
    await this.write(() => ({ t: 'meta', meta: { ...this.metaValue, ...patch } }));
  }

  /** Forget every record (sign-out, another account). */
  async clear(): Promise<void> {
    await this.write(() => ({ t: 'clear' }));
    await this.compact();
  }

  private opened(): Journal<{ meta: SyncMeta; entries: E[] }, SyncedRecord<E>> {
    if (!this.journal) throw new Error(`${this.options.name} cache is not loaded`);
    return this.journal;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.journal?.close();
  }
}

type SyncedRecord<E> =
  { t: 'upsert'; entries: E[] } | { t: 'meta'; meta: SyncMeta } | { t: 'clear' };

/**
 * The record count from the head of the snapshot (`{"lastSeq":…,"state":{"meta":{…},"entries"`),
 * read before the whole file is: a few kilobytes instead of megabytes. Undefined when the head
 * does not look like that; the load itself checks the whole file.
 */
function peekSnapshotCount(dir: string, name: string): number | undefined {
  let head: string;
  try {
    const fd = openSync(join(dir, `${name}.snapshot.json`), 'r');
    try {
      const bytes = Buffer.alloc(16 * 1024);
      head = bytes.toString('utf8', 0, readSync(fd, bytes, 0, bytes.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const start = head.indexOf('"meta":');
  const end = head.indexOf(',"entries":', start);
  if (start === -1 || end === -1) return undefined;
  try {
    const meta = syncMetaSchema.safeParse(JSON.parse(head.slice(start + 7, end)));
    return meta.success ? meta.data.records : undefined;
  } catch {
    return undefined;
  }
}
