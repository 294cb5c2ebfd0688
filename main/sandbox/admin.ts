// The admin surface (loopback only, under its own prefix): tests and the demo use it to reset
// data, inject faults, see what was written and what was asked, and set up edge cases fast.
import { z } from 'zod';
import { NORMALIZED_ORDER_STATES } from '../../common/feedamp-enums';
import type { SellerAuth } from './auth';
import { badRequest, created, notFound, ok, type SandboxResponse } from './http';
import type { FaultInjector } from './faults';
import type { StoredOrder, WriteKind } from './model';
import { applyOtherWrite } from './other-client';
import { orderJson } from './present';
import type { RateLimiterHandle } from './server';
import type { RequestLog } from './request-log';
import type { Route, RouteContext } from './router';
import { DEFAULT_SETTINGS, setOrderState, type SandboxStore } from './state';
import { parseBody } from './validation';

export const ADMIN_PREFIX = '/__admin';

export interface AdminDeps {
  store: SandboxStore;
  auth: SellerAuth;
  faults: FaultInjector;
  limiter: RateLimiterHandle;
  requests: RequestLog;
  /** Regenerates demo data (keeping users and tokens). */
  regenerate: (seed: number, orders: number) => void;
  initialSeed: { seed: number; orders: number };
  info: () => Record<string, unknown>;
}

const seedBody = z.object({
  seed: z.number().int().default(1),
  orders: z.number().int().min(0).max(100_000).default(200),
});

const userBody = z.object({
  password: z.string().min(1).optional(),
  clients: z.array(z.string().regex(/^\d+$/, 'must be a string of digits')).optional(),
});

const orderStateBody = z
  .object({
    normalized_marketplace_state: z.enum(NORMALIZED_ORDER_STATES).optional(),
    marketplace_state: z.string().min(1).optional(),
    is_marketplace_fulfilled: z.boolean().optional(),
  })
  .refine(
    (b) => b.normalized_marketplace_state !== undefined || b.is_marketplace_fulfilled !== undefined,
    { path: ['normalized_marketplace_state'], message: 'is required' },
  );

const settingsBody = z.strictObject({ enforceQuantities: z.boolean().optional() });

const lineBody = z.strictObject({ quantity: z.number().int().min(1).max(100_000) });

