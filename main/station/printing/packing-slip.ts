// A packing slip per order: what goes in the box, who it goes to, and a barcode of the number
// the packer scans to open the order again. Pure, over the order's view.
import type { OrderView } from '../../../preload/api/orders';
import type { PackingSlip } from '../../../preload/api/printing';
import { scanNumber } from './pick-list';

export function buildPackingSlip(order: OrderView, shippingMethod?: string): PackingSlip {
  const lines = order.lines
    .filter((l) => l.quantity > 0)
    .map((l) => ({
      ...(l.sku ? { sku: l.sku } : {}),
      ...(l.name ? { name: l.name } : {}),
      ...(l.codes[0] ? { itemCode: l.codes[0] } : {}),
      quantity: l.quantity,
    }));
  const slip: PackingSlip = {
    orderId: order.id,
    scanNumber: scanNumber(order),
    lines,
    unitCount: lines.reduce((n, l) => n + l.quantity, 0),
  };
  const optional = {
    marketplace: order.marketplace,
    marketplaceOrderNumber: order.marketplaceOrderNumber,
    customerOrderNumber:
      order.customerOrderNumber !== order.marketplaceOrderNumber
        ? order.customerOrderNumber
        : undefined,
    merchantOrderNumber: order.merchantOrderNumber,
    purchaseDate: order.purchaseDate,
    shipBy: order.shipBy,
    shippingMethod,
    shipTo: order.shipTo,
    giftMessage: order.giftMessage?.trim() || undefined,
    deliveryNotes: order.deliveryNotes?.trim() || undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(slip, { [key]: value });
  }
  return slip;
}
