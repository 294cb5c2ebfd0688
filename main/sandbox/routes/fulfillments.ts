import { z } from 'zod';
import { CARRIERS } from '../../../common/feedamp-enums';
import { badRequest, created, noContent, notFound, ok } from '../http';
import type { LineQuantity, StoredFulfillment, StoredOrder, WriteOrigin } from '../model';
import { fulfillmentJson } from '../present';
import type { Route, RouteContext } from '../router';
import { afterSellerWrite, unitsLeft, type SandboxStore } from '../state';
import { parseBody } from '../validation';
import {
  assertOpenForLineWrites,
  assertSellerFulfils,
  checkLineQuantities,
  dateTimeString,
  lineQuantity,
  loadOrder,
} from './common';

// Requiredness inside `shipment` is not documented; every example sends shipped_date,
// carrier and tracking_number, and a shipment without them is useless to a marketplace,
// so the sandbox requires all three. tracking_url stays optional.
const shipment = z.object({
  shipped_date: dateTimeString,
  carrier: z.enum(CARRIERS),
  tracking_number: z.string().min(1),
  tracking_url: z.string().optional(),
});

const shipmentInput = z.object({
  fulfillment_type: z.literal('shipment'),
  shipment,
  state: z.literal('shipped').optional(),
  fulfillment_lines: z.array(lineQuantity).min(1),
});

// LocalDelivery/Pickup fields are undocumented: extra fields are kept and echoed back, and
// without fulfillment_lines the fulfillment covers every unit still left on the order.
const otherInput = z.looseObject({
  fulfillment_type: z.enum(['local_delivery', 'pickup']),
  state: z.literal('shipped').optional(),
  fulfillment_lines: z.array(lineQuantity).min(1).optional(),
});

const FULFILLMENT_TYPES_ACCEPTED = ['shipment', 'local_delivery', 'pickup'];

interface ParsedFulfillment {
  body: Record<string, unknown>;
  lines?: LineQuantity[];
}

function parseFulfillment(raw: unknown): ParsedFulfillment {
  const type =
    typeof raw === 'object' && raw !== null && 'fulfillment_type' in raw
      ? (raw as { fulfillment_type: unknown }).fulfillment_type
      : undefined;
  if (type === undefined) throw badRequest('fulfillment_type is required.');
  if (typeof type !== 'string' || !FULFILLMENT_TYPES_ACCEPTED.includes(type)) {
    throw badRequest(`fulfillment_type must be one of ${FULFILLMENT_TYPES_ACCEPTED.join(', ')}.`);
  }
  if (type === 'shipment') {
    const body = parseBody(shipmentInput, raw);
    return { body: { ...body, state: 'shipped' }, lines: body.fulfillment_lines };
  }
  const body = parseBody(otherInput, raw);
  return { body: { ...body, state: 'shipped' }, lines: body.fulfillment_lines };
}

function allUnitsLeft(order: StoredOrder, replacing?: string): LineQuantity[] {
  return [...unitsLeft(order, replacing)]
    .filter(([, left]) => left > 0)
    .map(([line_id, quantity]) => ({ line_id, quantity }));
}

function loadFulfillment(ctx: RouteContext, order: StoredOrder) {
  const id = ctx.params['fulfillment-id'] ?? '';
  const found = order.fulfillments.find((f) => f.id === id);
  if (!found) throw notFound(`Fulfillment ${id} not found on order ${order.id}.`);
  return found;
}

/**
 * A new fulfillment as FeedAMP records it, whoever sends it: the seller API, or the admin
 * surface acting as another client of the same account (another station shipping the order).
 * Throws the same 400s for both.
 */
export function createFulfillment(
  store: SandboxStore,
  order: StoredOrder,
  raw: unknown,
  now: number,
  by: WriteOrigin,
): StoredFulfillment {
  const parsed = parseFulfillment(raw);
  assertSellerFulfils(order);
  assertOpenForLineWrites(order, 'a fulfillment');
  const lines = parsed.lines ?? allUnitsLeft(order);
  if (lines.length === 0) throw badRequest(`Order ${order.id} has no units left to fulfil.`);
  checkLineQuantities(
    order,
    lines,
    'fulfillment_lines',
    undefined,
    store.settings.enforceQuantities,
  );
  const record: StoredFulfillment = {
    id: store.nextId(),
    body: { ...parsed.body, fulfillment_lines: lines },
    lines,
    createdAt: now,
  };
  order.fulfillments.push(record);
  afterSellerWrite(order, now);
  store.recordWrite({
    kind: 'fulfillment',
    action: 'create',
    by,
    orderId: order.id,
    id: record.id,
    body: raw,
    at: now,
  });
  return record;
}

export function fulfillmentRoutes(): Route[] {
  const base = '/api/v2/orders/{order-id}/fulfillments';
  return [
    {
      method: 'GET',
      template: base,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const tracking = ctx.req.query.get('tracking_number');
        const carrier = ctx.req.query.get('carrier');
        if (carrier !== null && !(CARRIERS as readonly string[]).includes(carrier)) {
          throw badRequest(`carrier "${carrier}" is not one of FeedAMP's carrier names.`);
        }
        const list = order.fulfillments.filter((f) => {
          const s = f.body.shipment as { tracking_number?: string; carrier?: string } | undefined;
          if (tracking !== null && s?.tracking_number !== tracking) return false;
          if (carrier !== null && s?.carrier !== carrier) return false;
          return true;
        });
        return ok({ fulfillments: list.map(fulfillmentJson) });
      },
    },
    {
      method: 'POST',
      template: base,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        return created(
          fulfillmentJson(createFulfillment(ctx.store, order, ctx.req.body, ctx.now, 'seller')),
        );
      },
    },
    {
      method: 'GET',
      template: `${base}/{fulfillment-id}`,
      auth: 'seller',
      handle: (ctx) => ok(fulfillmentJson(loadFulfillment(ctx, loadOrder(ctx)))),
    },
    {
      method: 'PUT',
      template: `${base}/{fulfillment-id}`,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const existing = loadFulfillment(ctx, order);
        const parsed = parseFulfillment(ctx.req.body);
        assertOpenForLineWrites(order, 'changing a fulfillment');
        const lines = parsed.lines ?? allUnitsLeft(order, existing.id);
        checkLineQuantities(
          order,
          lines,
          'fulfillment_lines',
          existing.id,
          ctx.store.settings.enforceQuantities,
        );
        existing.body = { ...parsed.body, fulfillment_lines: lines };
        existing.lines = lines;
        afterSellerWrite(order, ctx.now);
        ctx.store.recordWrite({
          kind: 'fulfillment',
          action: 'update',
          orderId: order.id,
          id: existing.id,
          body: ctx.req.body,
          at: ctx.now,
        });
        return ok(fulfillmentJson(existing));
      },
    },
    {
      method: 'DELETE',
      template: `${base}/{fulfillment-id}`,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const existing = loadFulfillment(ctx, order);
        order.fulfillments = order.fulfillments.filter((f) => f !== existing);
        afterSellerWrite(order, ctx.now);
        ctx.store.recordWrite({
          kind: 'fulfillment',
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
