// Seeded demo data: the same seed gives the same orders (dates are placed relative to `now`
// so some orders are always late, due today or due later). SKUs come from a fixed-size
// catalogue so item codes repeat across orders, as they do on a real bench.
import type { NormalizedOrderState } from '../../common/feedamp-enums';
import { DAY, formatDateTime, HOUR, MINUTE, truncateToSecond } from './dates';
import { FIRST_ID, idAfter } from './ids';
import type {
  Address,
  Location,
  SandboxData,
  StoredLine,
  StoredOrder,
  StoredReturn,
  UserRecord,
} from './model';
import { createRandom, type Random } from './prng';
import { marketplaceStateText } from './state';
import { MARKETPLACE_APPS } from './marketplace-apps';

interface Marketplace {
  name: string;
  integration: string;
  integrationId: string;
  salesChannel: string;
  orderNumber(r: Random): string;
  customerNumber(r: Random, mpNumber: string): string;
  lineNumber(r: Random, index: number, mpNumber: string): string;
}

const digits = (r: Random, n: number): string =>
  Array.from({ length: n }, (_, i) => (i === 0 ? r.int(1, 9) : r.int(0, 9))).join('');

export const MARKETPLACES: Marketplace[] = [
  {
    name: 'Target',
    integration: 'Target Plus',
    integrationId: '109872189273610001',
    salesChannel: 'Target.com',
    orderNumber: (r) => `${digits(r, 10)}`,
    customerNumber: (r) => `9${digits(r, 11)}`,
    lineNumber: (_r, i) => String(i + 1),
  },
  {
    name: 'Walmart',
    integration: 'Walmart US',
    integrationId: '109872189273610002',
    salesChannel: 'Walmart.com',
    orderNumber: (r) => `10${digits(r, 11)}`,
    customerNumber: (r) => `20${digits(r, 11)}`,
    lineNumber: (_r, i) => String(i + 1),
  },
  {
    name: 'eBay',
    integration: 'eBay Store',
    integrationId: '109872189273610003',
    salesChannel: 'ebay.com',
    orderNumber: (r) => `${r.int(10, 27)}-${digits(r, 5)}-${digits(r, 5)}`,
    customerNumber: (_r, mp) => mp,
    lineNumber: (r) => `${digits(r, 12)}-${digits(r, 13)}`,
  },
  {
    name: 'Amazon',
    integration: 'Amazon US',
    integrationId: '109872189273610004',
    salesChannel: 'Amazon.com',
    orderNumber: (r) => `${r.pick(['111', '112', '113', '114'])}-${digits(r, 7)}-${digits(r, 7)}`,
    customerNumber: (_r, mp) => mp,
    lineNumber: (r) => digits(r, 14),
  },
];

export const LOCATIONS: Location[] = [
  {
    source_location_id: 'SRC-7301',
    client_location_id: 'AUS-1',
    name: 'Austin Warehouse',
    address: '4100 Industrial Blvd, Austin, TX 78744',
    active: true,
  },
  {
    source_location_id: 'SRC-7302',
    client_location_id: 'RNO-2',
    name: 'Reno Fulfillment Center',
    address: '950 Logistics Way, Reno, NV 89506',
    active: true,
  },
  {
    source_location_id: 'SRC-7303',
    client_location_id: 'EDI-3',
    name: 'Edison Store',
    address: '275 Route 1 South, Edison, NJ 08817',
    active: true,
  },
];

