// The packing log: what this station did at the bench, kept on disk so the day's numbers survive
// a restart. The pack service tells it when an order opens and when a package or cancellation is
// queued; the Pack screen tells it how each scan went; the outbox shows it the packages queued by
// Import CSV. A journal (main/station/storage) holds the records; compaction keeps the last few
// weeks and drops the rest.
//
// The log never stands between a packer and the outbox: a write the disk refuses is logged and
// the package still ships. Records are taken in memory at once and written in the same order.
import { z } from 'zod';
import type { OrderView } from '../../../preload/api/orders';
import type { ScanResult } from '../../../preload/api/pack';
import type { ScanOutcome, StatsSummary } from '../../../preload/api/stats';
import type { Logger } from '../../log';
import type { OutboxEntry } from '../outbox/entries';
import { Journal } from '../storage/journal';
import { packingLogCsv } from './csv';
import { packingRecordSchema, type PackingRecord, type ShippedRecord } from './records';
import { between, localDate, startOfLocalDay, summarise } from './summary';

const snapshotSchema = z.object({ records: z.array(packingRecordSchema) });
type Snapshot = z.infer<typeof snapshotSchema>;

const COMPACT_AFTER_BYTES = 1024 * 1024;
/** This week and last, with room: older records leave the file at compaction. */
const KEEP_MS = 21 * 24 * 3600 * 1000;

/** What the pack service calls (main/station/packing/pack-service.ts). */
export interface PackingLogHook {
  opened: (orderId: string) => void;
  /** A package (fulfillment) or cancellation was queued in the outbox. */
  queued: (entry: OutboxEntry) => void;
}

export interface PackingLogDeps {
  dir: string;
  log: Logger;
  /** The order as the station shows it: order number and SKUs for the log's rows. */
  order: (orderId: string) => OrderView | undefined;
  /** Who is at the bench now (Settings): packer name, station name. */
  identity: () => { packerName: string; stationName: string };
  now?: () => Date;
  /** Journal size that triggers compaction (tests make it small). */
  compactAfterBytes?: number;
}

/** What followImports needs of the outbox: each entry as it is written. */
interface ImportedOutbox {
  onChange: (listener: (entry: OutboxEntry) => void) => () => void;
}

/** The package being packed on an order: when it was opened, what went wrong so far. */
interface OnTheBench {
  openedAt?: string;
  misScans: number;
}

export class PackingLog implements PackingLogHook {
  private readonly records: PackingRecord[] = [];
  private readonly bench = new Map<string, OnTheBench>();
  /** Outbox entries already logged as packages: an imported one is logged once. */
  private readonly logged = new Set<string>();
  private writing: Promise<void> = Promise.resolve();
  private compacting = false;

  private constructor(
    private readonly journal: Journal<Snapshot, PackingRecord>,
    private readonly deps: PackingLogDeps,
    private readonly now: () => Date,
  ) {}

  static async open(deps: PackingLogDeps): Promise<PackingLog> {
    const opened = await Journal.open({
      dir: deps.dir,
      name: 'packing-log',
      snapshotSchema,
      recordSchema: packingRecordSchema,
      context: { lost: 'the packing log missed this step', retry: 'carry on packing' },
    });
    const log = new PackingLog(opened.journal, deps, deps.now ?? (() => new Date()));
    for (const r of [...(opened.snapshot?.records ?? []), ...opened.records]) log.apply(r);
    if (opened.repairedBytes > 0)
      deps.log.warn('packing log: cut a torn write', { bytes: opened.repairedBytes });
    return log;
  }

  /** Folds one record into memory: the list, and the package each order has on the bench. */
  private apply(record: PackingRecord): void {
    this.records.push(record);
    const bench = this.bench.get(record.orderId) ?? { misScans: 0 };
    if (record.kind === 'opened') bench.openedAt ??= record.at;
    else if (record.kind === 'scan' && record.outcome !== 'ok') bench.misScans++;
    else if (record.kind === 'shipped') {
      this.logged.add(record.entryId);
      // An imported package was never on the bench: the package being packed stays as it was.
      if (!record.source) this.bench.delete(record.orderId);
      return;
    } else if (record.kind === 'cancelled') return;
    this.bench.set(record.orderId, bench);
  }

  /** In memory at once, on disk in the same order; resolves once on disk (or refused). */
  private add(record: PackingRecord): Promise<void> {
    this.apply(record);
    const written = this.journal.append(record);
    this.writing = written
      .then(() => this.compactIfLarge())
      .catch((error: unknown) =>
        this.deps.log.warn('packing log: could not keep a record', {
          kind: record.kind,
          error: String(error),
        }),
      );
    return written;
  }

