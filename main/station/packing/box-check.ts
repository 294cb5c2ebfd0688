// Before a box ships or lines are cancelled: the order is read from FeedAMP again and the lines
// checked against its latest progress, so two stations never over-ship a line. A refusal says
// in one sentence why, and what to take out of the box.
import type { PackState } from '../../../preload/api/pack';
import { validateBox } from '../../../common/packing';
import { units } from '../../../common/format';
import { say, StationError } from '../errors';
import type { OrderStore } from '../orders/store';
import { refuseMarketplaceFulfilled } from './marketplace-fulfilled';
import { lineLabel, mustGetOrder } from './order-lookup';
import { cancelledMessage, toFeedamp, type LineQty } from './projection';

export interface BoxCheckDeps {
  orders: OrderStore;
  /** Reads the order from FeedAMP; true when FeedAMP answered. */
  refresh: (orderId: string) => Promise<boolean>;
  /** The order's progress from what is known now; throws for an order not on the station. */
  state: (orderId: string) => PackState;
}

/**
 * Checks lines against the order's latest progress (after a refresh when online) and says,
 * in a sentence, why they cannot go.
 */
export async function checkAgainstFeedamp(
  deps: BoxCheckDeps,
  orderId: string,
  lines: readonly LineQty[],
  verb: 'ship' | 'cancel',
): Promise<void> {
  const order = mustGetOrder(deps.orders, orderId);
  // Refused before FeedAMP is even asked; asked again after the refresh, which may bring the flag.
  refuseMarketplaceFulfilled(order);
  const before = deps.state(orderId);
  const online = await deps.refresh(orderId);
  const latest = deps.orders.get(orderId)?.order ?? order;
  refuseMarketplaceFulfilled(latest);
  const blocked = cancelledMessage(latest);
  if (blocked && verb === 'ship') throw new StationError('refused', blocked);
  const state = deps.state(orderId);
  const problems = validateBox(toFeedamp(lines), state.lines);
  const first = problems[0];
  if (!first) return;
  if (first.kind === 'more-than-left') {
    const name = lineLabel(order, first.lineId);
    const was = before.lines.find((l) => l.lineId === first.lineId)?.left ?? first.left;
    const who =
      online && was > first.left
        ? 'Another station already shipped or cancelled some of these units: '
        : '';
    throw new StationError(
      'refused',
      first.left === 0
        ? `${who}nothing is left of ${name} to ${verb} — take ${name} out of the box.`
        : `${who}only ${units(first.left)} of ${name} left to ${verb}, ${first.inBox} in this box — take ${first.inBox - first.left} out.`,
    );
  }
  if (first.kind === 'not-on-order')
    throw new StationError('refused', say.lineNotOnThisOrder(first.lineId));
  throw new StationError('refused', 'The box is empty — scan an item first.');
}
