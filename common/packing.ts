// Packing math: how many units of each order line are left to pack and what a box may hold.
// Everything a packer relies on to never over-ship a line, in one place: main computes progress
// and checks a package before it queues it; the Pack screen fills the box with the same rules.
//
//   left = ordered − shipped − cancelled − queued
//
// shipped and cancelled come from FeedAMP's fulfillments and cancellations (refreshed before each
// shipment); queued are the station's own writes still waiting in the outbox. Pure functions over
// structural types, so the FeedAMP schemas, the bridge's views and the tests can all feed them.

/** FeedAMP's LineQuantity: `{ line_id, quantity }`. */
export interface LineQuantity {
  readonly line_id: string;
  readonly quantity: number;
}

/** An order line as FeedAMP sends it: every field optional. */
export interface LineLike {
  readonly id?: string | null;
  readonly quantity?: number | null;
}

export interface OrderLike {
  readonly order_lines?: readonly LineLike[] | null;
}

/** A FeedAMP fulfillment (a shipped package). */
export interface ShipmentLike {
  readonly id?: string | null;
  readonly fulfillment_lines?: readonly Partial<LineQuantity>[] | null;
}

/** A FeedAMP cancellation. */
export interface CancellationLike {
  readonly id?: string | null;
  readonly cancellation_lines?: readonly Partial<LineQuantity>[] | null;
}

/**
 * A write waiting in the outbox: a new fulfillment or cancellation, or an update or delete of one
 * already on FeedAMP. `supersedes` names the uploaded record an update replaces or a delete
 * removes; that record then no longer counts and the queued lines (none for a delete) count in
 * its place. Counting a queued write is deliberately cautious: if its upload and the next refresh
 * overlap it may be counted twice for a moment, which can only make "left" smaller, never larger.
 */
export interface QueuedLike {
  readonly supersedes?: string | null;
  readonly fulfillment_lines?: readonly Partial<LineQuantity>[] | null;
  readonly cancellation_lines?: readonly Partial<LineQuantity>[] | null;
}

export interface LineProgress {
  readonly lineId: string;
  readonly ordered: number;
  readonly shipped: number;
  readonly cancelled: number;
  readonly queued: number;
  /** Never negative; see `excess`. */
  readonly left: number;
  /** Units shipped, cancelled or queued beyond what was ordered (another station, a data error). */
  readonly excess: number;
}

