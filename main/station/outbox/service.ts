// The outbox as the rest of main sees it: queue a write (durable before it answers), list and
// count entries, fix, retry or discard one, hand the queue over to another station.
import { randomUUID } from 'node:crypto';
import type { OutboxCounts, OutboxEntryView, ShipmentInput } from '../../../preload/api/outbox';
import type { CancellationReason } from '../../../common/feedamp-enums';
import { formatDateTime } from '../../feedamp/dates';
import type { Logger } from '../../log';
import type { OrderStore } from '../orders/store';
import { refuseMarketplaceFulfilled } from '../packing/marketplace-fulfilled';
import type { SettingsService } from '../settings';
import {
  describeWrite,
  isOpen,
  outboxWriteSchema,
  type OutboxEntry,
  type OutboxWriteInput,
} from './entries';
import { linesOf, toEntryView } from './entry-view';
import { exportOpen, handOver, importHandedOver } from './handover';
import { keepOverShipped, withdrawOverShipped, type OverShipSettleDeps } from './over-ship-settle';
import type { OutboxStore } from './store';
import type { OutboxWorker } from './worker';
import { say, StationError } from '../errors';

export { toEntryView };

export interface OutboxServiceDeps {
  store: OutboxStore;
  worker: OutboxWorker;
  orders: OrderStore;
  settings: SettingsService;
  log: Logger;
  now?: () => Date;
}

export class OutboxService {
  private readonly now: () => Date;

  constructor(private readonly deps: OutboxServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Queues a write. Resolves only once it is on disk. */
  async enqueue(
    input: OutboxWriteInput,
    origin: OutboxEntry['origin'] = 'station',
  ): Promise<OutboxEntry> {
    const parsed = outboxWriteSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StationError(
        'refused',
        `${issue?.path.join('.') || 'write'}: ${issue?.message ?? 'not valid'}`,
      );
    }
    // Every write made on this station passes here: none for an order the marketplace fulfils.
    if ('orderId' in parsed.data)
      refuseMarketplaceFulfilled(this.deps.orders.get(parsed.data.orderId)?.order);
    const settings = this.deps.settings.get();
    const at = this.now().toISOString();
    const entry = await this.deps.store.put({
      id: randomUUID(),
      seq: this.deps.store.takeSeq(),
      write: parsed.data,
      state: 'pending',
      attempts: 0,
      uncertain: false,
      createdAt: at,
      updatedAt: at,
      station: settings.stationName,
      packer: settings.packerName || undefined,
      origin,
    });
    void this.deps.worker.kick();
    return entry;
  }

  /** Units of each line this station has shipped, cancelled or queued (sent or still open). */
  committedUnits(orderId: string): Map<string, number> {
    const units = new Map<string, number>();
    for (const entry of this.deps.store.all()) {
      const w = entry.write;
      if (entry.state === 'discarded' || !('orderId' in w) || w.orderId !== orderId) continue;
      if (w.kind !== 'fulfillment.create' && w.kind !== 'cancellation.create') continue;
      for (const l of linesOf(entry)) units.set(l.lineId, (units.get(l.lineId) ?? 0) + l.quantity);
    }
    return units;
  }

  /** Open (not yet uploaded) units per line: what the Pack screen shows as "queued". */
  queuedUnits(orderId: string): Record<string, number> {
    const units: Record<string, number> = {};
    for (const entry of this.openEntriesOf(orderId)) {
      if (entry.write.kind !== 'fulfillment.create' && entry.write.kind !== 'cancellation.create')
        continue;
      for (const l of linesOf(entry)) units[l.lineId] = (units[l.lineId] ?? 0) + l.quantity;
    }
    return units;
  }

  openEntriesOf(orderId: string): OutboxEntry[] {
    return this.deps.store.lane(`order:${orderId}`);
  }

  /** Checks lines against the cached order: they belong to it, and no line goes over. */
  private checkLines(
    orderId: string,
    lines: { lineId: string; quantity: number }[],
    verb: 'ship' | 'cancel',
  ): void {
    const cached = this.deps.orders.get(orderId);
    if (!cached) throw new StationError('not_found', say.orderNotOnStation(orderId));
    const order = cached.order;
    if (order.normalized_marketplace_state === 'CANCELLED' && verb === 'ship') {
      throw new StationError('refused', say.orderCancelled(order));
    }
    const committed = this.committedUnits(orderId);
    const wanted = new Map<string, number>();
    for (const l of lines) wanted.set(l.lineId, (wanted.get(l.lineId) ?? 0) + l.quantity);
    for (const [lineId, quantity] of wanted) {
      const line = order.order_lines?.find((l) => l.id === lineId);
      if (!line) throw new StationError('refused', say.lineNotOnOrder(lineId, orderId));
      const left = (line.quantity ?? 0) - (committed.get(lineId) ?? 0);
      if (quantity > left) {
        throw new StationError(
          'refused',
          `Only ${Math.max(0, left)} of ${line.sku ?? 'line ' + lineId} left to ${verb} on this order; ${quantity} is too many.`,
        );
      }
    }
  }

  async submitShipment(
    input: ShipmentInput,
    origin: OutboxEntry['origin'] = 'station',
  ): Promise<OutboxEntry> {
    this.checkLines(input.orderId, input.lines, 'ship');
    return this.enqueue(
      {
        kind: 'fulfillment.create',
        orderId: input.orderId,
        body: {
          fulfillment_type: 'shipment',
          fulfillment_lines: input.lines.map((l) => ({ line_id: l.lineId, quantity: l.quantity })),
          shipment: {
            shipped_date: input.shippedDate ?? formatDateTime(this.now()),
            carrier: input.carrier,
            tracking_number: input.trackingNumber,
            ...(input.trackingUrl ? { tracking_url: input.trackingUrl } : {}),
          },
        },
      },
      origin,
    );
  }

