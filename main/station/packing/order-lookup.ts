// The cached order a pack action is about, and its lines as the packer reads them.
import type { Order } from '../../feedamp/schemas';
import { say, StationError } from '../errors';
import type { OrderStore } from '../orders/store';

export function mustGetOrder(orders: OrderStore, orderId: string): Order & { id: string } {
  const cached = orders.get(orderId);
  if (!cached) throw new StationError('not_found', say.orderNotOnStation(orderId));
  return cached.order;
}

/** A line as the packer knows it: its SKU, else its product name, else its id. */
export function lineLabel(order: Order, lineId: string): string {
  const line = order.order_lines?.find((l) => l.id === lineId);
  return line?.sku ?? line?.product_name ?? `line ${lineId}`;
}
