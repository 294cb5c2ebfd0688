// PUT orders/{mp_order_number} of the Order Source API: a marketplace places an order, or
// updates the few fields it may change once the order exists.
import { z } from 'zod';
import { SOURCE_MARKETPLACE_STATES } from '../../common/feedamp-enums';
import { parseRfc3339 } from './dates';
import { badRequest, created, ok, type SandboxResponse } from './http';
import { appOf, findOrder, grantOf } from './marketplace-access';
import { sourceOrderJson } from './marketplace-json';
import type { Address, MarketplaceApp, OAuthGrant, StoredLine, StoredOrder } from './model';
import type { RouteContext } from './router';
import { setOrderState, type SandboxStore } from './state';
import { parseBody } from './validation';

const addressInput = z.looseObject({
  full_name: z.string().optional(),
  address1: z.string().optional(),
  address2: z.string().optional(),
  address3: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postal_code: z.string().optional(),
  country_code: z.string().optional(),
  country_code_iso2: z.string().optional(),
  phone: z.string().optional(),
  address_type: z.string().optional(),
});

const KNOWN_LINE_FIELDS = new Set([
  'mp_line_number',
  'sku',
  'product_name',
  'quantity',
  'unit_price',
  'shipping_method',
  'shipping_price',
]);

const lineInput = z.looseObject({
  mp_line_number: z.string().min(1).max(128),
  sku: z.string().min(1),
  product_name: z.string().optional(),
  quantity: z.number().int().min(1),
  unit_price: z.number().min(0),
  shipping_method: z.string().optional(),
  shipping_price: z.number().min(0).optional(),
});

const utcDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'must be YYYY-MM-DDTHH:MM:SSZ (UTC)')
  .refine((v) => parseRfc3339(v) !== undefined, 'must be a real date and time');

