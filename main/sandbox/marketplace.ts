// The Order Source API: the marketplace side of FeedAMP. Tests and the demo use
// it to place, update and cancel orders the way a marketplace would, and to read back what
// the seller shipped.
import { z } from 'zod';
import { badRequest, ok, type SandboxResponse } from './http';
import { requireOrder } from './marketplace-access';
import { lineFulfillments, sourceOrderJson, sourceStatus } from './marketplace-json';
import { listSourceOrders } from './marketplace-list';
import { authorize, issueAccessToken } from './marketplace-oauth';
import { putSourceOrder } from './marketplace-put-order';
import type { Route, RouteContext } from './router';
import { parseBody } from './validation';

export const MARKETPLACE_PREFIX = '/marketplace';

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

/** A marketplace reports what went wrong with an order (a bad tracking number and the like). */
function postOrderErrors(ctx: RouteContext): SandboxResponse {
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
}

function orderFulfillments(ctx: RouteContext): SandboxResponse {
  const order = requireOrder(ctx);
  return ok({
    status: sourceStatus(order),
    is_marketplace_fulfilled: order.is_marketplace_fulfilled,
    fulfillments: lineFulfillments(order),
  });
}

export function marketplaceRoutes(defaultSellerClient: () => string): Route[] {
  const p = `${MARKETPLACE_PREFIX}/api/v1`;
  const order = `${p}/orders/{mp_order_number}`;
  const route = (
    method: string,
    template: string,
    auth: Route['auth'],
    handle: Route['handle'],
  ): Route => ({ method, template, auth, handle });
  return [
    route('GET', `${p}/authorize`, 'none', (ctx) => authorize(ctx, defaultSellerClient)),
    route('POST', `${p}/access_token`, 'none', issueAccessToken),
    route('GET', `${p}/orders`, 'bearer', listSourceOrders),
    route('GET', order, 'bearer', (ctx) => ok(sourceOrderJson(requireOrder(ctx)))),
    route('PUT', order, 'bearer', putSourceOrder),
    route('GET', `${order}/fulfillments`, 'bearer', orderFulfillments),
    route('POST', `${order}/errors`, 'bearer', postOrderErrors),
  ];
}