  private async compactIfLarge(): Promise<void> {
    const limit = this.deps.compactAfterBytes ?? COMPACT_AFTER_BYTES;
    if (this.compacting || this.journal.journalBytes < limit) return;
    this.compacting = true;
    try {
      const keepFrom = this.now().getTime() - KEEP_MS;
      const kept = this.records.filter((r) => Date.parse(r.at) >= keepFrom);
      this.records.splice(0, this.records.length, ...kept);
      await this.journal.compact({ records: kept });
    } finally {
      this.compacting = false;
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private packer(): string | undefined {
    return this.deps.identity().packerName.trim() || undefined;
  }

  opened(orderId: string): void {
    // Opening again (a refresh, coming back to it) keeps the first time: the package's clock runs
    // from when the packer first had it in front of them.
    if (this.bench.get(orderId)?.openedAt) return;
    void this.add({ kind: 'opened', at: this.stamp(), orderId }).catch(() => undefined);
  }

  /** One scan, or the Pack screen's over-scan verdict on one. Resolves once it is on disk. */
  scanned(orderId: string, outcome: ScanOutcome): Promise<void> {
    return this.add({ kind: 'scan', at: this.stamp(), orderId, outcome, packer: this.packer() });
  }

  /**
   * What main made of a code scanned on the Pack screen (pack.scan): counted when an order is
   * open. Main knows a wrong item and a code that means nothing; an over-scan is the Pack
   * screen's to find (stats.overScan).
   */
  judged(openOrderId: string | null, result: ScanResult): void {
    if (!openOrderId) return;
    let outcome: ScanOutcome = 'ok';
    if (result.kind === 'unknown') {
      if (result.reason === 'no-open-order') return;
      outcome = result.reason === 'wrong-item' ? 'wrong-item' : 'not-understood';
    }
    void this.scanned(openOrderId, outcome).catch(() => undefined);
  }

  queued(entry: OutboxEntry): void {
    const record = this.recordOf(entry);
    if (record) void this.add(record).catch(() => undefined);
  }

  /**
   * Packages Outbox → Import CSV queues go in the log as they reach the outbox, marked imported.
   * Returns the unsubscribe.
   */
  followImports(outbox: ImportedOutbox): () => void {
    return outbox.onChange((entry) => {
      if (entry.origin !== 'csv' || entry.write.kind !== 'fulfillment.create') return;
      // Only as it is queued: later changes (sending, sent) are the same package, and one whose
      // record compaction already dropped must not come back.
      if (entry.state !== 'pending' || this.logged.has(entry.id)) return;
      if (Date.parse(entry.createdAt) < this.now().getTime() - KEEP_MS) return;
      const record = this.shippedRecord(entry, entry.createdAt, 'csv import');
      if (record) void this.add(record).catch(() => undefined);
    });
  }

  private recordOf(entry: OutboxEntry): PackingRecord | undefined {
    const w = entry.write;
    const at = this.stamp();
    if (w.kind === 'cancellation.create') {
      return {
        kind: 'cancelled',
        at,
        orderId: w.orderId,
        entryId: entry.id,
        reason: w.body.reason,
        units: w.body.cancellation_lines.reduce((n, l) => n + l.quantity, 0),
        packer: entry.packer ?? this.packer(),
      };
    }
    return this.shippedRecord(entry, at);
  }

  /** The package's row; an imported one has no opening or mis-scans (nobody had it in hand). */
  private shippedRecord(
    entry: OutboxEntry,
    at: string,
    source?: 'csv import',
  ): ShippedRecord | undefined {
    const w = entry.write;
    if (w.kind !== 'fulfillment.create') return undefined;
    const order = this.deps.order(w.orderId);
    const skuOf = (lineId: string) => {
      const line = order?.lines.find((l) => l.id === lineId);
      return line?.sku ?? line?.name ?? `line ${lineId}`;
    };
    const shipment = w.body.fulfillment_type === 'shipment' ? w.body.shipment : undefined;
    const bench = source ? undefined : this.bench.get(w.orderId);
    return {
      kind: 'shipped',
      at,
      orderId: w.orderId,
      orderNumber: order?.marketplaceOrderNumber ?? w.orderId,
      entryId: entry.id,
      lines: (w.body.fulfillment_lines ?? []).map((l) => ({
        sku: skuOf(l.line_id),
        quantity: l.quantity,
      })),
      carrier: shipment?.carrier ?? '',
      tracking: shipment?.tracking_number ?? '',
      packer: entry.packer ?? this.packer(),
      station: entry.station ?? (this.deps.identity().stationName || undefined),
      openedAt: bench?.openedAt,
      misScans: bench?.misScans ?? 0,
      ...(source ? { source } : {}),
    };
  }

  summary(): StatsSummary {
    return summarise(this.records, this.now());
  }

  /** Today's packages (local day), in the order they were queued. */
  packagesToday(): ShippedRecord[] {
    const now = this.now();
    const start = startOfLocalDay(now);
    const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
    return between(this.records, start, end).filter(
      (r): r is ShippedRecord => r.kind === 'shipped',
    );
  }

  /** The CSV of today's packages and the name to save it under. */
  exportToday(): { fileName: string; text: string; packages: number } {
    const packages = this.packagesToday();
    const station = this.deps
      .identity()
      .stationName.replace(/[^\w-]+/g, '-')
      .replace(/^-|-$/g, '');
    const day = localDate(this.now());
    return {
      fileName: `packing-log-${station ? `${station}-` : ''}${day}.csv`,
      text: packingLogCsv(packages),
      packages: packages.length,
    };
  }

  /** Waits for writes under way (tests, shutdown). */
  async flush(): Promise<void> {
    await this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.journal.close();
  }
}