const orderInput = z.looseObject({
  mp_order_number: z.string().min(1).max(128),
  sales_channel: z.string().min(1),
  customer: z.looseObject({
    full_name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  purchase_date: utcDateTime,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
  shipping_address: addressInput,
  billing_address: addressInput.optional(),
  order_lines: z.array(lineInput).min(1),
  marketplace_state: z.enum(SOURCE_MARKETPLACE_STATES),
  customer_order_number: z.string().min(1).optional(),
  location: z
    .looseObject({
      source_location_id: z.string().optional(),
      client_location_id: z.string().optional(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  delivery_notes: z.string().optional(),
  gift_message: z.string().optional(),
  earliest_ship_date: utcDateTime.optional(),
  latest_ship_date: utcDateTime.optional(),
  earliest_delivery_date: utcDateTime.optional(),
  latest_delivery_date: utcDateTime.optional(),
  is_marketplace_fulfilled: z.boolean().optional(),
});

type OrderInput = z.infer<typeof orderInput>;

function toAddress(input: z.infer<typeof addressInput>): Address {
  return { ...input };
}

const ms = (v: string | undefined): number | undefined =>
  v === undefined ? undefined : parseRfc3339(v);

export function putSourceOrder(ctx: RouteContext): SandboxResponse {
  const grant = grantOf(ctx);
  const app = appOf(ctx.store, grant);
  const body = parseBody(orderInput, ctx.req.body);
  const number = ctx.params['mp_order_number'] ?? '';
  if (body.mp_order_number !== number) {
    throw badRequest(`mp_order_number ${body.mp_order_number} does not match the URL's ${number}.`);
  }
  const existing = findOrder(ctx);
  if (existing) {
    updateSourceOrder(existing, body, ctx.now);
    ctx.store.changed();
    return ok(sourceOrderJson(existing));
  }
  const order = newSourceOrder(ctx.store, app, grant, body, ctx.now);
  setOrderState(order, body.marketplace_state, ctx.now, true);
  ctx.store.addOrder(order);
  return created(sourceOrderJson(order));
}

// Only some fields are updatable (as the Order Source API docs spell it): state, notes, addresses and dates.
// Lines, customer and money are fixed once the order exists.
function updateSourceOrder(existing: StoredOrder, body: OrderInput, now: number): void {
  setOrderState(existing, body.marketplace_state, now, true);
  if (body.delivery_notes !== undefined) existing.delivery_notes = body.delivery_notes;
  if (body.gift_message !== undefined) existing.gift_message = body.gift_message;
  existing.shipping_address = toAddress(body.shipping_address);
  existing.earliestShipAt = ms(body.earliest_ship_date) ?? existing.earliestShipAt;
  existing.latestShipAt = ms(body.latest_ship_date) ?? existing.latestShipAt;
  existing.earliestDeliveryAt = ms(body.earliest_delivery_date) ?? existing.earliestDeliveryAt;
  existing.latestDeliveryAt = ms(body.latest_delivery_date) ?? existing.latestDeliveryAt;
  existing.updatedAt = now;
}

function sourceLines(store: SandboxStore, body: OrderInput): StoredLine[] {
  return body.order_lines.map((l) => ({
    id: store.nextId(),
    marketplace_line_number: l.mp_line_number,
    sku: l.sku,
    product_name: l.product_name ?? l.sku,
    quantity: l.quantity,
    unit_price: l.unit_price,
    shipping_method: l.shipping_method ?? 'Standard',
    shipping_price: l.shipping_price ?? 0,
    taxes: [],
    discounts: [],
    is_tax_collected_by_marketplace: true,
    order_line_additional_properties: Object.fromEntries(
      Object.entries(l).filter(([k]) => !KNOWN_LINE_FIELDS.has(k)),
    ),
  }));
}

function sourceLocation(body: OrderInput): Pick<StoredOrder, 'location'> {
  const loc = body.location;
  if (!loc) return {};
  return {
    location: {
      source_location_id: loc.source_location_id ?? loc.client_location_id ?? '',
      client_location_id: loc.client_location_id ?? loc.source_location_id ?? '',
      name: loc.name ?? '',
      address: loc.address ?? '',
      active: true,
    },
  };
}

function newSourceOrder(
  store: SandboxStore,
  app: MarketplaceApp,
  grant: OAuthGrant,
  body: OrderInput,
  now: number,
): StoredOrder {
  const lines = sourceLines(store, body);
  return {
    id: store.nextId(),
    clientId: grant.sellerClientId,
    integration_id: '109872189273610000',
    integration_name: `${app.marketplace_name} (Order Source)`,
    marketplace_name: app.marketplace_name,
    sales_channel: body.sales_channel,
    marketplace_order_number: body.mp_order_number,
    customer_order_number: body.customer_order_number ?? body.mp_order_number,
    ...sourceLocation(body),
    customer: body.customer,
    importedAt: now,
    purchaseAt: ms(body.purchase_date) ?? now,
    currency: body.currency,
    ...(body.delivery_notes !== undefined ? { delivery_notes: body.delivery_notes } : {}),
    ...(body.gift_message !== undefined ? { gift_message: body.gift_message } : {}),
    earliestShipAt: ms(body.earliest_ship_date),
    latestShipAt: ms(body.latest_ship_date),
    earliestDeliveryAt: ms(body.earliest_delivery_date),
    latestDeliveryAt: ms(body.latest_delivery_date),
    marketing_opt_in: false,
    shipping_address: toAddress(body.shipping_address),
    billing_address: toAddress(body.billing_address ?? body.shipping_address),
    lines,
    order_additional_properties: {},
    workflow_status: body.marketplace_state === 'PENDING' ? 'ON_HOLD' : 'SENT_FOR_FULFILLMENT',
    marketplace_state: '',
    normalized_marketplace_state: body.marketplace_state,
    stateChangedAt: now,
    stateSetByMarketplace: true,
    is_marketplace_fulfilled: body.is_marketplace_fulfilled ?? false,
    fulfillment_type: 'shipment',
    shipment_service_level: 'STANDARD',
    acknowledged: true,
    fulfillments: [],
    cancellations: [],
    refunds: [],
    fulfillmentRequests: [],
    marketplaceErrors: [],
    updatedAt: now,
    raw_data: body,
  };
}
