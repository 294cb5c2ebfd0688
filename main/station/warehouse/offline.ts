// What this station did while it could not reach the warehouse database, kept in the data
// folder (warehouse-offline.json) until the database has it: packages packed alone, and packages
// that stopped counting (discarded, withdrawn) or were corrected while alone. A restart while alone loses neither;
// on rejoining they are written to the database and then forgotten.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../log';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import type { StorageContext } from '../storage/errors';
import { reportStorage } from '../storage/health';

const lineSchema = z.object({
  lineId: z.string().min(1),
  quantity: z.number().int().positive(),
});

const packageSchema = z.object({
  /** The package's key in packed_lines: replaying it twice records it once. */
  key: z.string().min(1),
  kind: z.enum(['shipment', 'cancellation']).default('shipment'),
  account: z.string().min(1),
  orderId: z.string().min(1),
  trackingNumber: z.string(),
  lines: z.array(lineSchema).min(1),
});
export type OfflinePackage = z.infer<typeof packageSchema>;

const changeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('release'),
    account: z.string().min(1),
    orderId: z.string().min(1),
    trackingNumber: z.string().min(1),
  }),
  z.object({
    kind: z.literal('retrack'),
    account: z.string().min(1),
    orderId: z.string().min(1),
    from: z.string().min(1),
    to: z.string().min(1),
  }),
  z.object({
    kind: z.literal('release-cancellation'),
    account: z.string().min(1),
    orderId: z.string().min(1),
    ref: z.string().min(1),
  }),
]);
/** A package that stopped counting, or got another tracking number, while alone. */
export type OfflineChange = z.infer<typeof changeSchema>;

const fileSchema = z.object({
  version: z.literal(1),
  packages: z.array(packageSchema),
  changes: z.array(changeSchema).default([]),
});

export interface OfflineWork {
  packages: OfflinePackage[];
  changes: OfflineChange[];
}

const LABEL = 'packages packed while working alone';

const KEPT_CONTEXT: StorageContext = {
  lost: 'what this station did while working alone was not saved for the other stations',
  retry: 'restart Packline',
};

/** Writing a package down comes before its upload is queued: failing, nothing was shipped. */
export const SHIP_CONTEXT: StorageContext = {
  lost: 'this package was not shipped',
  retry: 'scan Ship again',
};

export class OfflineFile {
  /** Writes go one after another, each with the latest contents. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  get path(): string {
    return join(this.dataDir, 'warehouse-offline.json');
  }

  async load(): Promise<OfflineWork> {
    const read = await readJsonFile(this.path, fileSchema);
    if (read.status === 'ok') return { packages: read.value.packages, changes: read.value.changes };
    if (read.status === 'invalid') {
      // Written atomically, so this is outside damage: keep it for a support person, start empty.
      const copy = `warehouse-offline.damaged-${Date.now()}.json`;
      await copyFile(this.path, join(this.dataDir, copy)).catch(() => undefined);
      this.log.error('warehouse: the file of packages packed alone is damaged', {
        reason: read.reason,
        copy,
      });
      reportStorage({
        kind: 'damaged',
        path: this.path,
        label: LABEL,
        unreadable: 1,
        recovered: 0,
        copy,
      });
    }
    return { packages: [], changes: [] };
  }

  /** Saves `work` (the whole of it); a failed write throws the storage sentence. */
  save(work: OfflineWork, context: StorageContext = KEPT_CONTEXT): Promise<void> {
    const text = JSON.stringify({
      version: 1,
      packages: work.packages,
      changes: work.changes,
    });
    const next = this.writing.then(() => writeFileAtomic(this.path, text, { context }));
    this.writing = next.catch(() => undefined);
    return next;
  }
}
