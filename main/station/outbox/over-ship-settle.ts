// The packer settles an over-shipped package (FeedAMP shows a line of it past the order): either
// it is withdrawn — its shipment's delete queued like every write — or both packages really went
// out and it is kept. Either way the entry stays 'sent' (it did go up) and is not raised again.
import type { Logger } from '../../log';
import { StationError } from '../errors';
import type { OutboxEntry, OutboxWriteInput } from './entries';
import type { OutboxStore } from './store';

export interface OverShipSettleDeps {
  store: OutboxStore;
  log: Logger;
  now: () => Date;
  /** Queues a write through the outbox (durable before it answers). */
  enqueue: (write: OutboxWriteInput) => Promise<OutboxEntry>;
}

function mustBeOverShipped(entry: OutboxEntry): OutboxEntry & { resultId: string } {
  if (entry.state !== 'sent' || !entry.overShipped || !entry.resultId)
    throw new StationError(
      'refused',
      'This package is not shown as over-shipped any more; there is nothing to settle.',
    );
  return { ...entry, resultId: entry.resultId };
}

/**
 * Settles it as the packer chose: logged, and stored with the note the outbox list shows. The
 * over-shipment and the look again it waited for are cleared together, so it is not raised again.
 */
function settle(
  deps: OverShipSettleDeps,
  entry: OutboxEntry & { resultId: string },
  settled: Omit<NonNullable<OutboxEntry['overShipSettled']>, 'at'>,
  words: { log: string; note: string },
): Promise<OutboxEntry> {
  deps.log.warn(words.log, {
    id: entry.id,
    resultId: entry.resultId,
    withdrawal: settled.withdrawalId,
    what: entry.overShipped?.sentence,
  });
  return deps.store.put({
    ...entry,
    overShipped: undefined,
    lookAgain: undefined,
    overShipSettled: { ...settled, at: deps.now().toISOString() },
    note: words.note,
  });
}

/**
 * Withdraws this station's over-shipped package from FeedAMP: the delete of its shipment is
 * queued like every write (durable first, sent in order with the order's other uploads, and a
 * delete of a shipment already gone counts as done). The entry itself stays 'sent' — it did go
 * up — and is settled, so it is not raised again while the delete waits.
 */
export async function withdrawOverShipped(
  deps: OverShipSettleDeps,
  found: OutboxEntry,
): Promise<OutboxEntry> {
  const entry = mustBeOverShipped(found);
  const w = entry.write;
  if (w.kind !== 'fulfillment.create')
    throw new StationError('refused', 'Only a shipment can be withdrawn here.');
  // A withdrawal already queued (a crash between the two records below) is reused.
  const queued = deps.store
    .all()
    .find(
      (e) =>
        e.state !== 'discarded' &&
        e.write.kind === 'fulfillment.delete' &&
        e.write.orderId === w.orderId &&
        e.write.fulfillmentId === entry.resultId,
    );
  const withdrawal =
    queued ??
    (await deps.enqueue({
      kind: 'fulfillment.delete',
      orderId: w.orderId,
      fulfillmentId: entry.resultId,
    }));
  return settle(
    deps,
    entry,
    { how: 'withdrawn', withdrawalId: withdrawal.id },
    {
      log: 'outbox: over-shipped package withdrawn by the packer',
      note: 'Withdrawn by the packer: it went past the order, and its delete goes up through the outbox.',
    },
  );
}

/** The packer says both packages really went out: the over-shipment stays on FeedAMP. */
export async function keepOverShipped(
  deps: OverShipSettleDeps,
  found: OutboxEntry,
): Promise<OutboxEntry> {
  const entry = mustBeOverShipped(found);
  return settle(
    deps,
    entry,
    { how: 'kept' },
    {
      log: 'outbox: over-shipment kept by the packer',
      note: `Kept on FeedAMP past the order: ${entry.overShipped?.sentence ?? ''}`.trim(),
    },
  );
}
