// The order view's way in to refunds: a button that opens the refund dialog in place.
import { useState } from 'react';
import { OrderRefundDialog } from './OrderRefundDialog';

export function OrderRefund({ orderId, orderLabel }: { orderId: string; orderLabel: string }) {
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
}
