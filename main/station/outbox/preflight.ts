// Just before a shipment or cancellation leaves, FeedAMP's current order is read: another station
// may have shipped or cancelled the same units since this one was queued, the marketplace may
// have cancelled the order, or the order may be one the marketplace fulfils itself. In each case
// nothing is sent and the packer reads one sentence saying what FeedAMP shows. A check made when
// the packer pressed Ship is not enough: the entry may wait offline for hours before it goes.
import { units as unitsText } from '../../../common/format';
import type { FeedampClient } from '../../feedamp/client';
import type { Cancellation, Fulfillment, Order, OrderLine } from '../../feedamp/schemas';
import { marketplaceFulfilledMessage } from '../packing/marketplace-fulfilled';
import type { OutboxWrite } from './entries';

/** What FeedAMP holds for one order right now. */
export interface OrderOnFeedamp {
  order: Order;
  fulfillments: Fulfillment[];
  cancellations: Cancellation[];
}

export type CheckedWrite = Extract<
  OutboxWrite,
  {
    kind:
      'fulfillment.create' | 'fulfillment.update' | 'cancellation.create' | 'cancellation.update';
  }
>;

export function isChecked(write: OutboxWrite): write is CheckedWrite {
  return (
    write.kind === 'fulfillment.create' ||
    write.kind === 'fulfillment.update' ||
    write.kind === 'cancellation.create' ||
    write.kind === 'cancellation.update'
  );
}

export async function readOrder(
  client: FeedampClient,
  orderId: string,
  signal: AbortSignal,
): Promise<OrderOnFeedamp> {
  const [order, fulfillments, cancellations] = await Promise.all([
    client.getOrder(orderId, { signal }),
    client.listFulfillments(orderId, {}, { signal }),
    client.listCancellations(orderId, { signal }),
  ]);
  return { order, fulfillments, cancellations };
}

export type Verdict = { ok: true } | { ok: false; code: string; message: string };

type LineQty = { line_id?: string | null; quantity?: number | null };