  async submitCancellation(input: {
    orderId: string;
    lines: { lineId: string; quantity: number }[];
    reason: CancellationReason;
  }): Promise<OutboxEntry> {
    this.checkLines(input.orderId, input.lines, 'cancel');
    return this.enqueue({
      kind: 'cancellation.create',
      orderId: input.orderId,
      body: {
        reason: input.reason,
        cancellation_lines: input.lines.map((l) => ({ line_id: l.lineId, quantity: l.quantity })),
      },
    });
  }

  /** "Upload now": everything waiting is due at once; resolves when the drain settles. */
  async uploadNow(): Promise<void> {
    await this.deps.worker.kick(true);
  }

  counts(): OutboxCounts {
    const today = this.now().toISOString().slice(0, 10);
    const counts = { queued: 0, sending: 0, attention: 0, sentToday: 0 };
    for (const e of this.deps.store.all()) {
      if (e.state === 'pending') counts.queued++;
      else if (e.state === 'sending') counts.sending++;
      else if (e.state === 'attention') counts.attention++;
      // An over-shipped package is sent and stays so, but waits for the packer all the same.
      if (e.state === 'sent' && e.overShipped) counts.attention++;
      if (e.state === 'sent' && e.sentAt?.slice(0, 10) === today) counts.sentToday++;
    }
    const { online, draining, blocked } = this.deps.worker.state;
    return { ...counts, online, draining, blocked };
  }

  list(): OutboxEntryView[] {
    const dayAgo = this.now().getTime() - 24 * 3600 * 1000;
    return this.deps.store
      .all()
      .filter((e) => isOpen(e) || !!e.overShipped || Date.parse(e.updatedAt) >= dayAgo)
      .map(toEntryView);
  }

  private mustGet(id: string): OutboxEntry {
    const entry = this.deps.store.get(id);
    if (!entry) throw new StationError('not_found', 'That upload is no longer in the outbox.');
    return entry;
  }

  /** After the packer fixed the cause: try again now (looking first if it may have arrived). */
  async retry(id: string): Promise<OutboxEntry> {
    const entry = this.mustGet(id);
    if (!isOpen(entry))
      throw new StationError('refused', 'This upload is finished; there is nothing to retry.');
    const updated = await this.deps.store.put({
      ...entry,
      state: 'pending',
      nextAttemptAt: undefined,
      error: undefined,
    });
    void this.deps.worker.kick(true);
    return updated;
  }

  /** See over-ship-settle.ts: the over-shipped package's delete is queued; the entry stays sent. */
  async withdraw(id: string): Promise<OutboxEntry> {
    return withdrawOverShipped(this.settleDeps, this.mustGet(id));
  }

  /** The packer says both packages really went out: the over-shipment stays on FeedAMP. */
  async keepBoth(id: string): Promise<OutboxEntry> {
    return keepOverShipped(this.settleDeps, this.mustGet(id));
  }

  private get settleDeps(): OverShipSettleDeps {
    const { store, log } = this.deps;
    return { store, log, now: this.now, enqueue: (write) => this.enqueue(write) };
  }

  async fixShipment(id: string, carrier: string, trackingNumber: string): Promise<OutboxEntry> {
    const entry = this.mustGet(id);
    const w = entry.write;
    if (
      w.kind !== 'fulfillment.create' ||
      w.body.fulfillment_type !== 'shipment' ||
      !isOpen(entry)
    ) {
      throw new StationError('refused', 'Only a shipment waiting to upload can be changed here.');
    }
    const write = outboxWriteSchema.parse({
      ...w,
      body: {
        ...w.body,
        shipment: { ...w.body.shipment, carrier, tracking_number: trackingNumber },
      },
    });
    this.deps.log.info('outbox entry fixed', { id, orderId: w.orderId });
    const updated = await this.deps.store.put({
      ...entry,
      write,
      state: 'pending',
      error: undefined,
      nextAttemptAt: undefined,
    });
    void this.deps.worker.kick(true);
    return updated;
  }

  async discard(id: string): Promise<OutboxEntry> {
    const entry = this.mustGet(id);
    if (!isOpen(entry))
      throw new StationError('refused', 'This upload is finished; there is nothing to discard.');
    if (entry.state === 'sending')
      throw new StationError(
        'refused',
        'This upload is being sent right now; wait for its answer.',
      );
    this.deps.log.warn('outbox entry discarded by the packer', {
      id,
      what: describeWrite(entry.write),
      state: entry.state,
      error: entry.error?.message,
    });
    return this.deps.store.put({
      ...entry,
      state: 'discarded',
      note: `Discarded at ${this.now().toISOString()}`,
    });
  }

  /** Everything not yet uploaded as an export file; nothing leaves the queue yet (handOver). */
  exportFile(): { fileName: string; text: string; ids: string[] } {
    return exportOpen(this.deps.store, this.deps.settings.get().stationName, this.now());
  }

  /** After the export file is written: those entries leave this station's queue. */
  async handOver(ids: string[]): Promise<number> {
    const { store, worker, log } = this.deps;
    return handOver({ store, worker, log, now: this.now }, ids);
  }

  /** Takes over entries exported elsewhere; each is looked up on FeedAMP before it is sent. */
  async import(text: string): Promise<{ added: number; alreadyHere: number }> {
    return importHandedOver(this.deps, text);
  }
}