const PRODUCTS: [code: string, name: string, price: number, variants: string[]][] = [
  ['TEE', 'Organic Cotton Crew Tee', 18, ['BLK-S', 'BLK-M', 'BLK-L', 'WHT-M', 'NVY-L']],
  ['HOOD', 'Heavyweight Pullover Hoodie', 48, ['GRY-M', 'GRY-L', 'BLK-XL']],
  ['SOCK', 'Merino Hiking Socks 2-Pack', 22, ['M', 'L']],
  ['MUG', 'Stoneware Coffee Mug 12 oz', 14, ['SAGE', 'SAND', 'SLATE']],
  ['BOTL', 'Insulated Water Bottle 24 oz', 29, ['BLU', 'BLK', 'CRL']],
  ['LAMP', 'LED Desk Lamp with USB-C', 39, ['WHT', 'BLK']],
  ['CBL', 'USB-C to USB-C Cable 2 m', 12, ['1PK', '3PK']],
  ['CHRG', '65 W GaN Wall Charger', 45, ['WHT']],
  ['BAND', 'Resistance Band Set', 24, ['LIGHT', 'HEAVY']],
  ['YOGA', 'Non-Slip Yoga Mat 6 mm', 35, ['PRP', 'TEAL']],
  ['CAND', 'Soy Candle, Cedar & Sage', 19, ['8OZ', '14OZ']],
  ['PAN', 'Cast Iron Skillet 10 in', 34, ['STD']],
  ['KNF', "Chef's Knife 8 in", 59, ['STD']],
  ['TOWL', 'Turkish Cotton Bath Towel', 27, ['WHT', 'GRY', 'SND']],
  ['PILL', 'Memory Foam Pillow', 44, ['STD', 'KING']],
  ['BKPK', 'Roll-Top Backpack 22 L', 79, ['BLK', 'OLV']],
  ['CAP', 'Washed Twill Baseball Cap', 21, ['KHK', 'NVY', 'BLK']],
  ['NOTE', 'Dot-Grid Notebook A5', 11, ['BLK', 'RED', '3PK']],
  ['PEN', 'Gel Pen Set, 0.5 mm', 9, ['12PK', '24PK']],
  ['PUZ', 'Jigsaw Puzzle 1000 pc, Coastline', 23, ['STD']],
  ['DOG', 'Rope Dog Toy', 13, ['SM', 'LG']],
  ['BOWL', 'Stainless Pet Bowl', 15, ['SM', 'MD', 'LG']],
  ['EARB', 'Wireless Earbuds', 69, ['BLK', 'WHT']],
  ['SPKR', 'Portable Bluetooth Speaker', 55, ['BLU', 'RED']],
  ['GLV', 'Touchscreen Knit Gloves', 17, ['S/M', 'L/XL']],
  ['SCRF', 'Lambswool Scarf', 38, ['CML', 'GRY']],
  ['PLNT', 'Ceramic Planter 6 in', 26, ['WHT', 'TERR']],
  ['SEED', 'Herb Garden Seed Kit', 16, ['STD']],
  ['JAR', 'Glass Storage Jar with Bamboo Lid', 12, ['16OZ', '32OZ', '64OZ']],
  ['APRN', 'Waxed Canvas Apron', 42, ['BRN', 'BLK']],
  ['BLKT', 'Chunky Knit Throw Blanket', 64, ['CRM', 'GRY', 'SAGE']],
  ['TRAY', 'Acacia Serving Tray', 31, ['SM', 'LG']],
];

