// Orders the marketplace fulfils itself (FeedAMP's `is_marketplace_fulfilled`, e.g. Amazon FBA):
// the seller ships nothing, and FeedAMP refuses a shipment, cancellation or confirmation of one
// after the fact. Every path that could write for an order asks here first, so the packer and the
// CSV report read the same sentence and no request leaves for such an order.
import type { Order } from '../../feedamp/schemas';
import { StationError } from '../errors';

type Flagged = Pick<Order, 'is_marketplace_fulfilled' | 'marketplace_name'>;

export function isMarketplaceFulfilled(
  order: Pick<Order, 'is_marketplace_fulfilled'> | undefined,
): boolean {
  return order?.is_marketplace_fulfilled === true;
}

/** "Fulfilled by Amazon — nothing to ship here." for such an order; undefined for any other. */
export function marketplaceFulfilledMessage(order: Flagged | undefined): string | undefined {
  if (!order || !isMarketplaceFulfilled(order)) return undefined;
  return `Fulfilled by ${order.marketplace_name?.trim() || 'the marketplace'} — nothing to ship here.`;
}

/** Throws that sentence for an order the marketplace fulfils; does nothing for any other. */
export function refuseMarketplaceFulfilled(order: Flagged | undefined): void {
  const message = marketplaceFulfilledMessage(order);
  if (message) throw new StationError('refused', message);
}
