// Orders this station finished today: the Orders list moves them out of the queue into its
// "Done today" view, so a packer never opens an order twice in a shift by mistake. An order is
// finished when nothing is left to ship or cancel, and this station queued a package or a
// cancellation for it since local midnight.
import type { OutboxEntry } from '../outbox/entries';

/** Local midnight of `now`'s day. */
export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Order id → when this station queued its latest package or cancellation today (ISO). */
export function finishedToday(
  entries: readonly OutboxEntry[],
  isComplete: (orderId: string) => boolean,
  now: Date,
): Map<string, string> {
  const since = startOfLocalDay(now).getTime();
  const latest = new Map<string, string>();
  for (const e of entries) {
    const w = e.write;
    if (w.kind !== 'fulfillment.create' && w.kind !== 'cancellation.create') continue;
    if (e.state === 'discarded' || Date.parse(e.createdAt) < since) continue;
    const before = latest.get(w.orderId);
    if (!before || before < e.createdAt) latest.set(w.orderId, e.createdAt);
  }
  for (const orderId of [...latest.keys()]) if (!isComplete(orderId)) latest.delete(orderId);
  return latest;
}