function checkDigitUpc(body11: string): string {
  let sum = 0;
  for (let i = 0; i < 11; i += 1) sum += Number(body11[i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

function checkDigitEan(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

const VARIANT_WORDS: Record<string, string> = {
  BLK: 'Black',
  WHT: 'White',
  NVY: 'Navy',
  GRY: 'Gray',
  BLU: 'Blue',
  CRL: 'Coral',
  PRP: 'Purple',
  TEAL: 'Teal',
  SAGE: 'Sage',
  SAND: 'Sand',
  SND: 'Sand',
  SLATE: 'Slate',
  OLV: 'Olive',
  KHK: 'Khaki',
  RED: 'Red',
  CML: 'Camel',
  TERR: 'Terracotta',
  BRN: 'Brown',
  CRM: 'Cream',
  S: 'Small',
  M: 'Medium',
  L: 'Large',
  XL: 'X-Large',
  SM: 'Small',
  MD: 'Medium',
  LG: 'Large',
  LIGHT: 'Light',
  HEAVY: 'Heavy',
  KING: 'King',
};

function variantLabel(variant: string): string {
  return variant
    .split('-')
    .map(
      (part) =>
        VARIANT_WORDS[part] ?? part.replace(/^(\d+)PK$/, '$1-Pack').replace(/^(\d+)OZ$/, '$1 oz'),
    )
    .join(' / ');
}

export interface CatalogueItem {
  sku: string;
  name: string;
  price: number;
  code: { upc: string } | { ean: string };
  bin: string;
}

export function buildCatalogue(seed: number): CatalogueItem[] {
  const r = createRandom(seed ^ 0x5eed);
  const items: CatalogueItem[] = [];
  for (const [code, name, price, variants] of PRODUCTS) {
    for (const variant of variants) {
      const useEan = r.chance(0.3);
      const body = useEan ? `40${digits(r, 10)}` : `0${digits(r, 10)}`;
      const label = variant === 'STD' ? name : `${name}, ${variantLabel(variant)}`;
      items.push({
        sku: `PL-${code}-${variant.replace(/\//g, '')}`,
        name: label,
        price: Math.round((price + r.int(-2, 3)) * 100 - 1) / 100,
        code: useEan ? { ean: body + checkDigitEan(body) } : { upc: body + checkDigitUpc(body) },
        bin: `${r.pick(['A', 'B', 'C', 'D'])}-${String(r.int(1, 24)).padStart(2, '0')}-${r.int(1, 5)}`,
      });
    }
  }
  return items;
}

const FIRST = [
  'Ava',
  'Liam',
  'Maya',
  'Noah',
  'Zoe',
  'Ethan',
  'Priya',
  'Mateo',
  'Grace',
  'Omar',
  'Hana',
  'Lucas',
  'Chloe',
  'Diego',
  'Nora',
  'Kenji',
  'Isla',
  'Samuel',
  'Leah',
  'Tariq',
];
const LAST = [
  'Johnson',
  'Nguyen',
  'Garcia',
  'Patel',
  'Smith',
  "O'Brien",
  'Kowalski',
  'Kim',
  'Okafor',
  'Rossi',
  'Dubois',
  'Hernández',
  'Cohen',
  'Larsen',
  'Tanaka',
  'Brown',
  'Müller',
  'Singh',
];
const STREETS = [
  'Maple Ave',
  'Oak St',
  'Elm Dr',
  'Cedar Ln',
  'Pine Ct',
  'Lakeview Rd',
  'Sunset Blvd',
  'Main St',
  '2nd Ave',
  'Willow Way',
];
const CITIES: [string, string, string][] = [
  ['Portland', 'OR', '97205'],
  ['Denver', 'CO', '80203'],
  ['Columbus', 'OH', '43215'],
  ['Raleigh', 'NC', '27601'],
  ['Madison', 'WI', '53703'],
  ['Tucson', 'AZ', '85701'],
  ['Albany', 'NY', '12207'],
  ['Boise', 'ID', '83702'],
  ['Savannah', 'GA', '31401'],
  ['Spokane', 'WA', '99201'],
  ['Burlington', 'VT', '05401'],
  ['Omaha', 'NE', '68102'],
];
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
const RETURN_REASONS = [
  'Not what I ordered',
  'Too small',
  'Arrived damaged',
  'Changed my mind',
  'Defective',
];

function person(r: Random): { name: string; email: string; phone: string; address: Address } {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const [city, state, zip] = r.pick(CITIES);
  const phone = `${r.int(200, 989)}-555-${String(r.int(100, 9999)).padStart(4, '0')}`;
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `${r.int(1, 99)}@example.com`,
    phone,
    address: {
      full_name: `${first} ${last}`,
      address1: `${r.int(10, 9899)} ${r.pick(STREETS)}`,
      ...(r.chance(0.25) ? { address2: `Apt ${r.int(1, 40)}${r.pick(['', 'A', 'B'])}` } : {}),
      city,
      state,
      postal_code: zip,
      country_code: 'USA',
      country_code_iso2: 'US',
      phone,
      address_type: r.chance(0.85) ? 'residential' : 'business',
    },
  };
}

function pickState(r: Random): NormalizedOrderState {
  const x = r.next();
  if (x < 0.74) return 'AWAITING_SHIPMENT';
  if (x < 0.82) return 'PENDING';
  if (x < 0.84) return 'AWAITING_ACKNOWLEDGEMENT';
  if (x < 0.95) return 'SHIPPED';
  return 'CANCELLED';
}

const CARRIER_FORMATS: [string, (r: Random) => string][] = [
  ['UPS', (r) => `1Z${digits(r, 3)}E${digits(r, 2)}${digits(r, 10)}`],
  ['USPS', (r) => `9400${digits(r, 18)}`],
  ['FedEx', (r) => digits(r, 12)],
];

export interface DemoOptions {
  seed: number;
  orders: number;
  now: number;
  clientId: string;
  users: UserRecord[];
  /** Benchmarks: the first order gets this many lines (distinct SKUs), awaiting shipment. */
  bigOrderLines?: number;
}

export function generateDemoData(options: DemoOptions): SandboxData {
  const r = createRandom(options.seed);
  const catalogue = buildCatalogue(options.seed);
  let lastId = FIRST_ID;
  const nextId = (): string => (lastId = idAfter(lastId));
  const now = options.now;
  // Imported over the last ten days, oldest first, so id order = import order.
  const importTimes = Array.from(
    { length: options.orders },
    () => now - r.int(5 * MINUTE, 10 * DAY),
  ).sort((a, b) => a - b);
  const orders: StoredOrder[] = [];
  const returns: StoredReturn[] = [];
  for (const importedAt of importTimes) {
    const mp = r.pick(MARKETPLACES);
    const location = r.pick(LOCATIONS);
    const buyer = person(r);
    const mpNumber = mp.orderNumber(r);
    const orderId = nextId();
    const big = orders.length === 0 ? options.bigOrderLines : undefined;
    const lineCount = big ?? (r.chance(0.55) ? 1 : r.chance(0.6) ? r.int(2, 3) : r.int(4, 8));
    const shippingMethod = r.pick(SHIPPING);
    const lines: StoredLine[] = [];
    const used = new Set<string>();
    for (let i = 0; i < lineCount; i += 1) {
      let item = r.pick(catalogue);
      if (big) {
        const base = catalogue[i % catalogue.length] ?? item;
        item = { ...base, sku: `${base.sku}-L${i + 1}` };
      } else while (used.has(item.sku)) item = r.pick(catalogue);
      used.add(item.sku);
      const quantity = r.chance(0.7) ? 1 : r.int(2, 4);
      lines.push({
        id: nextId(),
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
    const state = big ? 'AWAITING_SHIPMENT' : pickState(r);
    // Ship-by spread around now: roughly a fifth late, a fifth due today, the rest later.
    const shipBy = truncateToSecond(now + r.int(-2 * DAY, 5 * DAY));
    const order: StoredOrder = {
      id: orderId,
      clientId: options.clientId,
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
      workflow_status: 'SENT_FOR_FULFILLMENT',
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
    if (state === 'PENDING') order.workflow_status = 'ON_HOLD';
    if (state === 'CANCELLED') order.workflow_status = 'CANCELLED';
    if (state === 'AWAITING_SHIPMENT' || state === 'SHIPPED') {
      order.fulfillmentRequests.push({
        id: nextId(),
        fulfilling_integration_id: '109872189273619001',
        fulfilling_integration_name: 'Packline Station',
        fulfilling_integration_plugin: 'FeedAMPOrderApiPlugin',
        platform_order_number: `PL-${orderId.slice(-6)}`,
        fulfillment_type: 'shipment',
        createdAt: order.importedAt + MINUTE,
        lines: lines.map((l) => ({
          id: nextId(),
          line_id: l.id,
          sku: l.sku,
          quantity: l.quantity,
          product_name: l.product_name,
          shipping_method: l.shipping_method,
        })),
      });
    }
    const shipAll = (at: number): void => {
      const [carrier, format] = r.pick(CARRIER_FORMATS);
      const tracking = format(r);
      const fulfillmentLines = lines.map((l) => ({ line_id: l.id, quantity: l.quantity }));
      order.fulfillments.push({
        id: nextId(),
        body: {
          fulfillment_type: 'shipment',
          shipment: { shipped_date: formatDateTime(at), carrier, tracking_number: tracking },
          state: 'shipped',
          fulfillment_lines: fulfillmentLines,
        },
        lines: fulfillmentLines,
        createdAt: at,
      });
    };
    if (state === 'SHIPPED') {
      const at = truncateToSecond(importedAt + r.int(1, 30) * HOUR);
      shipAll(Math.min(at, now));
      order.workflow_status = 'FULFILLED';
      if (r.chance(0.35)) returns.push(makeReturn(r, order, nextId, now));
    } else if (state === 'AWAITING_SHIPMENT' && lines.length > 1 && r.chance(0.12)) {
      // A few orders arrive part-shipped so the app shows "1 of 3 lines shipped".
      const first = lines[0];
      if (first) {
        const [carrier, format] = r.pick(CARRIER_FORMATS);
        const fl = [{ line_id: first.id, quantity: first.quantity }];
        order.fulfillments.push({
          id: nextId(),
          body: {
            fulfillment_type: 'shipment',
            shipment: {
              shipped_date: formatDateTime(importedAt + HOUR),
              carrier,
              tracking_number: format(r),
            },
            state: 'shipped',
            fulfillment_lines: fl,
          },
          lines: fl,
          createdAt: importedAt + HOUR,
        });
      }
    }
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

function makeReturn(
  r: Random,
  order: StoredOrder,
  nextId: () => string,
  now: number,
): StoredReturn {
  const returned = order.lines.filter((_, i) => i === 0 || r.chance(0.3));
  const requestAt = truncateToSecond(Math.min(now - HOUR, order.importedAt + r.int(2, 6) * DAY));
  const state = r.pick(['PENDING_AUTHORIZATION', 'PENDING_CONFIRMATION', 'CONFIRMED'] as const);
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
    marketplace_state:
      state === 'PENDING_AUTHORIZATION'
        ? 'Requested'
        : state === 'PENDING_CONFIRMATION'
          ? 'Authorized'
          : 'Received',
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
