// What the demo's orders have already been through on FeedAMP before the app sees them: the
// station's fulfillment request, shipments already sent, and returns the customer asked for.
import { DAY, formatDateTime, HOUR, MINUTE, truncateToSecond } from './dates';
import type { StoredLine, StoredOrder, StoredReturn } from './model';
import { digits, type Random } from './prng';

const CARRIER_FORMATS: [string, (r: Random) => string][] = [
  ['UPS', (r) => `1Z${digits(r, 3)}E${digits(r, 2)}${digits(r, 10)}`],
  ['USPS', (r) => `9400${digits(r, 18)}`],
  ['FedEx', (r) => digits(r, 12)],
];

const RETURN_REASONS = [
  'Not what I ordered',
  'Too small',
  'Arrived damaged',
  'Changed my mind',
  'Defective',
];

/** The generator's seeded randomness and id sequence, shared by every part of an order. */
export interface DemoSource {
  r: Random;
  nextId: () => string;
  now: number;
}

/** The request FeedAMP sends the station for an order it should ship. */
export function addFulfillmentRequest(order: StoredOrder, nextId: () => string): void {
  order.fulfillmentRequests.push({
    id: nextId(),
    fulfilling_integration_id: '109872189273619001',
    fulfilling_integration_name: 'Packline Station',
    fulfilling_integration_plugin: 'FeedAMPOrderApiPlugin',
    platform_order_number: `PL-${order.id.slice(-6)}`,
    fulfillment_type: 'shipment',
    createdAt: order.importedAt + MINUTE,
    lines: order.lines.map((l) => ({
      id: nextId(),
      line_id: l.id,
      sku: l.sku,
      quantity: l.quantity,
      product_name: l.product_name,
      shipping_method: l.shipping_method,
    })),
  });
}

/** One shipment of every unit of `lines`, with a seeded carrier and tracking number. */
function shipLines(source: DemoSource, order: StoredOrder, lines: StoredLine[], at: number): void {
  const { r } = source;
  const [carrier, format] = r.pick(CARRIER_FORMATS);
  const tracking = format(r);
  const fulfillmentLines = lines.map((l) => ({ line_id: l.id, quantity: l.quantity }));
  order.fulfillments.push({
    id: source.nextId(),
    body: {
      fulfillment_type: 'shipment',
      shipment: { shipped_date: formatDateTime(at), carrier, tracking_number: tracking },
      state: 'shipped',
      fulfillment_lines: fulfillmentLines,
    },
    lines: fulfillmentLines,
    createdAt: at,
  });
}

/**
 * Shipments already made by the time of the demo: every line of a SHIPPED order (sometimes
 * returned since), or the first line of a few open orders so the app shows "1 of 3 lines
 * shipped". `importedAt` is the order's import time before truncation to the second.
 */
export function shipDemoOrder(
  source: DemoSource,
  order: StoredOrder,
  importedAt: number,
): StoredReturn | undefined {
  const { r, now } = source;
  const state = order.normalized_marketplace_state;
  const lines = order.lines;
  if (state === 'SHIPPED') {
    const at = truncateToSecond(importedAt + r.int(1, 30) * HOUR);
    shipLines(source, order, lines, Math.min(at, now));
    order.workflow_status = 'FULFILLED';
    return r.chance(0.35) ? demoReturn(source, order) : undefined;
  }
  if (state === 'AWAITING_SHIPMENT' && lines.length > 1 && r.chance(0.12)) {
    const first = lines[0];
    if (first) shipLines(source, order, [first], importedAt + HOUR);
  }
  return undefined;
}

const DEMO_RETURN_STATES = ['PENDING_AUTHORIZATION', 'PENDING_CONFIRMATION', 'CONFIRMED'] as const;

function returnStateText(state: (typeof DEMO_RETURN_STATES)[number]): string {
  return state === 'PENDING_AUTHORIZATION'
    ? 'Requested'
    : state === 'PENDING_CONFIRMATION'
      ? 'Authorized'
      : 'Received';
}

function demoReturn(source: DemoSource, order: StoredOrder): StoredReturn {
  const { r, nextId, now } = source;
  const returned = order.lines.filter((_, i) => i === 0 || r.chance(0.3));
  const requestAt = truncateToSecond(Math.min(now - HOUR, order.importedAt + r.int(2, 6) * DAY));
  const state = r.pick(DEMO_RETURN_STATES);
  const [carrier, format] = r.pick(CARRIER_FORMATS);
  const tracking = format(r);
  return {
    id: nextId(),
    clientId: order.clientId,
    order_id: order.id,
    integration_id: order.integration_id,
    integration_name: order.integration_name,
    marketplace_name: order.marketplace_name,
    marketplace_return_number: `R${digits(r, 9)}`,
    rma: `RMA-${digits(r, 6)}`,
    marketplace_order_number: order.marketplace_order_number,
    customer_order_number: order.customer_order_number,
    marketplace_state: returnStateText(state),
    normalized_marketplace_state: state,
    pre_authorized: r.chance(0.4),
    customer: order.customer,
    importedAt: requestAt + 5 * MINUTE,
    requestAt,
    respondByAt: requestAt + 3 * DAY,
    stateChangedAt: requestAt + 5 * MINUTE,
    ...(r.chance(0.5) ? { notes: 'Original packaging included.' } : {}),
    shipping_address: order.shipping_address,
    return_lines: returned.map((l, i) => ({
      id: nextId(),
      marketplace_return_line_number: String(i + 1),
      marketplace_order_line_number: l.marketplace_line_number,
      feedamp_order_line_id: l.id,
      sku: l.sku,
      product_name: l.product_name,
      quantity: 1,
      unit_price: l.unit_price,
      reason: r.pick(RETURN_REASONS),
      original_price: l.unit_price,
      requested_refund: l.unit_price,
      shipping_expected: true,
      destination: order.location?.name ?? 'Warehouse',
      label_cost: 6.5,
      tracking_info: { carrier, tracking_number: tracking },
    })),
    return_type: r.chance(0.85) ? 'SHIP' : r.pick(['IN_STORE', 'NO_RETURN'] as const),
    refunds: [],
  };
}
