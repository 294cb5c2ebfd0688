// The Order Source API: the marketplace side of FeedAMP. Tests and the demo use
// it to place, update and cancel orders the way a marketplace would, and to read back what
// the seller shipped.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SOURCE_MARKETPLACE_STATES } from '../../common/feedamp-enums';
import { DAY, formatUtcDateTime, parseRfc3339 } from './dates';
import { badRequest, created, HttpError, notFound, ok } from './http';
import type { Address, MarketplaceApp, OAuthGrant, StoredLine, StoredOrder } from './model';
import { pageAfter } from './paging';
import type { Route, RouteContext } from './router';
import { lineUsage, setOrderState, unitsLeft, type SandboxStore } from './state';
import { parseBody, queryBoolean, queryEnumList, queryList } from './validation';

export const MARKETPLACE_PREFIX = '/marketplace';
const ACCESS_TOKEN_TTL_MS = 3600 * 1000;
const REFRESH_TOKEN_TTL_MS = 365 * DAY;
const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

const secret = (): string => randomBytes(24).toString('base64url');

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Resolves the `Authorization: Bearer` access token of an Order Source call. */
export function authenticateMarketplace(
  store: SandboxStore,
  header: string | undefined,
  now: number,
): OAuthGrant {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m?.[1]) throw new HttpError(401, 'Missing Bearer access token.');
  const grant = store.data.accessTokens.find((t) => t.value === m[1]);
  if (!grant) throw new HttpError(401, 'Invalid access token.');
  if (grant.expiresAt <= now)
    throw new HttpError(401, 'Access token expired; use the refresh token.');
  return grant;
}

const tokenRequest = z.object({
  grant_type: z.enum(['authorization_code', 'refresh_token']),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  code: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
});

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

