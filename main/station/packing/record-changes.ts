// Fixing a mistake after upload: a shipment or cancellation already on FeedAMP gets new lines,
// carrier, tracking number or reason, or is deleted. Each change is refreshed and checked first,
// then queued through the outbox like every write.
import type { PackRecord, PackState } from '../../../preload/api/pack';
import type { CancellationReason, Carrier } from '../../../common/feedamp-enums';
import { formatDateTime } from '../../feedamp/dates';
import type { Logger } from '../../log';
import { say, StationError } from '../errors';
import type { OrderStore } from '../orders/store';
import type { OutboxEntry } from '../outbox/entries';
import type { OutboxService } from '../outbox/service';
import { refuseMarketplaceFulfilled } from './marketplace-fulfilled';
import { lineLabel, mustGetOrder } from './order-lookup';
import { toFeedamp, type LineQty } from './projection';

export interface RecordChangesDeps {
  orders: OrderStore;
  outbox: OutboxService;
  log: Logger;
  now: () => Date;
  /** Reads the order from FeedAMP; true when FeedAMP answered. */
  refresh: (orderId: string) => Promise<boolean>;
  /** The order's progress from what is known now; throws for an order not on the station. */
  state: (orderId: string) => PackState;
  /** The order's progress is pushed to the screen when it changes from now on. */
  watch: (orderId: string) => void;
}

type Changed = { entry: OutboxEntry; state: PackState };

export class RecordChanges {
  constructor(private readonly deps: RecordChangesDeps) {}

  /** Refreshes an order a change is about to be written for, refusing one nobody may write for. */
  private async refreshWritable(orderId: string): Promise<void> {
    refuseMarketplaceFulfilled(this.deps.orders.get(orderId)?.order);
    await this.deps.refresh(orderId);
    refuseMarketplaceFulfilled(this.deps.orders.get(orderId)?.order);
  }

  private mustFindRecord(orderId: string, kind: PackRecord['kind'], id: string): PackRecord {
    const record = this.deps
      .state(orderId)
      .records.find((r) => r.kind === kind && r.id === id && r.status === 'uploaded');
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
  }): Promise<Changed> {
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
            input.shippedDate ?? record.shippedDate ?? this.deps.now().toISOString(),
          ),
          carrier: input.carrier,
          tracking_number: input.trackingNumber,
        },
      },
    });
    this.deps.watch(input.orderId);
    return { entry, state: this.deps.state(input.orderId) };
  }

  async updateCancellation(input: {
    orderId: string;
    cancellationId: string;
    lines: LineQty[];
    reason: CancellationReason;
  }): Promise<Changed> {
    await this.refreshWritable(input.orderId);
    const record = this.mustFindRecord(input.orderId, 'cancellation', input.cancellationId);
    this.checkChangedLines(input.orderId, record, input.lines);
    const entry = await this.deps.outbox.enqueue({
      kind: 'cancellation.update',
      orderId: input.orderId,
      cancellationId: input.cancellationId,
      body: { reason: input.reason, cancellation_lines: toFeedamp(input.lines) },
    });
    this.deps.watch(input.orderId);
    return { entry, state: this.deps.state(input.orderId) };
  }

  /** A changed record may grow a line only by what is left of it. */
  private checkChangedLines(orderId: string, record: PackRecord, lines: readonly LineQty[]): void {
    const state = this.deps.state(orderId);
    const order = mustGetOrder(this.deps.orders, orderId);
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
  }): Promise<Changed> {
    await this.refreshWritable(input.orderId);
    this.mustFindRecord(input.orderId, input.kind, input.id);
    const entry = await this.deps.outbox.enqueue(
      input.kind === 'fulfillment'
        ? { kind: 'fulfillment.delete', orderId: input.orderId, fulfillmentId: input.id }
        : { kind: 'cancellation.delete', orderId: input.orderId, cancellationId: input.id },
    );
    this.deps.log.info('pack: delete queued', { orderId: input.orderId, kind: input.kind });
    this.deps.watch(input.orderId);
    return { entry, state: this.deps.state(input.orderId) };
  }
}
