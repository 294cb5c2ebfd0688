// The order view's way in to refunds: a button that opens the refund dialog in place.
import { memo, useState } from 'react';
import { OrderRefundDialog } from './OrderRefundDialog';

/** Memoised: the Pack screen renders again on every scan; this button does not need to. */
export const OrderRefund = memo(function OrderRefund({
  orderId,
  orderLabel,
}: {
  orderId: string;
  orderLabel: string;
}) {
  const [open, setOpen] = useState(false);
  return open ? (
    <OrderRefundDialog orderId={orderId} orderLabel={orderLabel} onClose={() => setOpen(false)} />
  ) : (
    <p>
      <button type="button" onClick={() => setOpen(true)}>
        Refund…
      </button>
    </p>
  );
});