function fromZod<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      throw badRequest(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}.`);
    }
    if (error instanceof Error) throw badRequest(error.message);
    throw error;
  }
}

function listWrites(ctx: RouteContext): SandboxResponse {
  const kind = ctx.req.query.get('kind');
  const orderId = ctx.req.query.get('orderId');
  const by = ctx.req.query.get('by');
  const writes = ctx.store.data.writes
    .map((w) => ({ ...w, by: w.by ?? 'seller', at: new Date(w.at).toISOString() }))
    .filter((w) => kind === null || w.kind === (kind as WriteKind))
    .filter((w) => orderId === null || w.orderId === orderId)
    .filter((w) => by === null || w.by === by);
  return ok({ counts: ctx.store.writeCounts(), writes });
}

/** Creates the user (a password is then required) or changes its password and clients. */
function putUser(ctx: RouteContext): SandboxResponse {
  const name = ctx.params.user ?? '';
  const body = parseBody(userBody, ctx.req.body ?? {});
  let user = ctx.store.data.users.find((u) => u.user === name);
  if (!user) {
    if (!body.password) throw badRequest('password is required to create a user.');
    user = { user: name, password: body.password, clients: [] };
    ctx.store.data.users.push(user);
  }
  if (body.password) user.password = body.password;
  if (body.clients) user.clients = [...new Set(body.clients)];
  ctx.store.changed();
  return ok({ user: user.user, clients: user.clients });
}

function adminOrder(ctx: RouteContext): StoredOrder {
  const order = ctx.store.order(ctx.params['order-id'] ?? '');
  if (!order) throw notFound('Order not found.');
  return order;
}

/** The marketplace changes the order's state or takes its fulfilment over (or back). */
function putOrderState(ctx: RouteContext): SandboxResponse {
  const order = adminOrder(ctx);
  const body = parseBody(orderStateBody, ctx.req.body);
  if (body.normalized_marketplace_state !== undefined) {
    setOrderState(order, body.normalized_marketplace_state, ctx.now, true, body.marketplace_state);
  }
  if (
    body.is_marketplace_fulfilled !== undefined &&
    body.is_marketplace_fulfilled !== order.is_marketplace_fulfilled
  ) {
    order.is_marketplace_fulfilled = body.is_marketplace_fulfilled;
    // Dated as a state change so a client syncing by marketplace_state_changed_at sees it.
    order.stateChangedAt = ctx.now;
    order.updatedAt = ctx.now;
  }
  ctx.store.changed();
  return ok(orderJson(order));
}

// An edge case the generator does not make: a line ordered by the case (12, 48 …).
function putOrderLine(ctx: RouteContext): SandboxResponse {
  const order = ctx.store.order(ctx.params['order-id'] ?? '');
  const line = order?.lines.find((l) => l.id === ctx.params['line-id']);
  if (!order || !line) throw notFound('Order line not found.');
  line.quantity = fromZod(() => lineBody.parse(ctx.req.body)).quantity;
  // Dated as a state change so a client syncing by marketplace_state_changed_at sees it.
  order.stateChangedAt = ctx.now;
  order.updatedAt = ctx.now;
  ctx.store.changed();
  return ok(orderJson(order));
}

// Another client of the same account (another station, the seller's back office): the
// seller API's create bodies and checks, answered as the seller API answers them.
const otherClientWrite =
  (kind: 'fulfillment' | 'cancellation') =>
  (ctx: RouteContext): SandboxResponse =>
    created(applyOtherWrite(ctx.store, kind, ctx.params['order-id'] ?? '', ctx.req.body, ctx.now));

function faultRoutes(deps: AdminDeps): Route[] {
  const route = adminRoute;
  return [
    route('GET', '/faults', () => ok(deps.faults.describe())),
    route('PUT', '/faults', (ctx) => {
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      const { queue, ...config } = body;
      fromZod(() => deps.faults.configure(config));
      if (queue !== undefined) fromZod(() => deps.faults.enqueue(queue));
      return ok(deps.faults.describe());
    }),
    route('POST', '/faults/queue', (ctx) => {
      fromZod(() => deps.faults.enqueue(ctx.req.body ?? []));
      return ok(deps.faults.describe());
    }),
    route('DELETE', '/faults', () => {
      deps.faults.clear();
      return ok(deps.faults.describe());
    }),
  ];
}

function adminRoute(method: string, template: string, handle: Route['handle']): Route {
  return { method, template: `${ADMIN_PREFIX}${template}`, auth: 'none', handle };
}

export function adminRoutes(deps: AdminDeps): Route[] {
  const route = adminRoute;
  return [
    route('GET', '/info', () => ok(deps.info())),
    route('POST', '/reset', () => {
      deps.regenerate(deps.initialSeed.seed, deps.initialSeed.orders);
      deps.store.settings = { ...DEFAULT_SETTINGS };
      deps.faults.clear();
      deps.limiter.reset();
      deps.requests.clear();
      return ok({ reset: true, orders: deps.store.orders.length });
    }),
    route('POST', '/seed', (ctx) => {
      const body = parseBody(seedBody, ctx.req.body ?? {});
      deps.regenerate(body.seed, body.orders);
      return ok({ seed: body.seed, orders: deps.store.orders.length });
    }),
    ...faultRoutes(deps),
    route('GET', '/settings', (ctx) => ok(ctx.store.settings)),
    route('PUT', '/settings', (ctx) => {
      const body = parseBody(settingsBody, ctx.req.body ?? {});
      if (body.enforceQuantities !== undefined) {
        ctx.store.settings.enforceQuantities = body.enforceQuantities;
      }
      return ok(ctx.store.settings);
    }),
    route('GET', '/writes', listWrites),
    route('GET', '/requests', (ctx) => {
      const since = Number(ctx.req.query.get('since') ?? '0');
      if (!Number.isInteger(since) || since < 0)
        throw badRequest('since must be a non-negative integer.');
      return ok(deps.requests.since(since));
    }),
    route('PUT', '/users/{user}', putUser),
    route('POST', '/tokens/expire', (ctx) => ok({ expired: deps.auth.expireAll(ctx.now) })),
    route('GET', '/orders/{order-id}', (ctx) => {
      const order = adminOrder(ctx);
      return ok({ ...orderJson(order), client: order.clientId });
    }),
    route('PUT', '/orders/{order-id}/state', putOrderState),
    route('PUT', '/orders/{order-id}/lines/{line-id}', putOrderLine),
    route('POST', '/orders/{order-id}/fulfillments', otherClientWrite('fulfillment')),
    route('POST', '/orders/{order-id}/cancellations', otherClientWrite('cancellation')),
  ];
}
