// The Pack screen's service in main: keeps each order's FeedAMP records (read when online, and
// remembered per order so packing goes on offline), and makes the packer's writes — each through
// the outbox, the one path for writes online or not. Before a package ships the order is read
// from FeedAMP again, so two stations never over-ship a line. Beside it: projection.ts adds the
// records and the outbox up into the order's progress; scan-resolver.ts says what a scan means.
import { join } from 'node:path';
import { z } from 'zod';
import type { OrderView } from '../../../preload/api/orders';
import type { PackRecord, PackShipInput, PackState, ScanResult } from '../../../preload/api/pack';
import { formatDateTime } from '../../feedamp/dates';
import type { CancellationReason, Carrier } from '../../../common/feedamp-enums';
import type { Cancellation, Fulfillment, Order } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { ScanResolver } from './scan-resolver';
import { finishedToday } from './done-today';
import type { OrderStore } from '../orders/store';
import type { OutboxEntry } from '../outbox/entries';
import type { OutboxService } from '../outbox/service';
import { normaliseSku } from '../scan/codes';
import { withLearned } from '../scan/item-codes';
import type { SettingsService } from '../settings';
import type { PackClaims } from '../warehouse/service';
import type { PackingLogHook } from '../stats/packing-log';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { marketplaceFulfilledMessage, refuseMarketplaceFulfilled } from './marketplace-fulfilled';
import {
  cancelledMessage,
  knownSchema,
  projectPackState,
  toFeedamp,
  type Known,
  type LineQty,
} from './projection';
import { validateBox, type LineProgress } from '../../../common/packing';
import { units } from '../../../common/format';
import { say, StationError } from '../errors';

/** The slice of the FeedAMP client the service uses (tests may pass a fake). */
export interface PackClient {
  listFulfillments(
    orderId: string,
    query?: object,
    options?: { signal?: AbortSignal },
  ): Promise<Fulfillment[]>;
  listCancellations(orderId: string, options?: { signal?: AbortSignal }): Promise<Cancellation[]>;
  getOrder(orderId: string, query?: object, options?: { signal?: AbortSignal }): Promise<Order>;
}

export interface PackServiceDeps {
  orders: OrderStore;
  outbox: OutboxService;
  /** Every outbox entry (sent ones too: the audit trail and uploads a refresh has not seen yet). */
  entries: { all(): OutboxEntry[]; onChange(listener: (entry: OutboxEntry) => void): () => void };
  settings: SettingsService;
  client: () => PackClient | undefined;
  /** Where the last known fulfillments and cancellations of each order are kept. */
  dataDir: string;
  log: Logger;
  now?: () => Date;
  /** How long a refresh may take before the station packs on with what it knew. */
  refreshTimeoutMs?: number;
  /** Warehouse mode: another station's claim refuses open and ship (main/station/warehouse). */
  claims?: PackClaims;
  /** The packing log behind the Stats screen (main/station/stats): told of opens and writes. */
  packingLog?: PackingLogHook;
}

const knownFileSchema = z.record(z.string(), knownSchema);

/** How many orders' last known records are kept on disk. */
const KNOWN_LIMIT = 1000;

/** Merchant order number from the station's format: {station}, {marketplace_order_number}, … */
export function merchantOrderNumber(
  format: string,
  order: Order & { id: string },
  station: string,
  packer: string,
): string {
  const values: Record<string, string> = {
    station,
    packer,
    id: order.id,
    marketplace_order_number: order.marketplace_order_number ?? order.id,
    customer_order_number: order.customer_order_number ?? '',
    marketplace: order.marketplace_name ?? '',
  };
  const text = format.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return text.trim().slice(0, 128) || order.id;
}

function lineLabel(order: Order, lineId: string): string {
  const line = order.order_lines?.find((l) => l.id === lineId);
  return line?.sku ?? line?.product_name ?? `line ${lineId}`;
}