/** A count FeedAMP gave; anything but a non-negative integer counts as 0. */
function units(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

function unitsOf(lines: readonly LineQty[] | null | undefined, lineId: string): number {
  return (lines ?? []).reduce((n, l) => n + (l.line_id === lineId ? units(l.quantity) : 0), 0);
}

function lineName(line: OrderLine): string {
  const sku = line.sku?.trim() || `line ${line.id ?? '?'}`;
  const name = line.product_name?.trim();
  return name ? `${sku} (${name})` : sku;
}

function orderName(order: Order, orderId: string): string {
  return order.marketplace_order_number?.trim() || orderId;
}

/** "another package (tracking 1Z…)" / "2 other packages (tracking 1Z…, 1Z…)". */
function packages(shipments: readonly Fulfillment[]): string {
  const tracking = shipments
    .map((f) => f.shipment?.tracking_number?.trim())
    .filter((t): t is string => !!t);
  const which = tracking.length > 0 ? ` (tracking ${tracking.join(', ')})` : '';
  return shipments.length === 1
    ? `another package${which}`
    : `${shipments.length} other packages${which}`;
}

/** The order as a whole may not take the write: the marketplace fulfils or cancelled it. */
function orderVerdict(write: CheckedWrite, held: OrderOnFeedamp, what: string): Verdict {
  const { order } = held;
  const handsOff = marketplaceFulfilledMessage(order);
  if (handsOff) return { ok: false, code: 'marketplace_fulfilled', message: handsOff };
  // CANCELLED also follows from the seller cancelling every unit; then the counts speak.
  const allCancelledBySeller = (order.order_lines ?? []).every(
    (l) =>
      held.cancellations.reduce((n, c) => n + unitsOf(c.cancellation_lines, l.id ?? ''), 0) >=
      units(l.quantity),
  );
  if (order.normalized_marketplace_state === 'CANCELLED' && !allCancelledBySeller) {
    const on = order.marketplace_name?.trim() || 'the marketplace';
    return {
      ok: false,
      code: 'marketplace_cancelled',
      message: `Order ${orderName(order, write.orderId)} was cancelled on ${on}; ${what} was not sent — discard it.`,
    };
  }
  return { ok: true };
}

/** What FeedAMP shows done of a line, and what is left of it. */
type LineDone = { shipped: number; cancelled: number; left: number };

/** The sentence for a line that has fewer units left than the write wants. */
function tooMany(
  line: OrderLine,
  done: LineDone,
  need: number,
  shipments: readonly Fulfillment[],
  what: string,
): string {
  const { shipped, cancelled, left } = done;
  const lineId = line.id ?? '';
  const ordered = units(line.quantity);
  const name = lineName(line);
  const parts: string[] = [];
  const by = shipments.filter((f) => unitsOf(f.fulfillment_lines, lineId) > 0);
  if (shipped > 0) parts.push(`shipped in ${packages(by)}`);
  if (cancelled > 0) parts.push(shipped > 0 ? `${cancelled} cancelled` : 'cancelled');
  const count = shipped > 0 ? shipped : cancelled;
  const shows =
    parts.length > 0
      ? `FeedAMP already shows ${count} of ${unitsText(ordered)} of ${name} ${parts.join(' and ')}`
      : `FeedAMP shows only ${unitsText(ordered)} of ${name} on this order`;
  const rest =
    left > 0
      ? `, leaving ${left} for the ${need} in ${what}; it was not sent.`
      : `; ${what} was not sent.`;
  return shows + rest;
}

/**
 * Whether the write may go, judged only by what FeedAMP shows now. Records the write replaces (an
 * update) do not count against it. Run after the uncertain-lookup: an entry whose own earlier
 * attempt landed is found there as sent, never judged here against its own record.
 */
export function checkWrite(write: CheckedWrite, held: OrderOnFeedamp): Verdict {
  const { order } = held;
  const isShipment = write.kind === 'fulfillment.create' || write.kind === 'fulfillment.update';
  const what = isShipment ? 'this package' : 'this cancellation';
  const whole = orderVerdict(write, held, what);
  if (!whole.ok) return whole;

  const replaced =
    write.kind === 'fulfillment.update'
      ? write.fulfillmentId
      : write.kind === 'cancellation.update'
        ? write.cancellationId
        : undefined;
  const shipments = held.fulfillments.filter((f) => !(isShipment && f.id === replaced));
  const cancellations = held.cancellations.filter((c) => !(!isShipment && c.id === replaced));
  const orderLines = order.order_lines ?? [];
  const leftOf = (line: OrderLine): LineDone => {
    const id = line.id ?? '';
    const shipped = shipments.reduce((n, f) => n + unitsOf(f.fulfillment_lines, id), 0);
    const cancelled = cancellations.reduce((n, c) => n + unitsOf(c.cancellation_lines, id), 0);
    return { shipped, cancelled, left: Math.max(0, units(line.quantity) - shipped - cancelled) };
  };

  const wantedLines: readonly LineQty[] | undefined =
    write.kind === 'cancellation.create' || write.kind === 'cancellation.update'
      ? write.body.cancellation_lines
      : write.body.fulfillment_lines;
  if (!wantedLines || wantedLines.length === 0) {
    // A shipment without lines covers whatever is left: it needs at least one unit.
    if (orderLines.some((l) => leftOf(l).left > 0)) return { ok: true };
    return {
      ok: false,
      code: 'nothing_left',
      message: `FeedAMP already shows every unit of order ${orderName(order, write.orderId)} shipped or cancelled; ${what} was not sent.`,
    };
  }

  const wanted = new Map<string, number>();
  for (const l of wantedLines)
    if (l.line_id) wanted.set(l.line_id, (wanted.get(l.line_id) ?? 0) + units(l.quantity));
  for (const [lineId, need] of wanted) {
    const line = orderLines.find((l) => l.id === lineId);
    if (!line) {
      return {
        ok: false,
        code: 'line_missing',
        message: `FeedAMP no longer shows line ${lineId} on order ${orderName(order, write.orderId)}; ${what} was not sent.`,
      };
    }
    const done = leftOf(line);
    if (need <= done.left) continue;
    return {
      ok: false,
      code: isShipment ? 'already_shipped' : 'already_done',
      message: tooMany(line, done, need, shipments, what),
    };
  }
  return { ok: true };
}
