import { notFound, ok } from '../http';
import { fulfillmentRequestJson } from '../present';
import type { Route } from '../router';
import { loadOrder } from './common';

export function fulfillmentRequestRoutes(): Route[] {
  return [
    {
      // The path is not captured in the reference; this is its most likely
      // form, by analogy with the other per-order lists. Not in openapi.yaml.
      method: 'GET',
      template: '/api/v2/orders/{order-id}/fulfillment_requests',
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        return ok({
          fulfillment_requests: order.fulfillmentRequests.map((fr) =>
            fulfillmentRequestJson(order, fr),
          ),
        });
      },
    },
    {
      method: 'GET',
      template: '/api/v2/orders/{order-id}/fulfillment_requests/{fulfillment-request-id}',
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const id = ctx.params['fulfillment-request-id'] ?? '';
        const found = order.fulfillmentRequests.find((fr) => fr.id === id);
        if (!found) throw notFound(`Fulfillment request ${id} not found on order ${order.id}.`);
        return ok(fulfillmentRequestJson(order, found));
      },
    },
  ];
}