export class PackService {
  private readonly now: () => Date;
  private known = new Map<string, Known>();
  private loaded: Promise<void>;
  private saving = Promise.resolve();
  private readonly refreshing = new Map<string, Promise<boolean>>();
  private readonly listeners = new Set<(state: PackState) => void>();
  /** Orders opened on this station: their progress is pushed when it changes. */
  private readonly watched = new Set<string>();
  private readonly scans: ScanResolver;
  private readonly offs: (() => void)[] = [];
  private readonly refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: PackServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.loaded = this.load();
    this.scans = new ScanResolver({
      orders: deps.orders,
      settings: deps.settings,
      entries: deps.entries,
      knownFulfillments: () => [...this.known].map(([id, k]) => [id, k.fulfillments] as const),
    });
    this.offs.push(deps.orders.onChange(() => this.scans.forget()));
    this.offs.push(
      deps.entries.onChange((entry) => {
        const orderId = 'orderId' in entry.write ? entry.write.orderId : undefined;
        if (!orderId || !this.watched.has(orderId)) return;
        this.emit(orderId);
        // An upload landed: read FeedAMP again so "shipped" comes from the source of truth.
        if (entry.state === 'sent') this.scheduleRefresh(orderId);
      }),
    );
  }

  private get file(): string {
    return join(this.deps.dataDir, 'pack-known.json');
  }

  private async load(): Promise<void> {
    try {
      const read = await readJsonFile(this.file, knownFileSchema);
      if (read.status === 'ok') {
        for (const [id, k] of Object.entries(read.value)) this.known.set(id, k as Known);
      } else if (read.status === 'invalid') {
        this.deps.log.warn('pack: last known shipments unreadable; starting afresh', {
          reason: read.reason,
        });
      }
    } catch (error) {
      this.deps.log.warn('pack: could not read last known shipments', { error: String(error) });
    }
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
        this.deps.log.warn('pack: could not keep last known shipments', { error: String(error) }),
      );
  }

  onState(listener: (state: PackState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(orderId: string): void {
    if (this.listeners.size === 0) return;
    const state = this.state(orderId);
    if (state) for (const l of this.listeners) l(state);
  }

  private scheduleRefresh(orderId: string): void {
    clearTimeout(this.refreshTimers.get(orderId));
    this.refreshTimers.set(
      orderId,
      setTimeout(() => {
        this.refreshTimers.delete(orderId);
        void this.refresh(orderId);
      }, 200),
    );
  }

  dispose(): void {
    for (const off of this.offs) off();
    for (const t of this.refreshTimers.values()) clearTimeout(t);
  }

  /** Waits for pending disk writes (tests, shutdown). */
  async flush(): Promise<void> {
    await this.loaded;
    await this.saving;
  }

  private mustGetOrder(orderId: string): Order & { id: string } {
    const cached = this.deps.orders.get(orderId);
    if (!cached) throw new StationError('not_found', say.orderNotOnStation(orderId));
    return cached.order;
  }

  private mustGetView(orderId: string): OrderView {
    const view = this.deps.orders.view(orderId);
    if (!view) throw new StationError('not_found', say.orderNotOnStation(orderId));
    return view;
  }

  /**
   * Reads the order, its fulfillments and cancellations from FeedAMP. True when FeedAMP answered;
   * false offline (or signed out), and the station packs on with what it knew.
   */
  refresh(orderId: string): Promise<boolean> {
    const running = this.refreshing.get(orderId);
    if (running) return running;
    const run = this.doRefresh(orderId).finally(() => this.refreshing.delete(orderId));
    this.refreshing.set(orderId, run);
    return run;
  }

  private async doRefresh(orderId: string): Promise<boolean> {
    const client = this.deps.client();
    if (!client) return false;
    await this.loaded;
    const signal = AbortSignal.timeout(this.deps.refreshTimeoutMs ?? 5000);
    try {
      const startedAt = this.now().toISOString();
      const [fulfillments, cancellations, order] = await Promise.all([
        client.listFulfillments(orderId, {}, { signal }),
        client.listCancellations(orderId, { signal }),
        client.getOrder(orderId, {}, { signal }),
      ]);
      this.known.set(orderId, { fulfillments, cancellations, refreshedAt: startedAt });
      this.save();
      await this.keepOrder(order);
      this.emit(orderId);
      return true;
    } catch (error) {
      this.deps.log.warn('pack: could not refresh an order from FeedAMP', {
        orderId,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  /** A state change FeedAMP knows (the marketplace cancelled the order) reaches the cache. */
  private async keepOrder(order: Order): Promise<void> {
    const cached = order.id ? this.deps.orders.get(order.id) : undefined;
    if (!cached || !order.id) return;
    if (
      cached.order.normalized_marketplace_state === order.normalized_marketplace_state &&
      cached.order.marketplace_state_changed_at === order.marketplace_state_changed_at &&
      (cached.order.is_marketplace_fulfilled ?? false) === (order.is_marketplace_fulfilled ?? false)
    )
      return;
    await this.deps.orders.upsert([
      { ...cached, order: { ...cached.order, ...order, id: order.id } },
    ]);
  }

  private entriesOf(orderId: string): OutboxEntry[] {
    return this.deps.entries
      .all()
      .filter((e) => 'orderId' in e.write && e.write.orderId === orderId)
      .sort((a, b) => a.seq - b.seq);
  }

  /** The order's progress and records, from what is known now (no network). */
  state(orderId: string): PackState | undefined {
    const cached = this.deps.orders.get(orderId);
    if (!cached) return undefined;
    return projectPackState(cached.order, this.known.get(orderId), this.entriesOf(orderId));
  }

  private mustGetState(orderId: string): PackState {
    const state = this.state(orderId);
    if (!state) throw new StationError('not_found', say.orderNotOnStation(orderId));
    return state;
  }

  /** Orders this station finished today (nothing left, its package or cancellation queued). */
  doneToday(): Map<string, string> {
    return finishedToday(
      this.deps.entries.all(),
      (orderId) => this.state(orderId)?.complete ?? false,
      this.now(),
    );
  }

  /** Opens an order for packing: what is known now; FeedAMP is asked in the background. */
  async open(orderId: string): Promise<{ order: OrderView; state: PackState }> {
    await this.loaded;
    const order = this.mustGetView(orderId);
    await this.deps.claims?.open(orderId);
    this.watched.add(orderId);
    this.deps.packingLog?.opened(orderId);
    void this.refresh(orderId);
    await this.confirmOnOpen(orderId);
    return { order, state: this.mustGetState(orderId) };
  }

  private async confirmOnOpen(orderId: string): Promise<void> {
    const settings = this.deps.settings.get();
    if (!settings.packing.confirmOnOpen) return;
    const order = this.mustGetOrder(orderId);
    const state = order.normalized_marketplace_state;
    if (state === 'CANCELLED' || state === 'SHIPPED' || marketplaceFulfilledMessage(order)) return;
    const already = this.entriesOf(orderId).some(
      (e) => e.write.kind === 'confirm' && e.state !== 'discarded',
    );
    if (already) return;
    const number = merchantOrderNumber(
      settings.packing.merchantOrderNumberFormat,
      order,
      settings.stationName,
      settings.packerName,
    );
    await this.deps.outbox.enqueue({
      kind: 'confirm',
      orderId,
      body: { merchant_order_number: number },
    });
  }

  /** What a scan means on the Pack screen. */
  scan(code: string, openOrderId: string | null): ScanResult {
    return this.scans.resolve(code, openOrderId);
  }

  /**
   * Keeps a code as another name of a SKU standing for `units` of it (a case; 1: a plain alias),
   * under every key a later scan of it is looked up by.
   */
  learnAlias(code: string, sku: string, units = 1): { aliases: number } {
    const saved = this.deps.settings.update(
      withLearned(this.deps.settings.get(), [{ code: normaliseSku(code), sku, units }]),
    );
    this.scans.forget();
    this.deps.log.info('pack: alias learned', { sku, units });
    return { aliases: Object.keys(saved.aliases).length };
  }

  /**
   * Checks lines against the order's latest progress (after a refresh when online) and says,
   * in a sentence, why they cannot go.
   */
  private async checkAgainstFeedamp(
    orderId: string,
    lines: readonly LineQty[],
    verb: 'ship' | 'cancel',
  ): Promise<void> {
    const order = this.mustGetOrder(orderId);
    // Refused before FeedAMP is even asked; asked again after the refresh, which may bring the flag.
    refuseMarketplaceFulfilled(order);
    const before = this.mustGetState(orderId);
    const online = await this.refresh(orderId);
    const latest = this.deps.orders.get(orderId)?.order ?? order;
    refuseMarketplaceFulfilled(latest);
    const blocked = cancelledMessage(latest);
    if (blocked && verb === 'ship') throw new StationError('refused', blocked);
    const state = this.mustGetState(orderId);
    const problems = validateBox(toFeedamp(lines), state.lines);
    const first = problems[0];
    if (!first) return;
    if (first.kind === 'more-than-left') {
      const name = lineLabel(order, first.lineId);
      const was = before.lines.find((l) => l.lineId === first.lineId)?.left ?? first.left;
      const who =
        online && was > first.left
          ? 'Another station already shipped or cancelled some of these units: '
          : '';
      throw new StationError(
        'refused',
        first.left === 0
          ? `${who}nothing is left of ${name} to ${verb} — take ${name} out of the box.`
          : `${who}only ${units(first.left)} of ${name} left to ${verb}, ${first.inBox} in this box — take ${first.inBox - first.left} out.`,
      );
    }
    if (first.kind === 'not-on-order')
      throw new StationError('refused', say.lineNotOnThisOrder(first.lineId));
    throw new StationError('refused', 'The box is empty — scan an item first.');
  }

  /** Ships a package: refreshed and checked first, then queued in the outbox. */
  async ship(input: PackShipInput): Promise<{ entry: OutboxEntry; state: PackState }> {
    await this.loaded;
    await this.checkAgainstFeedamp(input.orderId, input.lines, 'ship').catch((error: unknown) => {
      // FeedAMP shows the order finished (another station's packages landed): let its claim go.
      if (this.state(input.orderId)?.complete) this.deps.claims?.shipped(input.orderId, true);
      throw error;
    });
    const shippedDate = input.shippedDate
      ? formatDateTime(new Date(input.shippedDate))
      : formatDateTime(this.now());
    // Warehouse mode: the claim and every station's packed lines are checked and this box
    // recorded in one database transaction before the outbox entry exists.
    const claimed = await this.deps.claims?.ship({
      ...this.claimInput(input.orderId, input.lines),
      trackingNumber: input.trackingNumber,
    });
    const entry = await this.deps.outbox
      .submitShipment({ ...input, shippedDate })
      .catch(async (error: unknown) => {
        await claimed?.undo().catch(() => undefined);
        throw error;
      });
    this.deps.packingLog?.queued(entry);
    this.watched.add(input.orderId);
    const state = this.mustGetState(input.orderId);
    this.deps.claims?.shipped(input.orderId, state.complete);
    return { entry, state };
  }

  async cancel(input: {
    orderId: string;
    lines: LineQty[];
    reason: CancellationReason;
  }): Promise<{ entry: OutboxEntry; state: PackState }> {
    await this.loaded;
    await this.checkAgainstFeedamp(input.orderId, input.lines, 'cancel');
    // Warehouse mode: under the claim, like a package, and counted so no one ships those units.
    const claimed = await this.deps.claims?.cancel(this.claimInput(input.orderId, input.lines));
    const entry = await this.deps.outbox.submitCancellation(input).catch(async (error: unknown) => {
      await claimed?.undo().catch(() => undefined);
      throw error;
    });
    this.deps.packingLog?.queued(entry);
    this.watched.add(input.orderId);
    const state = this.mustGetState(input.orderId);
    this.deps.claims?.shipped(input.orderId, state.complete);
    return { entry, state };
  }

  /** What the warehouse checks a box or a cancellation against: this station's view of the order. */
  private claimInput(orderId: string, lines: readonly LineQty[]) {
    const progress = this.mustGetState(orderId).lines;
    return {
      orderId,
      box: lines,
      allowed: new Map(progress.map((l) => [l.lineId, l.ordered - l.cancelled])),
      cancelled: new Map(progress.map((l) => [l.lineId, l.cancelled])),
      lineName: (lineId: string) => lineLabel(this.mustGetOrder(orderId), lineId),
    };
  }

  /** Refreshes an order a change is about to be written for, refusing one nobody may write for. */
  private async refreshWritable(orderId: string): Promise<void> {
    refuseMarketplaceFulfilled(this.deps.orders.get(orderId)?.order);
    await this.refresh(orderId);
    refuseMarketplaceFulfilled(this.deps.orders.get(orderId)?.order);
  }

  private mustFindRecord(orderId: string, kind: PackRecord['kind'], id: string): PackRecord {
    const record = this.mustGetState(orderId).records.find(
      (r) => r.kind === kind && r.id === id && r.status === 'uploaded',
    );
    if (!record)
      throw new StationError(
        'not_found',
        `That ${kind === 'fulfillment' ? 'shipment' : 'cancellation'} is not on FeedAMP — refresh the order.`,
      );
    if (record.pendingChange)
      throw new StationError(
        'refused',
        'A change of this record is already waiting to upload — wait for it first.',
      );
    return record;
  }

  /** Fix a mistake: a shipment on FeedAMP gets new lines, carrier or tracking number. */
  async updateFulfillment(input: {
    orderId: string;
    fulfillmentId: string;
    lines: LineQty[];
    carrier: Carrier;
    trackingNumber: string;
    shippedDate?: string;
  }): Promise<{ entry: OutboxEntry; state: PackState }> {
    await this.refreshWritable(input.orderId);
    const record = this.mustFindRecord(input.orderId, 'fulfillment', input.fulfillmentId);
    this.checkChangedLines(input.orderId, record, input.lines);
    const entry = await this.deps.outbox.enqueue({
      kind: 'fulfillment.update',
      orderId: input.orderId,
      fulfillmentId: input.fulfillmentId,
      body: {
        fulfillment_type: 'shipment',
        fulfillment_lines: toFeedamp(input.lines),
        shipment: {
          shipped_date: formatDateTime(
            input.shippedDate ?? record.shippedDate ?? this.now().toISOString(),
          ),
          carrier: input.carrier,
          tracking_number: input.trackingNumber,
        },
      },
    });
    this.watched.add(input.orderId);
    return { entry, state: this.mustGetState(input.orderId) };
  }

  async updateCancellation(input: {
    orderId: string;
    cancellationId: string;
    lines: LineQty[];
    reason: CancellationReason;
  }): Promise<{ entry: OutboxEntry; state: PackState }> {
    await this.refreshWritable(input.orderId);
    const record = this.mustFindRecord(input.orderId, 'cancellation', input.cancellationId);
    this.checkChangedLines(input.orderId, record, input.lines);
    const entry = await this.deps.outbox.enqueue({
      kind: 'cancellation.update',
      orderId: input.orderId,
      cancellationId: input.cancellationId,
      body: { reason: input.reason, cancellation_lines: toFeedamp(input.lines) },
    });
    this.watched.add(input.orderId);
    return { entry, state: this.mustGetState(input.orderId) };
  }

  /** A changed record may grow a line only by what is left of it. */
  private checkChangedLines(orderId: string, record: PackRecord, lines: readonly LineQty[]): void {
    const state = this.mustGetState(orderId);
    const order = this.mustGetOrder(orderId);
    for (const l of lines) {
      const progress = state.lines.find((p) => p.lineId === l.lineId);
      if (!progress) throw new StationError('refused', say.lineNotOnThisOrder(l.lineId));
      const had = record.lines
        .filter((r) => r.lineId === l.lineId)
        .reduce((n, r) => n + r.quantity, 0);
      if (l.quantity > had + progress.left)
        throw new StationError(
          'refused',
          `Only ${had + progress.left} of ${lineLabel(order, l.lineId)} can be on this record.`,
        );
    }
  }

  async deleteRecord(input: {
    orderId: string;
    kind: PackRecord['kind'];
    id: string;
  }): Promise<{ entry: OutboxEntry; state: PackState }> {
    await this.refreshWritable(input.orderId);
    this.mustFindRecord(input.orderId, input.kind, input.id);
    const entry = await this.deps.outbox.enqueue(
      input.kind === 'fulfillment'
        ? { kind: 'fulfillment.delete', orderId: input.orderId, fulfillmentId: input.id }
        : { kind: 'cancellation.delete', orderId: input.orderId, cancellationId: input.id },
    );
    this.deps.log.info('pack: delete queued', { orderId: input.orderId, kind: input.kind });
    this.watched.add(input.orderId);
    return { entry, state: this.mustGetState(input.orderId) };
  }
}

export type { LineProgress };
export { cancelledMessage };
