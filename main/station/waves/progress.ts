// A wave's rules, pure: what is packed, skipped and left; which order comes next; why an order can
// no longer ship; and which single-item order an item scan opens. The wave service feeds these
// from the order cache and the pack service, the tests feed them tables.
import { z } from 'zod';
import type { OrderSummary } from '../../../preload/api/orders';
import type { LineProgressView, PackState } from '../../../preload/api/pack';
import type { WaveView } from '../../../preload/api/waves';
import { waveCode } from '../../../common/wave-code';
import { nextByShipBy } from '../printing/pick-list';

export const waveRecordSchema = z.looseObject({
  id: z.number().int().positive(),
  createdAt: z.string(),
  /** The pick list's orders, in its order. */
  orders: z.array(z.looseObject({ orderId: z.string(), number: z.string() })),
  packed: z.array(z.string()),
  skipped: z.array(z.looseObject({ orderId: z.string(), reason: z.string() })),
  current: z.string().optional(),
  itemFirst: z.boolean().catch(false).default(false),
  /** When the wave was started by a scan; a printed wave that was never scanned has none. */
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
});
export type WaveRecord = z.infer<typeof waveRecordSchema>;

export function waveView(wave: WaveRecord): WaveView {
  const numbers = new Map(wave.orders.map((o) => [o.orderId, o.number]));
  const number = (orderId: string) => numbers.get(orderId) ?? orderId;
  const done = new Set([...wave.packed, ...wave.skipped.map((s) => s.orderId)]);
  return {
    id: wave.id,
    code: waveCode(wave.id),
    orderCount: wave.orders.length,
    packed: wave.packed.map((orderId) => ({ orderId, number: number(orderId) })),
    skipped: wave.skipped.map((s) => ({
      orderId: s.orderId,
      number: number(s.orderId),
      reason: s.reason,
    })),
    left: wave.orders.filter((o) => !done.has(o.orderId)).map((o) => ({ ...o })),
    ...(wave.current ? { currentOrderId: wave.current } : {}),
    itemFirst: wave.itemFirst,
    ended: wave.endedAt !== undefined,
  };
}

/** Orders neither packed nor skipped, in the pick list's order. */
export function leftOrders(wave: WaveRecord): string[] {
  const done = new Set([...wave.packed, ...wave.skipped.map((s) => s.orderId)]);
  return wave.orders.map((o) => o.orderId).filter((id) => !done.has(id));
}

/**
 * The orders to try next, in the pick list's order: those after the open one first, then the ones
 * before it (put aside earlier), and the open one itself last — the packer asked to move on.
 */
export function nextCandidates(wave: WaveRecord): string[] {
  const left = leftOrders(wave);
  const at =
    wave.current === undefined ? -1 : wave.orders.findIndex((o) => o.orderId === wave.current);
  if (at === -1) return left;
  const position = new Map(wave.orders.map((o, i) => [o.orderId, i]));
  const after = left.filter((id) => position.get(id)! > at);
  const before = left.filter((id) => position.get(id)! < at);
  return [...after, ...before, ...left.filter((id) => id === wave.current)];
}

/** The open order counts as packed once nothing is left on it; it stays open otherwise. */
export function settleCurrent(wave: WaveRecord, complete: boolean): WaveRecord {
  if (!wave.current || !complete || wave.packed.includes(wave.current)) return wave;
  return { ...wave, packed: [...wave.packed, wave.current] };
}

type ShippableFacts = Pick<
  OrderSummary,
  'leftFilter' | 'cancelledByMarketplace' | 'marketplaceFulfilled' | 'marketplace'
>;

/** Why an order of a wave can no longer ship from here, in words; undefined when it can. */
export function unshippableReason(
  order: ShippableFacts | undefined,
  state: Pick<PackState, 'complete' | 'blocked' | 'readOnly'> | undefined,
): string | undefined {
  if (!order) return 'No longer on this station';
  if (order.cancelledByMarketplace) return `Cancelled by ${order.marketplace ?? 'the marketplace'}`;
  if (order.marketplaceFulfilled)
    return `Fulfilled by ${order.marketplace ?? 'the marketplace'} — nothing to ship here`;
  if (state?.complete) return 'Nothing left to ship — shipped or cancelled elsewhere';
  if (order.leftFilter) return 'No longer waiting to ship — changed or shipped elsewhere';
  if (state?.blocked) return state.blocked;
  return undefined;
}

export type ItemFirstCandidate = Pick<
  OrderSummary,
  'id' | 'shipBy' | 'leftFilter' | 'cancelledByMarketplace' | 'marketplaceFulfilled'
> & {
  /** The order's lines as the pack service counts them (what is left includes queued uploads). */
  lines: readonly Pick<LineProgressView, 'lineId' | 'left'>[];
  blocked?: boolean;
  /** The order's lines the scanned item matches. */
  matchingLineIds: readonly string[];
};

/** Exactly one unit is left on the order, on a line the scanned item matches. */
function needsOnlyThisUnit(candidate: ItemFirstCandidate): boolean {
  if (candidate.blocked) return false;
  const open = candidate.lines.filter((l) => l.left > 0);
  return (
    open.length === 1 && open[0]!.left === 1 && candidate.matchingLineIds.includes(open[0]!.lineId)
  );
}

/**
 * The orders an item scan may open, best first: packable, needing exactly that one unit and
 * nothing else, oldest ship-by first (ties by FeedAMP id, so every bench sees the same order).
 */
export function chooseItemFirst<T extends ItemFirstCandidate>(candidates: Iterable<T>): T[] {
  const fitting = [...candidates].filter(needsOnlyThisUnit);
  return nextByShipBy(fitting, fitting.length);
}
