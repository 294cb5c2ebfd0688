// Which orders an Order Source caller may see: those of its own marketplace, for the seller
// who granted it access.
import { HttpError, notFound } from './http';
import type { MarketplaceApp, OAuthGrant, StoredOrder } from './model';
import type { RouteContext } from './router';
import type { SandboxStore } from './state';

export function appOf(store: SandboxStore, grant: OAuthGrant): MarketplaceApp {
  const app = store.data.marketplaceApps.find((a) => a.client_id === grant.client_id);
  if (!app) throw new HttpError(401, 'The OAuth client behind this token no longer exists.');
  return app;
}

export function grantOf(ctx: RouteContext): OAuthGrant {
  if (!ctx.grant) throw new Error('marketplace route reached without a grant');
  return ctx.grant;
}

export function belongsTo(order: StoredOrder, app: MarketplaceApp, grant: OAuthGrant): boolean {
  return order.marketplace_name === app.marketplace_name && order.clientId === grant.sellerClientId;
}

/** The order named by the path's `{mp_order_number}`, if this caller may see it. */
export function findOrder(ctx: RouteContext): StoredOrder | undefined {
  const grant = grantOf(ctx);
  const app = appOf(ctx.store, grant);
  const number = ctx.params['mp_order_number'] ?? '';
  return ctx.store.orders.find(
    (o) => o.marketplace_order_number === number && belongsTo(o, app, grant),
  );
}

export function requireOrder(ctx: RouteContext): StoredOrder {
  const order = findOrder(ctx);
  if (!order) throw notFound(`Order ${ctx.params['mp_order_number'] ?? ''} not found.`);
  return order;
}
