import { z } from 'zod';
import { CANCELLATION_REASONS } from '../../../common/feedamp-enums';
import { created, noContent, notFound, ok } from '../http';
import type { StoredCancellation, StoredOrder, WriteOrigin } from '../model';
import { cancellationJson } from '../present';
import type { Route, RouteContext } from '../router';
import { afterSellerWrite, type SandboxStore } from '../state';
import { parseBody } from '../validation';
import {
  assertOpenForLineWrites,
  assertSellerFulfils,
  checkLineQuantities,
  lineQuantity,
  loadOrder,
} from './common';

const cancellationInput = z.object({
  cancellation_lines: z.array(lineQuantity).min(1),
  reason: z.enum(CANCELLATION_REASONS),
});

function loadCancellation(ctx: RouteContext, order: StoredOrder) {
  const id = ctx.params['cancellation-id'] ?? '';
  const found = order.cancellations.find((c) => c.id === id);
  if (!found) throw notFound(`Cancellation ${id} not found on order ${order.id}.`);
  return found;
}

/** A new cancellation, from the seller API or from the admin acting as another client. */
export function createCancellation(
  store: SandboxStore,
  order: StoredOrder,
  raw: unknown,
  now: number,
  by: WriteOrigin,
): StoredCancellation {
  const body = parseBody(cancellationInput, raw);
  assertSellerFulfils(order);
  assertOpenForLineWrites(order, 'a cancellation');
  checkLineQuantities(
    order,
    body.cancellation_lines,
    'cancellation_lines',
    undefined,
    store.settings.enforceQuantities,
  );
  const record: StoredCancellation = {
    id: store.nextId(),
    reason: body.reason,
    lines: body.cancellation_lines,
    createdAt: now,
  };
  order.cancellations.push(record);
  afterSellerWrite(order, now);
  store.recordWrite({
    kind: 'cancellation',
    action: 'create',
    by,
    orderId: order.id,
    id: record.id,
    body: raw,
    at: now,
  });
  return record;
}

export function cancellationRoutes(): Route[] {
  const base = '/api/v2/orders/{order-id}/cancellations';
  return [
    {
      method: 'GET',
      template: base,
      auth: 'seller',
      handle: (ctx) => ok({ cancellations: loadOrder(ctx).cancellations.map(cancellationJson) }),
    },
    {
      method: 'POST',
      template: base,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        return created(
          cancellationJson(createCancellation(ctx.store, order, ctx.req.body, ctx.now, 'seller')),
        );
      },
    },
    {
      method: 'GET',
      template: `${base}/{cancellation-id}`,
      auth: 'seller',
      handle: (ctx) => ok(cancellationJson(loadCancellation(ctx, loadOrder(ctx)))),
    },
    {
      method: 'PUT',
      template: `${base}/{cancellation-id}`,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const existing = loadCancellation(ctx, order);
        const body = parseBody(cancellationInput, ctx.req.body);
        assertOpenForLineWrites(order, 'changing a cancellation');
        checkLineQuantities(
          order,
          body.cancellation_lines,
          'cancellation_lines',
          existing.id,
          ctx.store.settings.enforceQuantities,
        );
        existing.lines = body.cancellation_lines;
        existing.reason = body.reason;
        afterSellerWrite(order, ctx.now);
        ctx.store.recordWrite({
          kind: 'cancellation',
          action: 'update',
          orderId: order.id,
          id: existing.id,
          body: ctx.req.body,
          at: ctx.now,
        });
        return ok(cancellationJson(existing));
      },
    },
    {
      method: 'DELETE',
      template: `${base}/{cancellation-id}`,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const existing = loadCancellation(ctx, order);
        order.cancellations = order.cancellations.filter((c) => c !== existing);
        afterSellerWrite(order, ctx.now);
        ctx.store.recordWrite({
          kind: 'cancellation',
          action: 'delete',
          orderId: order.id,
          id: existing.id,
          body: undefined,
          at: ctx.now,
        });
        return noContent();
      },
    },
  ];
}
