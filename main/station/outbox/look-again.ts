// The looks at FeedAMP's shipments after one of ours went up: right after sending, once more
// after the settle time, and at each later read of the same order. Another station's shipment of
// the same unit may have slipped through the window between its check and ours; the packer must
// hear of it (overship.ts says what counts as past the order).
import type { FeedampClient } from '../../feedamp/client';
import type { Logger } from '../../log';
import { laneOf, type OutboxEntry } from './entries';
import { mayBeOverShipped, orderedLines, overShipment } from './overship';
import type { OrderOnFeedamp } from './preflight';
import type { OutboxStore } from './store';

export interface ShipmentLooksOptions {
  store: OutboxStore;
  log: Logger;
  now: () => Date;
  settleMs: number;
  /** Looks run at the same time, like the worker's lanes. */
  concurrency: number;
  signal: AbortSignal;
  stopped: () => boolean;
  blocked: () => boolean;
}

type Lines = { id: string; sku?: string; quantity: number }[];

/** The ordered quantities of a shipment's lines, from the read before it was sent. */
export function linesToKeep(
  write: Extract<OutboxEntry['write'], { kind: 'fulfillment.create' }>,
  held: OrderOnFeedamp,
): Lines {
  const ids = (write.body.fulfillment_lines ?? []).map((l) => l.line_id);
  return orderedLines(ids, held.order.order_lines);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ShipmentLooks {
  constructor(private readonly options: ShipmentLooksOptions) {}

  /**
   * Right after a shipment went up: FeedAMP's shipments now, against the order as the pre-send
   * read found it (lines and quantities do not change between the two), so one list request
   * instead of the whole read. Never fails the send: what it cannot learn now, the next check of
   * this order learns.
   */
  async afterSend(
    client: FeedampClient,
    entryId: string,
    orderId: string,
    resultId: string,
    held: OrderOnFeedamp,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    try {
      const fulfillments = await client.listFulfillments(orderId, {}, { signal });
      return overShipment(resultId, { order: held.order, fulfillments });
    } catch (error) {
      this.options.log.warn('outbox: could not look at the shipments after sending', {
        entry: entryId,
        error: messageOf(error),
      });
      return undefined;
    }
  }

  /**
   * When a sent shipment is looked at once more: by then a shipment another station checked
   * before ours landed has left and been applied or dropped (its read, then its request, each
   * within the settle time).
   */
  lookAgainAt(): string {
    return new Date(this.options.now().getTime() + 2 * this.options.settleMs).toISOString();
  }

  /** Sent shipments still to be looked at once more. */
  pending(): OutboxEntry[] {
    return this.options.store.all().filter((e) => e.lookAgain && mayBeOverShipped(e));
  }

  /** The looks that are due, a few at a time like the lanes; never throws. */
  async runDue(client: FeedampClient | undefined): Promise<void> {
    if (!client) return;
    const { now, stopped, blocked, concurrency } = this.options;
    const at = now().getTime();
    const due = this.pending().filter((e) => Date.parse(e.lookAgain!.at) <= at);
    const next = () => due.shift();
    const runner = async () => {
      for (let e = next(); e && !stopped() && !blocked(); e = next())
        await this.lookOnceMore(client, e);
    };
    await Promise.all(Array.from({ length: concurrency }, runner));
  }

  private async lookOnceMore(client: FeedampClient, entry: OutboxEntry): Promise<void> {
    const { store, log } = this.options;
    const w = entry.write;
    const look = entry.lookAgain;
    if (w.kind !== 'fulfillment.create' || !entry.resultId || !look) return;
    let sentence: string | undefined;
    let next: OutboxEntry['lookAgain'];
    try {
      const fulfillments = await client.listFulfillments(
        w.orderId,
        {},
        { signal: this.options.signal },
      );
      sentence = overShipment(entry.resultId, { order: { order_lines: look.lines }, fulfillments });
    } catch (error) {
      // A few more tries, then the order's next check before an upload is what is left.
      const tries = look.tries + 1;
      next = tries < 5 ? { ...look, tries, at: this.lookAgainAt() } : undefined;
      log.warn('outbox: could not look at a sent shipment again', {
        entry: entry.id,
        tries,
        error: messageOf(error),
      });
    }
    if (this.options.stopped()) return;
    const latest = store.get(entry.id);
    // Settled by the packer, or marked by another check, while the look ran.
    if (!latest || !mayBeOverShipped(latest) || !latest.lookAgain) return;
    if (sentence)
      log.warn('outbox: shipment went past the order on FeedAMP', {
        entry: entry.id,
        resultId: entry.resultId,
        what: sentence,
      });
    await store
      .put({
        ...latest,
        lookAgain: next,
        ...(sentence ? { overShipped: { sentence, at: this.options.now().toISOString() } } : {}),
      })
      .catch((error: unknown) =>
        log.warn('outbox: could not record the look at a sent shipment', {
          entry: entry.id,
          error: messageOf(error),
        }),
      );
  }

  /**
   * The order's read before a later upload also judges this station's shipments of it already
   * sent: another station's shipment may have landed after the look that followed ours.
   */
  async judgeSent(entry: OutboxEntry, held: OrderOnFeedamp): Promise<void> {
    const { store, log } = this.options;
    const lane = laneOf(entry.write);
    for (const sent of store.all()) {
      if (sent.id === entry.id || laneOf(sent.write) !== lane || !mayBeOverShipped(sent)) continue;
      const sentence = overShipment(sent.resultId!, held);
      if (!sentence) continue;
      log.warn('outbox: shipment went past the order on FeedAMP', {
        entry: sent.id,
        resultId: sent.resultId,
        what: sentence,
      });
      await store
        .put({
          ...sent,
          overShipped: { sentence, at: this.options.now().toISOString() },
          lookAgain: undefined,
        })
        .catch((error: unknown) =>
          log.warn('outbox: could not record an over-shipment', {
            entry: sent.id,
            error: messageOf(error),
          }),
        );
    }
  }
}
