// The check before sending and the send are two requests, so two stations sending the same unit
// within the same instant can both pass it, and FeedAMP may let the second through. Nothing on a
// station can close that window; what it can do is notice at once — from a read it makes anyway
// — and say so on the package that went over, so a line is never shipped past its order unseen.
import type { Fulfillment, OrderLine } from '../../feedamp/schemas';
import type { OutboxEntry } from './entries';

/** What the judgement needs of a line: FeedAMP's order line, or the copy kept on the entry. */
type OrderedLine = Pick<OrderLine, 'id' | 'sku' | 'quantity'>;

/** A count FeedAMP gave; anything but a positive integer counts as 0. */
function units(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

function unitsOn(f: Fulfillment, lineId: string): number {
  return (f.fulfillment_lines ?? []).reduce(
    (n, l) => n + (l.line_id === lineId ? units(l.quantity) : 0),
    0,
  );
}

function tracking(f: Fulfillment): string | undefined {
  return f.shipment?.tracking_number?.trim() || undefined;
}

/** "another (tracking 9400…)" / "2 others (tracking 9400…, 1Z…)". */
function others(list: readonly Fulfillment[]): string {
  const numbers = list.map(tracking).filter((t): t is string => !!t);
  const which = numbers.length > 0 ? ` (tracking ${numbers.join(', ')})` : '';
  return list.length === 1 ? `another${which}` : `${list.length} others${which}`;
}

function lineName(line: OrderedLine): string {
  return line.sku?.trim() || `Line ${line.id ?? '?'}`;
}

/** A shipment this station sent that may be judged: on FeedAMP, and not settled by the packer. */
export function mayBeOverShipped(entry: OutboxEntry): boolean {
  return (
    entry.state === 'sent' &&
    entry.write.kind === 'fulfillment.create' &&
    !!entry.resultId &&
    !entry.overShipped &&
    !entry.overShipSettled
  );
}

/**
 * The sentence the packer reads when FeedAMP shows a line of this station's shipment (FeedAMP's
 * `resultId`) shipped past what was ordered, e.g. "PL-TEE-BLK-S: 3 shipped of 2 ordered — this
 * station's package (tracking 1Z…) and another (tracking 9400…)."; undefined when every line of it
 * is within its order, or the shipment is no longer on FeedAMP (withdrawn, deleted elsewhere).
 */
export function overShipment(
  resultId: string,
  held: { order: { order_lines?: readonly OrderedLine[] | null }; fulfillments: Fulfillment[] },
): string | undefined {
  const mine = held.fulfillments.find((f) => f.id === resultId);
  if (!mine) return undefined;
  const sentences: string[] = [];
  const seen = new Set<string>();
  for (const own of mine.fulfillment_lines ?? []) {
    const lineId = own.line_id;
    if (!lineId || seen.has(lineId) || units(own.quantity) === 0) continue;
    seen.add(lineId);
    const line = (held.order.order_lines ?? []).find((l) => l.id === lineId);
    if (!line) continue;
    const ordered = units(line.quantity);
    const shipped = held.fulfillments.reduce((n, f) => n + unitsOn(f, lineId), 0);
    if (shipped <= ordered) continue;
    const rest = held.fulfillments.filter((f) => f.id !== resultId && unitsOn(f, lineId) > 0);
    const own_ = tracking(mine);
    const ours = `this station's package${own_ ? ` (tracking ${own_})` : ''}`;
    // Our own shipment alone past the order (FeedAMP's line shrank): say it without "others".
    const with_ = rest.length > 0 ? `${ours} and ${others(rest)}` : ours;
    sentences.push(`${lineName(line)}: ${shipped} shipped of ${ordered} ordered — ${with_}.`);
  }
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}

/** The ordered quantities of the lines a shipment carries, kept for the later look. */
export function orderedLines(
  lineIds: readonly string[],
  lines: readonly OrderedLine[] | null | undefined,
): { id: string; sku?: string; quantity: number }[] {
  return (lines ?? [])
    .filter((l): l is OrderedLine & { id: string } => !!l.id && lineIds.includes(l.id))
    .map((l) => ({ id: l.id, ...(l.sku ? { sku: l.sku } : {}), quantity: units(l.quantity) }));
}
