// The merchant order number a station confirms an order with, from its format setting.
import type { Order } from '../../feedamp/schemas';

/** Merchant order number from the station's format: {station}, {marketplace_order_number}, … */
export function merchantOrderNumber(
  format: string,
  order: Order & { id: string },
  station: string,
  packer: string,
): string {
  const values: Record<string, string> = {
    station,
    packer,
    id: order.id,
    marketplace_order_number: order.marketplace_order_number ?? order.id,
    customer_order_number: order.customer_order_number ?? '',
    marketplace: order.marketplace_name ?? '',
  };
  const text = format.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return text.trim().slice(0, 128) || order.id;
}