/** A count FeedAMP or the outbox gave us; anything but a non-negative integer counts as 0. */
function units(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

function sumFor(
  lineId: string,
  lines: readonly Partial<LineQuantity>[] | null | undefined,
): number {
  let total = 0;
  for (const l of lines ?? []) if (l.line_id === lineId) total += units(l.quantity);
  return total;
}

function supersededIds(queued: readonly QueuedLike[]): Set<string> {
  const ids = new Set<string>();
  for (const q of queued) if (q.supersedes) ids.add(q.supersedes);
  return ids;
}

function current<T extends { readonly id?: string | null }>(
  records: readonly T[],
  superseded: ReadonlySet<string>,
): T[] {
  return records.filter((r) => !(r.id && superseded.has(r.id)));
}

/** Ordered, shipped, cancelled, queued and left for one line. */
function lineProgress(
  line: LineLike,
  shipments: readonly ShipmentLike[],
  cancellations: readonly CancellationLike[],
  queued: readonly QueuedLike[],
): LineProgress {
  const lineId = line.id ?? '';
  const superseded = supersededIds(queued);
  const ordered = units(line.quantity);
  const shipped = current(shipments, superseded).reduce(
    (n, s) => n + sumFor(lineId, s.fulfillment_lines),
    0,
  );
  const cancelled = current(cancellations, superseded).reduce(
    (n, c) => n + sumFor(lineId, c.cancellation_lines),
    0,
  );
  const queuedUnits = queued.reduce(
    (n, q) => n + sumFor(lineId, q.fulfillment_lines) + sumFor(lineId, q.cancellation_lines),
    0,
  );
  const used = shipped + cancelled + queuedUnits;
  return {
    lineId,
    ordered,
    shipped,
    cancelled,
    queued: queuedUnits,
    left: Math.max(0, ordered - used),
    excess: Math.max(0, used - ordered),
  };
}

/** Progress of every line with an id, in the order's own line order. */
export function orderProgress(
  order: OrderLike,
  shipments: readonly ShipmentLike[],
  cancellations: readonly CancellationLike[],
  queued: readonly QueuedLike[],
): LineProgress[] {
  return (order.order_lines ?? [])
    .filter((l) => typeof l.id === 'string' && l.id !== '')
    .map((l) => lineProgress(l, shipments, cancellations, queued));
}

/** What a line may still take: its id and the units left on it (a LineProgress fits). */
export type LineRoom = Pick<LineProgress, 'lineId' | 'left'>;

/**
 * The box being packed: line id → units of that line in it. A line with no entry has none in the
 * box; entries are never 0 or negative.
 */
export type Box = Readonly<Record<string, number>>;

/** Units of a line in the box. */
export function inBox(box: Box, lineId: string): number {
  const n = box[lineId];
  return typeof n === 'number' && n > 0 ? n : 0;
}

/** Units in the whole box. */
export function boxUnits(box: Box): number {
  return Object.values(box).reduce((n, q) => n + (q > 0 ? q : 0), 0);
}

function roomOf(lines: readonly LineRoom[], lineId: string): LineRoom | undefined {
  return lines.find((l) => l.lineId === lineId);
}

type BoxRefusal = 'not-on-order' | 'nothing-left' | 'over-scan' | 'bad-quantity';

export type BoxChange =
  | { ok: true; box: Box; quantity: number; left: number }
  | { ok: false; reason: BoxRefusal; left: number };

/**
 * Sets the units of a line in the box to exactly `quantity` (a typed "×6" after a scan); 0 takes
 * the line out. Refuses rather than clamps: an over-scan is a packer's mistake to hear about, not
 * to hide.
 */
export function setInBox(
  box: Box,
  lineId: string,
  quantity: number,
  lines: readonly LineRoom[],
): BoxChange {
  const line = roomOf(lines, lineId);
  if (!line) return { ok: false, reason: 'not-on-order', left: 0 };
  const left = line.left;
  if (!Number.isInteger(quantity) || quantity < 0)
    return { ok: false, reason: 'bad-quantity', left };
  if (quantity > 0 && left === 0) return { ok: false, reason: 'nothing-left', left };
  if (quantity > left) return { ok: false, reason: 'over-scan', left };
  const next: Record<string, number> = { ...box };
  if (quantity === 0) delete next[lineId];
  else next[lineId] = quantity;
  return { ok: true, box: next, quantity, left };
}

/** Puts `count` more units of a line in the box (a scan adds 1, "−" takes 1 out), or says why not. */
export function addToBox(
  box: Box,
  lineId: string,
  count: number,
  lines: readonly LineRoom[],
): BoxChange {
  return setInBox(box, lineId, inBox(box, lineId) + count, lines);
}

/**
 * The line a scanned item code goes to when it is on several lines of the order: the selected
 * line if it is one of them, else the first with room in the box. `room` false: none has room
 * (the line named is where the over-scan is said). Undefined for no line ids.
 */
export function lineForScan(
  lineIds: readonly string[],
  selected: string | undefined,
  box: Box,
  lines: readonly LineRoom[],
  /** Units the scan puts in (a case); the line must have room for all of them. */
  units = 1,
): { lineId: string; room: boolean } | undefined {
  const candidates =
    selected !== undefined && lineIds.includes(selected)
      ? [selected, ...lineIds.filter((id) => id !== selected)]
      : lineIds;
  const withRoom = candidates.find(
    (id) => inBox(box, id) + units <= (roomOf(lines, id)?.left ?? 0),
  );
  if (withRoom !== undefined) return { lineId: withRoom, room: true };
  const first = candidates[0];
  return first === undefined ? undefined : { lineId: first, room: false };
}

/**
 * The box after progress changed (another station shipped, an upload landed): units no longer
 * left leave it. The same box object when nothing had to change.
 */
export function fitBox(box: Box, lines: readonly LineRoom[]): Box {
  let next: Record<string, number> | undefined;
  for (const l of lines) {
    if (inBox(box, l.lineId) > l.left) {
      next ??= { ...box };
      if (l.left > 0) next[l.lineId] = l.left;
      else delete next[l.lineId];
    }
  }
  return next ?? box;
}

/** Units still left on the order once this box ships. */
export function leftAfterBox(box: Box, lines: readonly LineRoom[]): number {
  return lines.reduce((n, l) => n + Math.max(0, l.left - inBox(box, l.lineId)), 0);
}

/**
 * This box takes the last units of the order ("ship on last scan", and shipping without the
 * partial-package question).
 */
export function boxCompletesOrder(box: Box, lines: readonly LineRoom[]): boolean {
  return boxUnits(box) > 0 && leftAfterBox(box, lines) === 0;
}

/** The box as a package's lines, in `lineIds` order (the order's own), without empty lines. */
export function boxLines(
  box: Box,
  lineIds: readonly string[],
): { lineId: string; quantity: number }[] {
  return lineIds
    .filter((id) => inBox(box, id) > 0)
    .map((lineId) => ({ lineId, quantity: inBox(box, lineId) }));
}

export type BoxProblem =
  | { kind: 'empty' }
  | { kind: 'not-on-order'; lineId: string }
  | { kind: 'bad-quantity'; lineId: string; quantity: number }
  | { kind: 'more-than-left'; lineId: string; inBox: number; left: number };

/**
 * Checks a package's lines against the latest progress right before it is queued (after the
 * refresh of fulfillments and cancellations): every line on this order, every quantity a positive
 * integer, never more than is left. Duplicate entries of one line are added up before comparing.
 */
export function validateBox(
  lines: readonly LineQuantity[],
  progress: readonly LineRoom[],
): BoxProblem[] {
  const allowance = new Map(progress.map((p) => [p.lineId, p.left]));
  const problems: BoxProblem[] = [];
  if (lines.length === 0) problems.push({ kind: 'empty' });
  const totals = new Map<string, number>();
  for (const entry of lines) {
    if (!allowance.has(entry.line_id)) {
      problems.push({ kind: 'not-on-order', lineId: entry.line_id });
    } else if (!Number.isInteger(entry.quantity) || entry.quantity <= 0) {
      problems.push({ kind: 'bad-quantity', lineId: entry.line_id, quantity: entry.quantity });
    } else {
      totals.set(entry.line_id, (totals.get(entry.line_id) ?? 0) + entry.quantity);
    }
  }
  for (const [lineId, count] of totals) {
    const left = allowance.get(lineId) ?? 0;
    if (count > left) problems.push({ kind: 'more-than-left', lineId, inBox: count, left });
  }
  return problems;
}

/**
 * Nothing left to pack: every line is shipped, cancelled or queued in full. An order with no
 * lines has nothing to pack and counts as complete.
 */
export function orderComplete(progress: readonly LineRoom[]): boolean {
  return progress.every((p) => p.left === 0);
}