// The full error-code enum is not captured (the docs show INVALID_TRACKING_NUMBER); any
// UPPER_SNAKE code is accepted.
const errorsInput = z
  .array(
    z.object({
      code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an UPPER_SNAKE_CASE error code'),
      message: z.string().min(1),
      mp_line_number: z.string().max(128).optional(),
      debug: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  )
  .min(1);

const FULFILLMENT_STATUSES = ['UNFULFILLED', 'PARTIALLY_FULFILLED', 'COMPLETE'] as const;

function appOf(store: SandboxStore, grant: OAuthGrant): MarketplaceApp {
  const app = store.data.marketplaceApps.find((a) => a.client_id === grant.client_id);
  if (!app) throw new HttpError(401, 'The OAuth client behind this token no longer exists.');
  return app;
}

function grantOf(ctx: RouteContext): OAuthGrant {
  if (!ctx.grant) throw new Error('marketplace route reached without a grant');
  return ctx.grant;
}

function belongsTo(order: StoredOrder, app: MarketplaceApp, grant: OAuthGrant): boolean {
  return order.marketplace_name === app.marketplace_name && order.clientId === grant.sellerClientId;
}

function findOrder(ctx: RouteContext): StoredOrder | undefined {
  const grant = grantOf(ctx);
  const app = appOf(ctx.store, grant);
  const number = ctx.params['mp_order_number'] ?? '';
  return ctx.store.orders.find(
    (o) => o.marketplace_order_number === number && belongsTo(o, app, grant),
  );
}

function requireOrder(ctx: RouteContext): StoredOrder {
  const order = findOrder(ctx);
  if (!order) throw notFound(`Order ${ctx.params['mp_order_number'] ?? ''} not found.`);
  return order;
}

function fulfillmentStatus(order: StoredOrder): (typeof FULFILLMENT_STATUSES)[number] | undefined {
  const state = order.normalized_marketplace_state;
  if (state === 'SHIPPED' || state === 'CANCELLED') return 'COMPLETE';
  if (state !== 'AWAITING_SHIPMENT') return undefined;
  return order.fulfillments.length > 0 ? 'PARTIALLY_FULFILLED' : 'UNFULFILLED';
}

/** Status values from the Order Source API docs; how FeedAMP derives them is undocumented, this is our reading. */
function sourceStatus(order: StoredOrder): string {
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

function lineFulfillments(order: StoredOrder): Record<string, unknown>[] {
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

function sourceOrderJson(order: StoredOrder): Record<string, unknown> {
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

/**
 * Order Source filters take ISO 8601; a value without a zone means America/New_York
 * (the docs leave the zone unsaid). Intl gives New York's offset at that wall-clock time, DST included.
 */
function parseSourceFilterDate(name: string, value: string): number {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 date-time.`);
    return ms;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) throw badRequest(`${name} must be an ISO 8601 date-time.`);
  const asUtc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(asUtc));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const nyWall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc + (asUtc - nyWall);
}

function toAddress(input: z.infer<typeof addressInput>): Address {
  return { ...input } as Address;
}

export function marketplaceRoutes(defaultSellerClient: () => string): Route[] {
  const p = `${MARKETPLACE_PREFIX}/api/v1`;
  return [
    {
      method: 'GET',
      template: `${p}/authorize`,
      auth: 'none',
      handle(ctx) {
        const q = ctx.req.query;
        if (q.get('response_type') !== 'code') {
          throw badRequest(
            'response_type must be "code"; only the authorization-code flow is supported.',
          );
        }
        const clientId = q.get('client_id');
        if (!clientId) throw badRequest('client_id is required.');
        if (!ctx.store.data.marketplaceApps.some((a) => a.client_id === clientId)) {
          throw badRequest(`client_id ${clientId} is not a registered marketplace.`);
        }
        // The parameter is `redirect_url`, not OAuth's usual `redirect_uri` (as the Order Source API docs spell it).
        const redirect = q.get('redirect_url');
        let target: URL;
        try {
          target = new URL(redirect ?? '');
        } catch {
          throw badRequest('redirect_url must be an absolute URL.');
        }
        // The real flow shows the seller a consent page; the sandbox approves at once on behalf
        // of the seller named by `client` (a FeedAMP client id), by default the demo seller.
        const sellerClientId = q.get('client') ?? defaultSellerClient();
        const code = secret();
        ctx.store.data.authCodes.push({
          value: code,
          client_id: clientId,
          sellerClientId,
          expiresAt: ctx.now + AUTH_CODE_TTL_MS,
        });
        target.searchParams.set('code', code);
        const state = q.get('state');
        if (state !== null) target.searchParams.set('state', state);
        return {
          status: 302,
          headers: { location: target.toString() },
          body: { redirect: target.toString() },
        };
      },
    },
    {
      method: 'POST',
      template: `${p}/access_token`,
      auth: 'none',
      handle(ctx) {
        // Both JSON and x-www-form-urlencoded bodies arrive here as objects (the docs show both).
        const body = parseBody(tokenRequest, ctx.req.body);
        const app = ctx.store.data.marketplaceApps.find((a) => a.client_id === body.client_id);
        if (!app || !sameSecret(app.client_secret, body.client_secret)) {
          throw new HttpError(401, 'Invalid client_id or client_secret.');
        }
        const data = ctx.store.data;
        let sellerClientId: string;
        let refreshToken: string;
        if (body.grant_type === 'authorization_code') {
          if (!body.code) throw badRequest('code is required for grant_type authorization_code.');
          const index = data.authCodes.findIndex(
            (c) => c.value === body.code && c.client_id === app.client_id,
          );
          const code = data.authCodes[index];
          if (!code || code.expiresAt <= ctx.now)
            throw new HttpError(401, 'Invalid or expired authorization code.');
          data.authCodes.splice(index, 1); // single use
          sellerClientId = code.sellerClientId;
          refreshToken = secret();
          data.refreshTokens.push({
            value: refreshToken,
            client_id: app.client_id,
            sellerClientId,
            expiresAt: ctx.now + REFRESH_TOKEN_TTL_MS,
          });
        } else {
          if (!body.refresh_token)
            throw badRequest('refresh_token is required for grant_type refresh_token.');
          const grant = data.refreshTokens.find(
            (t) => t.value === body.refresh_token && t.client_id === app.client_id,
          );
          if (!grant || grant.expiresAt <= ctx.now)
            throw new HttpError(401, 'Invalid or expired refresh token.');
          sellerClientId = grant.sellerClientId;
          refreshToken = grant.value;
        }
        const accessToken = secret();
        data.accessTokens = data.accessTokens.filter((t) => t.expiresAt > ctx.now);
        data.accessTokens.push({
          value: accessToken,
          client_id: app.client_id,
          sellerClientId,
          expiresAt: ctx.now + ACCESS_TOKEN_TTL_MS,
        });
        ctx.store.changed();
        return ok({
          access_token: accessToken,
          token_type: 'Bearer',
          refresh_token: refreshToken,
          expires_in: 3600,
        });
      },
    },
    {
      method: 'GET',
      template: `${p}/orders`,
      auth: 'bearer',
      handle(ctx) {
        const grant = grantOf(ctx);
        const app = appOf(ctx.store, grant);
        const q = ctx.req.query;
        const numbers = queryList(q, 'mp_order_numbers');
        const statuses = queryEnumList(q, 'fulfillment_status', FULFILLMENT_STATUSES);
        const importedAfter = q.get('imported_after');
        const importedAfterMs =
          importedAfter === null
            ? undefined
            : parseSourceFilterDate('imported_after', importedAfter);
        const updatedAfter = q.get('seller_updated_after');
        const updatedAfterMs =
          updatedAfter === null
            ? undefined
            : parseSourceFilterDate('seller_updated_after', updatedAfter);
        const hasErrors = q.get('has_errors') === null ? undefined : queryBoolean(q, 'has_errors');
        const sizeText = q.get('page_size');
        if (
          sizeText !== null &&
          (!/^\d+$/.test(sizeText) || Number(sizeText) < 10 || Number(sizeText) > 50)
        ) {
          throw badRequest('page_size must be an integer from 10 to 50.');
        }
        const pageSize = sizeText === null ? 20 : Number(sizeText);
        const page = pageAfter(ctx.store.orders, 'mp-orders', q.get('cursor'), pageSize, (o) => {
          if (!belongsTo(o, app, grant)) return false;
          if (numbers && !numbers.has(o.marketplace_order_number)) return false;
          if (statuses) {
            const s = fulfillmentStatus(o);
            if (!s || !statuses.has(s)) return false;
          }
          if (importedAfterMs !== undefined && !(o.importedAt > importedAfterMs)) return false;
          if (updatedAfterMs !== undefined && !(o.updatedAt > updatedAfterMs)) return false;
          if (hasErrors !== undefined && o.marketplaceErrors.length > 0 !== hasErrors) return false;
          return true;
        });
        return ok({
          orders: page.items.map(sourceOrderJson),
          ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
        });
      },
    },
    {
      method: 'GET',
      template: `${p}/orders/{mp_order_number}`,
      auth: 'bearer',
      handle: (ctx) => ok(sourceOrderJson(requireOrder(ctx))),
    },
    {
      method: 'PUT',
      template: `${p}/orders/{mp_order_number}`,
      auth: 'bearer',
      handle(ctx) {
        const grant = grantOf(ctx);
        const app = appOf(ctx.store, grant);
        const body = parseBody(orderInput, ctx.req.body);
        const number = ctx.params['mp_order_number'] ?? '';
        if (body.mp_order_number !== number) {
          throw badRequest(
            `mp_order_number ${body.mp_order_number} does not match the URL's ${number}.`,
          );
        }
        const ms = (v: string | undefined): number | undefined =>
          v === undefined ? undefined : parseRfc3339(v);
        const existing = findOrder(ctx);
        if (existing) {
          // Only some fields are updatable (as the Order Source API docs spell it): state, notes, addresses and dates.
          // Lines, customer and money are fixed once the order exists.
          setOrderState(existing, body.marketplace_state, ctx.now, true);
          if (body.delivery_notes !== undefined) existing.delivery_notes = body.delivery_notes;
          if (body.gift_message !== undefined) existing.gift_message = body.gift_message;
          existing.shipping_address = toAddress(body.shipping_address);
          existing.earliestShipAt = ms(body.earliest_ship_date) ?? existing.earliestShipAt;
          existing.latestShipAt = ms(body.latest_ship_date) ?? existing.latestShipAt;
          existing.earliestDeliveryAt =
            ms(body.earliest_delivery_date) ?? existing.earliestDeliveryAt;
          existing.latestDeliveryAt = ms(body.latest_delivery_date) ?? existing.latestDeliveryAt;
          existing.updatedAt = ctx.now;
          ctx.store.changed();
          return ok(sourceOrderJson(existing));
        }
        const lines: StoredLine[] = body.order_lines.map((l) => ({
          id: ctx.store.nextId(),
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
        const id = ctx.store.nextId();
        const loc = body.location;
        const order: StoredOrder = {
          id,
          clientId: grant.sellerClientId,
          integration_id: '109872189273610000',
          integration_name: `${app.marketplace_name} (Order Source)`,
          marketplace_name: app.marketplace_name,
          sales_channel: body.sales_channel,
          marketplace_order_number: body.mp_order_number,
          customer_order_number: body.customer_order_number ?? body.mp_order_number,
          ...(loc
            ? {
                location: {
                  source_location_id: loc.source_location_id ?? loc.client_location_id ?? '',
                  client_location_id: loc.client_location_id ?? loc.source_location_id ?? '',
                  name: loc.name ?? '',
                  address: loc.address ?? '',
                  active: true,
                },
              }
            : {}),
          customer: body.customer,
          importedAt: ctx.now,
          purchaseAt: ms(body.purchase_date) ?? ctx.now,
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
          workflow_status:
            body.marketplace_state === 'PENDING' ? 'ON_HOLD' : 'SENT_FOR_FULFILLMENT',
          marketplace_state: '',
          normalized_marketplace_state: body.marketplace_state,
          stateChangedAt: ctx.now,
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
          updatedAt: ctx.now,
          raw_data: body as Record<string, unknown>,
        };
        setOrderState(order, body.marketplace_state, ctx.now, true);
        ctx.store.addOrder(order);
        return created(sourceOrderJson(order));
      },
    },
    {
      method: 'GET',
      template: `${p}/orders/{mp_order_number}/fulfillments`,
      auth: 'bearer',
      handle(ctx) {
        const order = requireOrder(ctx);
        return ok({
          status: sourceStatus(order),
          is_marketplace_fulfilled: order.is_marketplace_fulfilled,
          fulfillments: lineFulfillments(order),
        });
      },
    },
    {
      method: 'POST',
      template: `${p}/orders/{mp_order_number}/errors`,
      auth: 'bearer',
      handle(ctx) {
        const order = requireOrder(ctx);
        const errors = parseBody(errorsInput, ctx.req.body);
        errors.forEach((e, i) => {
          if (
            e.mp_line_number !== undefined &&
            !order.lines.some((l) => l.marketplace_line_number === e.mp_line_number)
          ) {
            throw badRequest(
              `[${i}].mp_line_number ${e.mp_line_number} is not a line of order ${order.marketplace_order_number}.`,
            );
          }
        });
        order.marketplaceErrors.push(...errors.map((e) => ({ ...e, at: ctx.now })));
        ctx.store.changed();
        return ok({});
      },
    },
  ];
}
