import { z } from 'zod';
import { ORDER_STATE_FILTER_VALUES } from '../../../common/feedamp-enums';
import { badRequest, ok, type SandboxResponse } from '../http';
import type { StoredOrder } from '../model';
import { orderJson } from '../present';
import { pageAfter } from '../paging';
import type { Route, RouteContext } from '../router';
import { setOrderState } from '../state';
import {
  parseBody,
  queryBoolean,
  queryDate,
  queryEnumList,
  queryLimit,
  queryList,
} from '../validation';
import { loadOrder, requireOperation, seller } from './common';

interface OrderFilter {
  client: string;
  states?: Set<string>;
  marketplaceStates?: Set<string>;
  changedAfter?: number;
  changedBefore?: number;
  importedAfter?: number;
  importedBefore?: number;
  ids?: Set<string>;
  marketplaceOrderNumbers?: Set<string>;
  customerOrderNumbers?: Set<string>;
  merchantOrderNumbers?: Set<string>;
  integrationId?: string;
  sourceLocationId?: string;
  clientLocationId?: string;
  feedampStatus?: string;
}

function parseOrderFilter(ctx: RouteContext): OrderFilter {
  const q = ctx.req.query;
  const integrationId = q.get('integration_id') ?? undefined;
  if (integrationId !== undefined && !/^\d+$/.test(integrationId)) {
    throw badRequest('integration_id must be a string of digits.');
  }
  return {
    client: seller(ctx).client,
    states: queryEnumList(q, 'normalized_marketplace_state', ORDER_STATE_FILTER_VALUES),
    marketplaceStates: queryList(q, 'marketplace_state'),
    changedAfter: queryDate(q, 'marketplace_state_changed_after'),
    changedBefore: queryDate(q, 'marketplace_state_changed_before'),
    importedAfter: queryDate(q, 'imported_after'),
    importedBefore: queryDate(q, 'imported_before'),
    ids: queryList(q, 'id'),
    marketplaceOrderNumbers: queryList(q, 'marketplace_order_number'),
    customerOrderNumbers: queryList(q, 'customer_order_number'),
    merchantOrderNumbers: queryList(q, 'merchant_order_number'),
    integrationId,
    sourceLocationId: q.get('source_location_id') ?? undefined,
    clientLocationId: q.get('client_location_id') ?? undefined,
    feedampStatus: q.get('feedamp_status') ?? undefined,
  };
}

// `_after` / `_before` are strict comparisons against whole-second timestamps; a client that
// re-polls from its last watermark should overlap a little.
function matchesOrder(o: StoredOrder, f: OrderFilter): boolean {
  if (o.clientId !== f.client) return false;
  if (f.states && !f.states.has(o.normalized_marketplace_state)) return false;
  if (f.marketplaceStates && !f.marketplaceStates.has(o.marketplace_state)) return false;
  if (f.changedAfter !== undefined && !(o.stateChangedAt > f.changedAfter)) return false;
  if (f.changedBefore !== undefined && !(o.stateChangedAt < f.changedBefore)) return false;
  if (f.importedAfter !== undefined && !(o.importedAt > f.importedAfter)) return false;
  if (f.importedBefore !== undefined && !(o.importedAt < f.importedBefore)) return false;
  if (f.ids && !f.ids.has(o.id)) return false;
  if (f.marketplaceOrderNumbers && !f.marketplaceOrderNumbers.has(o.marketplace_order_number))
    return false;
  if (f.customerOrderNumbers && !f.customerOrderNumbers.has(o.customer_order_number)) return false;
  if (
    f.merchantOrderNumbers &&
    (o.merchant_order_number === undefined || !f.merchantOrderNumbers.has(o.merchant_order_number))
  )
    return false;
  if (f.integrationId !== undefined && o.integration_id !== f.integrationId) return false;
  // client_location_id wins over source_location_id when both are given (the order-list docs).
  if (f.clientLocationId !== undefined) {
    if (o.location?.client_location_id !== f.clientLocationId) return false;
  } else if (f.sourceLocationId !== undefined) {
    if (o.location?.source_location_id !== f.sourceLocationId) return false;
  }
  if (f.feedampStatus !== undefined && o.workflow_status !== f.feedampStatus) return false;
  return true;
}

const confirmBody = z.object({ merchant_order_number: z.string().min(1).max(128).optional() });

function listOrders(ctx: RouteContext): SandboxResponse {
  const filter = parseOrderFilter(ctx);
  const limit = queryLimit(ctx.req.query);
  const raw = queryBoolean(ctx.req.query, 'include_raw_data');
  const page = pageAfter(ctx.store.orders, 'orders', ctx.req.query.get('cursor'), limit, (o) =>
    matchesOrder(o, filter),
  );
  return ok({
    orders: page.items.map((o) => orderJson(o, raw)),
    ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
  });
}

function confirmOrder(ctx: RouteContext): SandboxResponse {
  const order = loadOrder(ctx);
  // The body is optional (`{}` or none); confirm "succeeds only once per order" and the
  // repeat's answer is undocumented: the sandbox answers 400 naming the first confirm.
  const body = parseBody(confirmBody, ctx.req.body ?? {});
  if (order.confirmedAt !== undefined) {
    throw badRequest(
      `Order ${order.id} was already confirmed; confirm succeeds only once per order.`,
    );
  }
  order.confirmedAt = ctx.now;
  order.updatedAt = ctx.now;
  if (body.merchant_order_number !== undefined) {
    order.merchant_order_number = body.merchant_order_number;
  }
  ctx.store.recordWrite({
    kind: 'confirm',
    action: 'create',
    orderId: order.id,
    body,
    at: ctx.now,
  });
  return ok({
    id: order.id,
    ...(order.merchant_order_number !== undefined
      ? { merchant_order_number: order.merchant_order_number }
      : {}),
  });
}

function runOrderOperation(ctx: RouteContext): SandboxResponse {
  const order = loadOrder(ctx);
  const { op, body } = requireOperation(ctx);
  // Only `acknowledge` is documented; other operation names are channel-specific and
  // unknown to the sandbox, so they are refused rather than pretended.
  if (op !== 'acknowledge')
    throw badRequest(`op "${op}" is not an operation this channel supports.`);
  order.acknowledged = true;
  if (order.normalized_marketplace_state === 'AWAITING_ACKNOWLEDGEMENT') {
    setOrderState(order, 'AWAITING_SHIPMENT', ctx.now, false);
  }
  order.updatedAt = ctx.now;
  ctx.store.recordWrite({
    kind: 'operation',
    action: 'create',
    orderId: order.id,
    body: { op, body },
    at: ctx.now,
  });
  return ok({ operation: op, response: {} });
}

export function orderRoutes(): Route[] {
  return [
    {
      method: 'GET',
      template: '/api/v2/orders',
      auth: 'seller',
      rateLimited: true,
      handle: listOrders,
    },
    {
      method: 'GET',
      template: '/api/v2/orders/{order-id}',
      auth: 'seller',
      handle(ctx) {
        const raw = queryBoolean(ctx.req.query, 'include_raw_data');
        return ok(orderJson(loadOrder(ctx), raw));
      },
    },
    {
      method: 'POST',
      template: '/api/v2/orders/{order-id}/confirm',
      auth: 'seller',
      handle: confirmOrder,
    },
    {
      method: 'POST',
      template: '/api/v2/orders/{order-id}/run-operation',
      auth: 'seller',
      handle: runOrderOperation,
    },
  ];
}
