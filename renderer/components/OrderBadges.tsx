import type { OrderSummary } from '../../preload/api/orders';
import { useOutboxStore } from '../store/outbox';

/** What a packer must notice about an order before opening it, the outbox's part included. */
export function OrderBadges({
  order,
}: {
  order: Pick<
    OrderSummary,
    'id' | 'leftFilter' | 'cancelledByMarketplace' | 'marketplaceFulfilled' | 'marketplace'
  >;
}) {
  const flags = useOutboxStore((s) => s.byOrder[order.id]);
  return (
    <span className="badges">
      {order.marketplaceFulfilled && (
        <span className="badge badge-warning">
          Fulfilled by {order.marketplace ?? 'the marketplace'}
        </span>
      )}
      {order.cancelledByMarketplace ? (
        <span className="badge badge-danger">Cancelled by marketplace</span>
      ) : (
        order.leftFilter && (
          <span
            className="badge badge-warning"
            title="This order no longer matches the orders this station syncs — shipped or changed elsewhere."
          >
            Changed elsewhere
          </span>
        )
      )}
      {flags && flags.attention > 0 && <span className="badge badge-danger">Needs attention</span>}
      {flags && flags.queued > 0 && <span className="badge badge-queued">Queued</span>}
    </span>
  );
}
