// Seeded demo data: the same seed gives the same orders (dates are placed relative to `now`
// so some orders are always late, due today or due later). SKUs come from a fixed-size
// catalogue so item codes repeat across orders, as they do on a real bench.
import type { NormalizedOrderState } from '../../common/feedamp-enums';
import { DAY, MINUTE, truncateToSecond } from './dates';
import { buildCatalogue, type CatalogueItem } from './demo-catalogue';
import { LOCATIONS, MARKETPLACES, type Marketplace } from './demo-marketplaces';
import { person } from './demo-people';
import { addFulfillmentRequest, shipDemoOrder, type DemoSource } from './demo-shipments';
import { FIRST_ID, idAfter } from './ids';
import type { SandboxData, StoredLine, StoredOrder, StoredReturn, UserRecord } from './model';
import { createRandom } from './prng';
import { marketplaceStateText } from './state';
import { MARKETPLACE_APPS } from './marketplace-apps';

const GIFTS = [
  'Happy birthday! Love, Mom',
  'Congratulations on the new place!',
  'Thinking of you — J.',
  'Merry Christmas from all of us',
  'Thank you for everything!',
];
const NOTES = [
  'Leave at side door',
  'Call on arrival, gate code 4412',
  'Please do not leave in sun',
  'Deliver to front desk',
  'Ring bell twice',
];
const SHIPPING = ['Standard', 'Expedited', 'Two-Day', 'Next Day'];

export interface DemoOptions {
  seed: number;
  orders: number;
  now: number;
  clientId: string;
  users: UserRecord[];
  /** Benchmarks: the first order gets this many lines (distinct SKUs), awaiting shipment. */
  bigOrderLines?: number;
}

// Each part below draws from the one seeded generator in a fixed order: reordering any draw
// changes every order after it, and the same seed would no longer give the same demo.

export function generateDemoData(options: DemoOptions): SandboxData {
  const r = createRandom(options.seed);
  const catalogue = buildCatalogue(options.seed);
  let lastId = FIRST_ID;
  const source: DemoSource = { r, nextId: () => (lastId = idAfter(lastId)), now: options.now };
  // Imported over the last ten days, oldest first, so id order = import order.
  const importTimes = Array.from(
    { length: options.orders },
    () => options.now - r.int(5 * MINUTE, 10 * DAY),
  ).sort((a, b) => a - b);
  const orders: StoredOrder[] = [];
  const returns: StoredReturn[] = [];
  for (const importedAt of importTimes) {
    const big = orders.length === 0 ? options.bigOrderLines : undefined;
    const order = demoOrder(source, catalogue, options.clientId, importedAt, big);
    const state = order.normalized_marketplace_state;
    if (state === 'AWAITING_SHIPMENT' || state === 'SHIPPED') {
      addFulfillmentRequest(order, source.nextId);
    }
    const returned = shipDemoOrder(source, order, importedAt);
    if (returned) returns.push(returned);
    orders.push(order);
  }
  markMarketplaceFulfilled(orders, options.seed, options.orders);
  return {
    version: 1,
    seed: options.seed,
    orderCount: options.orders,
    lastId,
    orders,
    returns,
    writes: [],
    users: options.users,
    tokens: [],
    marketplaceApps: MARKETPLACE_APPS.map((a) => ({ ...a })),
    authCodes: [],
    accessTokens: [],
    refreshTokens: [],
  };
}

function pickState(source: DemoSource): NormalizedOrderState {
  const x = source.r.next();
  if (x < 0.74) return 'AWAITING_SHIPMENT';
  if (x < 0.82) return 'PENDING';
  if (x < 0.84) return 'AWAITING_ACKNOWLEDGEMENT';
  if (x < 0.95) return 'SHIPPED';
  return 'CANCELLED';
}

