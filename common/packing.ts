// Packing math: how many units of each order line are left to pack, what a box may hold, and the
// fulfillment_lines a box turns into. Everything a packer relies on to never over-ship a line.
//
//   left = ordered − shipped − cancelled − queued
//
// shipped and cancelled come from FeedAMP's fulfillments and cancellations (refreshed before each
// shipment); queued are the station's own writes still waiting in the outbox. Pure functions over
// structural types, so the FeedAMP schemas, the outbox and the tests can all feed them.

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

/** A box being packed: the lines and units in it. Same shape as FeedAMP's fulfillment_lines. */
export type Box = readonly LineQuantity[];

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
export function lineProgress(
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

/** Units of `line` still to pack: ordered − shipped − cancelled − queued, never below 0. */
export function remainingUnits(
  line: LineLike,
  shipments: readonly ShipmentLike[],
  cancellations: readonly CancellationLike[],
  queued: readonly QueuedLike[],
): number {
  return lineProgress(line, shipments, cancellations, queued).left;
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

/**
 * What a new box may contain: every line of the order → the most units a box may hold (= left,
 * possibly 0). A line id that is absent is not on this order.
 */
export function boxAllowance(progress: readonly LineProgress[]): ReadonlyMap<string, number> {
  return new Map(progress.map((p) => [p.lineId, p.left]));
}

/** Units of a line already in the box. */
export function unitsInBox(box: Box, lineId: string): number {
  return sumFor(lineId, box);
}

export type BoxRefusal = 'not-on-order' | 'nothing-left' | 'over-scan' | 'bad-quantity';

export type BoxChange = { ok: true; box: Box } | { ok: false; reason: BoxRefusal; left: number };

/**
 * Puts `count` more units of a line in the box (a scan adds 1), or says why not. Refuses rather
 * than clamps: an over-scan is a packer's mistake to hear about, not to hide.
 */
export function addToBox(
  box: Box,
  lineId: string,
  count: number,
  allowance: ReadonlyMap<string, number>,
): BoxChange {
  return setInBox(box, lineId, unitsInBox(box, lineId) + count, allowance);
}

/**
 * Sets the units of a line in the box to exactly `quantity` (a typed "×6" after a scan); 0 takes
 * the line out of the box.
 */
export function setInBox(
  box: Box,
  lineId: string,
  quantity: number,
  allowance: ReadonlyMap<string, number>,
): BoxChange {
  const left = allowance.get(lineId);
  if (left === undefined) return { ok: false, reason: 'not-on-order', left: 0 };
  if (!Number.isInteger(quantity) || quantity < 0)
    return { ok: false, reason: 'bad-quantity', left };
  if (quantity > 0 && left === 0) return { ok: false, reason: 'nothing-left', left };
  if (quantity > left) return { ok: false, reason: 'over-scan', left };
  const index = box.findIndex((l) => l.line_id === lineId);
  const others = box.filter((l) => l.line_id !== lineId);
  if (quantity === 0) return { ok: true, box: others };
  const entry: LineQuantity = { line_id: lineId, quantity };
  // Keep the line where it was so the box reads in the order the packer filled it.
  const at = index === -1 ? others.length : index;
  return { ok: true, box: [...others.slice(0, at), entry, ...others.slice(at)] };
}

export type BoxProblem =
  | { kind: 'empty' }
  | { kind: 'not-on-order'; lineId: string }
  | { kind: 'bad-quantity'; lineId: string; quantity: number }
  | { kind: 'more-than-left'; lineId: string; inBox: number; left: number };

/**
 * Checks a whole box against the latest progress right before it ships (after the refresh of
 * fulfillments and cancellations): every line on this order, every quantity a positive integer,
 * never more than is left. Duplicate entries of one line are added up before comparing.
 */
export function validateBox(box: Box, progress: readonly LineProgress[]): BoxProblem[] {
  const allowance = boxAllowance(progress);
  const problems: BoxProblem[] = [];
  if (box.length === 0) problems.push({ kind: 'empty' });
  const totals = new Map<string, number>();
  for (const entry of box) {
    if (!allowance.has(entry.line_id)) {
      problems.push({ kind: 'not-on-order', lineId: entry.line_id });
    } else if (!Number.isInteger(entry.quantity) || entry.quantity <= 0) {
      problems.push({ kind: 'bad-quantity', lineId: entry.line_id, quantity: entry.quantity });
    } else {
      totals.set(entry.line_id, (totals.get(entry.line_id) ?? 0) + entry.quantity);
    }
  }
  for (const [lineId, inBox] of totals) {
    const left = allowance.get(lineId) ?? 0;
    if (inBox > left) problems.push({ kind: 'more-than-left', lineId, inBox, left });
  }
  return problems;
}

/**
 * The FeedAMP `fulfillment_lines` for a box: one entry per line (duplicates merged), no zero
 * quantities, in the order's line order when `progress` is given (else the box's own order).
 */
export function boxToFulfillmentLines(
  box: Box,
  progress?: readonly LineProgress[],
): LineQuantity[] {
  const totals = new Map<string, number>();
  for (const entry of box) {
    if (entry.quantity > 0)
      totals.set(entry.line_id, (totals.get(entry.line_id) ?? 0) + entry.quantity);
  }
  const order = progress ? progress.map((p) => p.lineId) : [];
  const rank = (id: string): number => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  return [...totals]
    .map(([line_id, quantity]) => ({ line_id, quantity }))
    .sort((a, b) => rank(a.line_id) - rank(b.line_id));
}

/** Lines and units still left once this box ships. */
export function leftAfterBox(box: Box, progress: readonly LineProgress[]): Map<string, number> {
  return new Map(progress.map((p) => [p.lineId, Math.max(0, p.left - unitsInBox(box, p.lineId))]));
}

/**
 * Nothing left to pack: every line is shipped, cancelled or queued in full. An order with no
 * lines has nothing to pack and counts as complete.
 */
export function orderComplete(progress: readonly LineProgress[]): boolean {
  return progress.every((p) => p.left === 0);
}

/**
 * This box takes the last units of the order ("ship on last scan", and the one-key ship when a
 * tracking number is present).
 */
export function boxCompletesOrder(box: Box, progress: readonly LineProgress[]): boolean {
  return box.length > 0 && [...leftAfterBox(box, progress).values()].every((n) => n === 0);
}
