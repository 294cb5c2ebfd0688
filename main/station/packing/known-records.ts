// Each order's fulfillments and cancellations as FeedAMP last showed them, kept on disk so an
// order opens with them offline. Only the most recently read orders are kept.
import { join } from 'node:path';
import { z } from 'zod';
import type { Fulfillment } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { knownSchema, type Known } from './projection';

const knownFileSchema = z.record(z.string(), knownSchema);

/** How many orders' last known records are kept on disk. */
const KNOWN_LIMIT = 1000;

export class KnownRecords {
  private known = new Map<string, Known>();
  private saving = Promise.resolve();
  /** Resolves once the records kept on disk are read (or found unreadable). */
  readonly loaded: Promise<void>;

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {
    this.loaded = this.load();
  }

  private get file(): string {
    return join(this.dataDir, 'pack-known.json');
  }

  private async load(): Promise<void> {
    try {
      const read = await readJsonFile(this.file, knownFileSchema);
      if (read.status === 'ok') {
        for (const [id, k] of Object.entries(read.value)) this.known.set(id, k);
      } else if (read.status === 'invalid') {
        this.log.warn('pack: last known shipments unreadable; starting afresh', {
          reason: read.reason,
        });
      }
    } catch (error) {
      this.log.warn('pack: could not read last known shipments', { error: String(error) });
    }
  }

  get(orderId: string): Known | undefined {
    return this.known.get(orderId);
  }

  /** Keeps what FeedAMP showed now; written to disk in the background. */
  set(orderId: string, known: Known): void {
    this.known.set(orderId, known);
    this.save();
  }

  /** Every order's last known fulfillments (the scan resolver finds tracking numbers in them). */
  fulfillments(): (readonly [string, Fulfillment[]])[] {
    return [...this.known].map(([id, k]) => [id, k.fulfillments] as const);
  }

  private save(): void {
    const entries = [...this.known].sort((a, b) =>
      b[1].refreshedAt.localeCompare(a[1].refreshedAt),
    );
    this.known = new Map(entries.slice(0, KNOWN_LIMIT));
    const text = JSON.stringify(Object.fromEntries(this.known));
    this.saving = this.saving
      .then(() => writeFileAtomic(this.file, text))
      .catch((error: unknown) =>
        this.log.warn('pack: could not keep last known shipments', { error: String(error) }),
      );
  }

  /** Waits for the read and for pending disk writes (tests, shutdown). */
  async flush(): Promise<void> {
    await this.loaded;
    await this.saving;
  }
}
