// What the station refuses, in the packer's words. Services in main/station throw a StationError:
// a code saying what kind of refusal it is and one sentence with a next step. The bridge turns
// the code into a wire code in one place (bridge/dispatch.ts); the sentence goes out as written.
// Sentences said in more than one place live in `say` below, so they cannot drift apart.
import type { Order } from '../feedamp/schemas';

export type StationErrorCode =
  /** The request cannot be done as asked (a line over, a finished upload, a bad file). */
  | 'refused'
  /** The record is not in this station's cache, or no longer anywhere. */
  | 'not_found'
  /** FeedAMP refused or could not be reached; the sentence says which. */
  | 'feedamp'
  /** Something outside the packer's hands failed (the log has the details). */
  | 'failed';

export class StationError extends Error {
  constructor(
    readonly code: StationErrorCode,
    sentence: string,
  ) {
    super(sentence);
    this.name = 'StationError';
  }
}

/** "10:42" in the station's local time. */
function clockTime(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The sentences more than one service says. */
export const say = {
  orderNotOnStation: (orderId: string) =>
    `Order ${orderId} is not on this station — sync, then try again.`,
  orderNotOnStationOffline: (orderId: string) =>
    `Order ${orderId} is not on this station and FeedAMP cannot be reached — try again online.`,
  returnNotOnStation: (returnId: string) =>
    `Return ${returnId} is not on this station — sync returns, then try again.`,
  returnNotOnStationToWrite: (returnId: string) =>
    `Return ${returnId} is not on this station — open it once while online, then try again.`,
  /** The marketplace cancelled the order: nothing may ship. The time is the station's clock. */
  orderCancelled(order: Pick<Order, 'marketplace_name' | 'marketplace_state_changed_at'>) {
    const at = clockTime(order.marketplace_state_changed_at);
    return `This order was cancelled on ${order.marketplace_name ?? 'the marketplace'}${at ? ` at ${at}` : ''} — do not ship it.`;
  },
  lineNotOnThisOrder: (lineId: string) => `Line ${lineId} is not on this order.`,
  lineNotOnOrder: (lineId: string, orderId: string) => `Line ${lineId} is not on order ${orderId}.`,
  noFeedampOrder: (orderId: string) => `FeedAMP has no order ${orderId}.`,
  noFeedampReturn: (returnId: string) => `FeedAMP has no return ${returnId}.`,
} as const;
