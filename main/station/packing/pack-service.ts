// The Pack screen's service in main: keeps each order's FeedAMP records (read when online, and
// remembered per order so packing goes on offline), and makes the packer's writes — each through
// the outbox, the one path for writes online or not. Before a package ships the order is read
// from FeedAMP again, so two stations never over-ship a line. Beside it: projection.ts adds the
// records and the outbox up into the order's progress; scan-resolver.ts says what a scan means;
// known-records.ts keeps FeedAMP's records on disk; box-check.ts checks a box before it ships;
// record-changes.ts changes or deletes a record already on FeedAMP.
import type { OrderView } from '../../../preload/api/orders';
import type { PackShipInput, PackState, ScanResult } from '../../../preload/api/pack';
import { formatDateTime } from '../../feedamp/dates';
import type { CancellationReason } from '../../../common/feedamp-enums';
import type { Cancellation, Fulfillment, Order } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { ScanResolver } from './scan-resolver';
import { finishedToday } from './done-today';
import type { OrderStore } from '../orders/store';
import type { ShipmentInput } from '../../../preload/api/outbox';
import type { OutboxEntry } from '../outbox/entries';
import type { OutboxService } from '../outbox/service';
import { normaliseSku } from '../../../common/item-codes';
import { withLearned } from '../scan/item-codes';
import type { SettingsService } from '../settings';
import type { PackClaims } from '../warehouse/service';
import type { PackingLogHook } from '../stats/packing-log';
import { marketplaceFulfilledMessage } from './marketplace-fulfilled';
import { projectPackState, type LineQty } from './projection';
import { say, StationError } from '../errors';
import { checkAgainstFeedamp } from './box-check';
import { queuedUnder } from './queued-under';
import { KnownRecords } from './known-records';
import { merchantOrderNumber } from './merchant-order-number';
import { lineLabel, mustGetOrder } from './order-lookup';
import { RecordChanges } from './record-changes';

/** The slice of the FeedAMP client the service uses (tests may pass a fake). */
interface PackClient {
  listFulfillments: (
    orderId: string,
    query?: object,
    options?: { signal?: AbortSignal },
  ) => Promise<Fulfillment[]>;
  listCancellations: (
    orderId: string,
    options?: { signal?: AbortSignal },
  ) => Promise<Cancellation[]>;
  getOrder: (orderId: string, query?: object, options?: { signal?: AbortSignal }) => Promise<Order>;
}

export interface PackServiceDeps {
  orders: OrderStore;
  outbox: OutboxService;
  /** Every outbox entry (sent ones too: the audit trail and uploads a refresh has not seen yet). */
  entries: {
    all: () => OutboxEntry[];
    onChange: (listener: (entry: OutboxEntry) => void) => () => void;
  };
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

export class PackService {
  private readonly now: () => Date;
  private readonly known: KnownRecords;
  private readonly changes: RecordChanges;
  private readonly refreshing = new Map<string, Promise<boolean>>();
  private readonly listeners = new Set<(state: PackState) => void>();
  /** Orders opened on this station: their progress is pushed when it changes. */
  private readonly watched = new Set<string>();
  private readonly scans: ScanResolver;
  private readonly offs: (() => void)[] = [];
  private readonly refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: PackServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.known = new KnownRecords(deps.dataDir, deps.log);
    this.scans = new ScanResolver({
      orders: deps.orders,
      settings: deps.settings,
      entries: deps.entries,
      knownFulfillments: () => this.known.fulfillments(),
    });
    this.changes = new RecordChanges({
      orders: deps.orders,
      outbox: deps.outbox,
      log: deps.log,
      now: this.now,
      refresh: (orderId) => this.refresh(orderId),
      state: (orderId) => this.mustGetState(orderId),
      watch: (orderId) => this.watched.add(orderId),
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
    await this.known.flush();
  }

  private mustGetOrder(orderId: string): Order & { id: string } {
    return mustGetOrder(this.deps.orders, orderId);
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
    await this.known.loaded;
    const signal = AbortSignal.timeout(this.deps.refreshTimeoutMs ?? 5000);
    try {
      const startedAt = this.now().toISOString();
      const [fulfillments, cancellations, order] = await Promise.all([
        client.listFulfillments(orderId, {}, { signal }),
        client.listCancellations(orderId, { signal }),
        client.getOrder(orderId, {}, { signal }),
      ]);
      this.known.set(orderId, { fulfillments, cancellations, refreshedAt: startedAt });
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
    await this.known.loaded;
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

  private checkAgainstFeedamp(
    orderId: string,
    lines: readonly LineQty[],
    verb: 'ship' | 'cancel',
  ): Promise<void> {
    const deps = {
      orders: this.deps.orders,
      refresh: (id: string) => this.refresh(id),
      state: (id: string) => this.mustGetState(id),
    };
    return checkAgainstFeedamp(deps, orderId, lines, verb);
  }

  /** Ships a package: refreshed and checked first, then queued in the outbox. */
  async ship(input: PackShipInput): Promise<{ entry: OutboxEntry; state: PackState }> {
    await this.known.loaded;
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
    const entry = await queuedUnder(claimed, () =>
      this.deps.outbox.submitShipment({ ...input, shippedDate }),
    );
    this.deps.packingLog?.queued(entry);
    this.watched.add(input.orderId);
    const state = this.mustGetState(input.orderId);
    this.deps.claims?.shipped(input.orderId, state.complete);
    return { entry, state };
  }

  /** A CSV file's package: in warehouse mode checked against every station's, then queued. */
  async queueImported(input: ShipmentInput): Promise<OutboxEntry> {
    await this.known.loaded;
    const claimed = await this.deps.claims?.shipImported({
      ...this.claimInput(input.orderId, input.lines),
      trackingNumber: input.trackingNumber,
    });
    const entry = await queuedUnder(claimed, () => this.deps.outbox.submitShipment(input, 'csv'));
    this.watched.add(input.orderId);
    return entry;
  }

  async cancel(input: {
    orderId: string;
    lines: LineQty[];
    reason: CancellationReason;
  }): Promise<{ entry: OutboxEntry; state: PackState }> {
    await this.known.loaded;
    await this.checkAgainstFeedamp(input.orderId, input.lines, 'cancel');
    // Warehouse mode: under the claim, like a package, and counted so no one ships those units.
    const claimed = await this.deps.claims?.cancel(this.claimInput(input.orderId, input.lines));
    const entry = await queuedUnder(claimed, () => this.deps.outbox.submitCancellation(input));
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

  /** Fix a mistake: a shipment on FeedAMP gets new lines, carrier or tracking number. */
  updateFulfillment(
    input: Parameters<RecordChanges['updateFulfillment']>[0],
  ): Promise<{ entry: OutboxEntry; state: PackState }> {
    return this.changes.updateFulfillment(input);
  }

  updateCancellation(
    input: Parameters<RecordChanges['updateCancellation']>[0],
  ): Promise<{ entry: OutboxEntry; state: PackState }> {
    return this.changes.updateCancellation(input);
  }

  deleteRecord(
    input: Parameters<RecordChanges['deleteRecord']>[0],
  ): Promise<{ entry: OutboxEntry; state: PackState }> {
    return this.changes.deleteRecord(input);
  }
}