/** An order as the marketplace sent it, before the station or anyone else touched it. */
function demoOrder(
  source: DemoSource,
  catalogue: CatalogueItem[],
  clientId: string,
  importedAt: number,
  big: number | undefined,
): StoredOrder {
  const { r, now } = source;
  const mp = r.pick(MARKETPLACES);
  const location = r.pick(LOCATIONS);
  const buyer = person(r);
  const mpNumber = mp.orderNumber(r);
  const orderId = source.nextId();
  const lineCount = big ?? (r.chance(0.55) ? 1 : r.chance(0.6) ? r.int(2, 3) : r.int(4, 8));
  const shippingMethod = r.pick(SHIPPING);
  const lines = demoLines(source, catalogue, mp, mpNumber, lineCount, shippingMethod, big);
  const state = big ? 'AWAITING_SHIPMENT' : pickState(source);
  // Ship-by spread around now: roughly a fifth late, a fifth due today, the rest later.
  const shipBy = truncateToSecond(now + r.int(-2 * DAY, 5 * DAY));
  return {
    id: orderId,
    clientId,
    integration_id: mp.integrationId,
    integration_name: mp.integration,
    marketplace_name: mp.name,
    sales_channel: mp.salesChannel,
    marketplace_order_number: mpNumber,
    customer_order_number: mp.customerNumber(r, mpNumber),
    location,
    customer: { full_name: buyer.name, email: buyer.email, phone: buyer.phone },
    importedAt: truncateToSecond(importedAt),
    purchaseAt: truncateToSecond(importedAt - r.int(1 * MINUTE, 40 * MINUTE)),
    currency: 'USD',
    ...(r.chance(0.15) ? { delivery_notes: r.pick(NOTES) } : {}),
    earliestShipAt: truncateToSecond(importedAt),
    latestShipAt: shipBy,
    earliestDeliveryAt: shipBy + 2 * DAY,
    latestDeliveryAt: shipBy + 6 * DAY,
    ...(r.chance(0.1) ? { gift_message: r.pick(GIFTS) } : {}),
    marketing_opt_in: r.chance(0.3),
    shipping_address: buyer.address,
    billing_address: r.chance(0.8) ? buyer.address : person(r).address,
    lines,
    order_additional_properties: { channel_order_source: mp.salesChannel },
    workflow_status:
      state === 'PENDING'
        ? 'ON_HOLD'
        : state === 'CANCELLED'
          ? 'CANCELLED'
          : 'SENT_FOR_FULFILLMENT',
    marketplace_state: marketplaceStateText(state),
    normalized_marketplace_state: state,
    stateChangedAt: truncateToSecond(importedAt + r.int(0, 30) * MINUTE),
    stateSetByMarketplace:
      state === 'CANCELLED' || state === 'PENDING' || state === 'AWAITING_ACKNOWLEDGEMENT',
    is_marketplace_fulfilled: false,
    fulfillment_type: 'shipment',
    shipment_service_level: shippingMethod === 'Standard' ? 'UPS_GROUND' : 'UPS_2ND_DAY_AIR',
    shipment_node: location.name,
    acknowledged: state !== 'AWAITING_ACKNOWLEDGEMENT',
    fulfillments: [],
    cancellations: [],
    refunds: [],
    fulfillmentRequests: [],
    marketplaceErrors: [],
    updatedAt: truncateToSecond(importedAt),
    raw_data: { source: mp.name, order_number: mpNumber },
  };
}

/**
 * `count` lines of distinct SKUs. The benchmarks' big order walks the catalogue instead,
 * with a suffix that keeps every SKU distinct however many lines it asks for.
 */
function demoLines(
  source: DemoSource,
  catalogue: CatalogueItem[],
  mp: Marketplace,
  mpNumber: string,
  count: number,
  shippingMethod: string,
  big: number | undefined,
): StoredLine[] {
  const { r } = source;
  const lines: StoredLine[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    let item = r.pick(catalogue);
    if (big) {
      const base = catalogue[i % catalogue.length] ?? item;
      item = { ...base, sku: `${base.sku}-L${i + 1}` };
    } else while (used.has(item.sku)) item = r.pick(catalogue);
    used.add(item.sku);
    const quantity = r.chance(0.7) ? 1 : r.int(2, 4);
    lines.push({
      id: source.nextId(),
      marketplace_line_number: mp.lineNumber(r, i, mpNumber),
      sku: item.sku,
      product_name: item.name,
      quantity,
      unit_price: item.price,
      shipping_method: shippingMethod,
      shipping_price: i === 0 ? r.pick([0, 4.99, 7.95]) : 0,
      taxes: [{ type: 'ITEM', amount: Math.round(item.price * quantity * 0.0725 * 100) / 100 }],
      discounts: r.chance(0.15) ? [{ name: 'Spring Sale', amount: 2, type: 'ITEM' }] : [],
      is_tax_collected_by_marketplace: mp.name !== 'eBay',
      order_line_additional_properties: { ...item.code, bin_location: item.bin },
    });
  }
  return lines;
}

/** Share of all orders the marketplace fulfils itself (Amazon FBA), all awaiting shipment. */
const MARKETPLACE_FULFILLED_SHARE = 0.03;

/**
 * Marks about 3 % of the orders (at least 2 in a 200-order demo) as fulfilled by Amazon: open
 * Amazon orders nothing has been shipped from, chosen by a generator of their own so every
 * order is otherwise exactly what the seed gave before such orders existed.
 */
function markMarketplaceFulfilled(orders: StoredOrder[], seed: number, count: number): void {
  const r = createRandom((seed ^ 0xfba5eed) >>> 0);
  const candidates = orders.filter(
    (o, i) =>
      o.marketplace_name === 'Amazon' &&
      o.normalized_marketplace_state === 'AWAITING_SHIPMENT' &&
      o.fulfillments.length === 0 &&
      // The benchmarks' big first order stays shippable.
      i > 0,
  );
  const wanted = Math.min(candidates.length, Math.round(count * MARKETPLACE_FULFILLED_SHARE));
  for (let i = 0; i < wanted; i += 1) {
    const at = r.int(i, candidates.length - 1);
    const chosen = candidates[at];
    const swapped = candidates[i];
    if (!chosen || !swapped) break;
    [candidates[i], candidates[at]] = [chosen, swapped];
    chosen.is_marketplace_fulfilled = true;
  }
}
