import type { OrderSummary } from '../../preload/api/orders';

/**
 * What a packer must notice about an order before opening it. The outbox's "Queued" and
 * "Needs attention" badges join these when the outbox reaches the renderer.
 */
export function OrderBadges({
  order,
}: {
  order: Pick<OrderSummary, 'leftFilter' | 'cancelledByMarketplace'>;
}) {
  return (
    <span className="badges">
      {order.cancelledByMarketplace ? (
        <span className="badge badge-danger">Cancelled by marketplace</span>
      ) : (
        order.leftFilter && <span className="badge badge-warning">Left filter</span>
      )}
    </span>
  );
}
