// How an Order Source order reads back to its marketplace: its status, per-line shipments and
// cancellations, and the order JSON. FeedAMP's derivations are undocumented; this is our reading.
import { formatUtcDateTime, parseRfc3339 } from './dates';
import type { StoredOrder } from './model';
import { lineUsage, unitsLeft } from './state';

export const FULFILLMENT_STATUSES = ['UNFULFILLED', 'PARTIALLY_FULFILLED', 'COMPLETE'] as const;

export function fulfillmentStatus(
  order: StoredOrder,
): (typeof FULFILLMENT_STATUSES)[number] | undefined {
  const state = order.normalized_marketplace_state;
  if (state === 'SHIPPED' || state === 'CANCELLED') return 'COMPLETE';
  if (state !== 'AWAITING_SHIPMENT') return undefined;
  return order.fulfillments.length > 0 ? 'PARTIALLY_FULFILLED' : 'UNFULFILLED';
}

/** Status values from the Order Source API docs; how FeedAMP derives them is undocumented, this is our reading. */
export function sourceStatus(order: StoredOrder): string {
  switch (order.normalized_marketplace_state) {
    case 'PENDING':
    case 'AWAITING_ACKNOWLEDGEMENT':
      return 'PENDING';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'SHIPPED':
      return order.stateSetByMarketplace ? 'COMPLETE' : 'FULFILLED';
    default: {
      const left = [...unitsLeft(order).values()].reduce((a, b) => a + b, 0);
      if (left === 0) return 'FULFILLED';
      return order.fulfillments.length + order.cancellations.length > 0 ? 'IN_PROGRESS' : 'ORDERED';
    }
  }
}

export function lineFulfillments(order: StoredOrder): Record<string, unknown>[] {
  const usage = lineUsage(order);
  return order.lines.map((line) => {
    const u = usage.get(line.id) ?? { shipped: 0, cancelled: 0 };
    const pending = line.quantity - u.shipped - u.cancelled;
    const shipments = order.fulfillments.flatMap((f) =>
      f.lines
        .filter((l) => l.line_id === line.id)
        .map((l) => {
          const s = (f.body.shipment ?? {}) as Record<string, unknown>;
          const shipped =
            typeof s.shipped_date === 'string' ? parseRfc3339(s.shipped_date) : undefined;
          return {
            quantity: l.quantity,
            carrier: s.carrier,
            tracking_number: s.tracking_number,
            shipped_date: formatUtcDateTime(shipped ?? f.createdAt).slice(0, 10),
            ...(typeof s.tracking_url === 'string' ? { tracking_url: s.tracking_url } : {}),
          };
        }),
    );
    const cancellations = order.cancellations.flatMap((c) =>
      c.lines
        .filter((l) => l.line_id === line.id)
        .map((l) => ({ quantity: l.quantity, reason: c.reason })),
    );
    const status =
      pending > 0
        ? u.shipped + u.cancelled > 0
          ? 'PARTIALLY_FULFILLED'
          : 'UNFULFILLED'
        : u.shipped > 0
          ? 'FULFILLED'
          : 'CANCELLED';
    return {
      mp_line_number: line.marketplace_line_number,
      shipments,
      cancellations,
      status,
      pending: { quantity: pending },
    };
  });
}

export function sourceOrderJson(order: StoredOrder): Record<string, unknown> {
  const date = (ms: number | undefined): string | undefined =>
    ms === undefined ? undefined : formatUtcDateTime(ms);
  const body: Record<string, unknown> = {
    mp_order_number: order.marketplace_order_number,
    feedamp_order_id: order.id,
    customer_order_number: order.customer_order_number,
    sales_channel: order.sales_channel,
    customer: order.customer,
    purchase_date: date(order.purchaseAt),
    currency: order.currency,
    shipping_address: order.shipping_address,
    billing_address: order.billing_address,
    order_lines: order.lines.map((l) => ({
      mp_line_number: l.marketplace_line_number,
      sku: l.sku,
      product_name: l.product_name,
      quantity: l.quantity,
      unit_price: l.unit_price,
      shipping_method: l.shipping_method,
      shipping_price: l.shipping_price,
      ...l.order_line_additional_properties,
    })),
    marketplace_state: order.normalized_marketplace_state,
    location: order.location,
    delivery_notes: order.delivery_notes,
    gift_message: order.gift_message,
    earliest_ship_date: date(order.earliestShipAt),
    latest_ship_date: date(order.latestShipAt),
    earliest_delivery_date: date(order.earliestDeliveryAt),
    latest_delivery_date: date(order.latestDeliveryAt),
    imported_date: date(order.importedAt),
    seller_updated_at: date(order.updatedAt),
    acknowledged: order.acknowledged,
    status: sourceStatus(order),
    fulfillment_status: fulfillmentStatus(order),
    is_marketplace_fulfilled: order.is_marketplace_fulfilled,
    has_errors: order.marketplaceErrors.length > 0,
    fulfillments: lineFulfillments(order),
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
