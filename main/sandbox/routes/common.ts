import { z } from 'zod';
import { formatDateTime, parseRfc3339 } from '../dates';
import { badRequest, notFound } from '../http';
import type { LineQuantity, StoredOrder } from '../model';
import type { RouteContext } from '../router';
import { unitsLeft } from '../state';

/** Ids are digit strings; a JSON number is refused so clients never round 18-digit ids. */
export const idString = z
  .string({ error: 'must be a string of digits (FeedAMP ids are strings)' })
  .regex(/^\d+$/, 'must be a string of digits');

export const lineQuantity = z.object({
  line_id: idString,
  quantity: z.number().int().min(1),
});

export const dateTimeString = z
  .string()
  .refine((v) => parseRfc3339(v) !== undefined, 'must be an RFC 3339 date-time with an offset');

export function seller(ctx: RouteContext): { user: string; client: string } {
  if (!ctx.seller) throw new Error('seller route reached without authentication');
  return ctx.seller;
}

/** Unknown ids and other clients' orders are both 404: a client id never leaks another's data. */
export function loadOrder(ctx: RouteContext): StoredOrder {
  const id = ctx.params['order-id'] ?? '';
  const order = ctx.store.order(id);
  if (!order || order.clientId !== seller(ctx).client) throw notFound(`Order ${id} not found.`);
  return order;
}

/**
 * Shipping or cancelling needs an order FeedAMP considers open. A marketplace-cancelled
 * order is refused with 400 (the status the reference documents for these writes) and a
 * sentence a packer can act on. PENDING orders are refused too: the docs say to fulfil only
 * after AWAITING_SHIPMENT (the order-fulfilment recipes).
 */
export function assertOpenForLineWrites(order: StoredOrder, what: string): void {
  const state = order.normalized_marketplace_state;
  // A CANCELLED state the seller's own cancellations produced is not refused here: the
  // quantity check already leaves nothing to ship, and PUT/DELETE may still undo them.
  if (state === 'CANCELLED' && order.stateSetByMarketplace) {
    throw badRequest(
      `Order ${order.id} was cancelled by ${order.marketplace_name} at ${formatDateTime(order.stateChangedAt)}; ${what} is refused.`,
    );
  }
  if (state === 'PENDING') {
    throw badRequest(
      `Order ${order.id} is PENDING on the marketplace; ${what} is refused until it is AWAITING_SHIPMENT.`,
    );
  }
}

/**
 * An order the marketplace fulfils itself (Amazon FBA and the like) is shipped or cancelled by
 * the marketplace alone; a seller's new fulfillment or cancellation is refused. Changing or
 * deleting records the order already has is left alone so a test can flip the flag afterwards.
 */
export function assertSellerFulfils(order: StoredOrder): void {
  if (order.is_marketplace_fulfilled) {
    throw badRequest(
      `Order ${order.id} is fulfilled by ${order.marketplace_name}; the seller cannot ship or cancel it.`,
    );
  }
}

/**
 * Every line id must belong to the order and the units (summed per line within the body)
 * must not exceed ordered − shipped − cancelled. `replacing` leaves a record's own units out
 * when it is being replaced by PUT. With `enforce` false (admin setting) only the line ids are
 * checked: an over-shipment is recorded as sent.
 */
export function checkLineQuantities(
  order: StoredOrder,
  lines: LineQuantity[],
  field: string,
  replacing?: string,
  enforce = true,
): void {
  const left = unitsLeft(order, replacing);
  const requested = new Map<string, number>();
  lines.forEach((line, i) => {
    if (!left.has(line.line_id)) {
      throw badRequest(
        `${field}[${i}].line_id ${line.line_id} is not a line of order ${order.id}.`,
      );
    }
    const total = (requested.get(line.line_id) ?? 0) + line.quantity;
    requested.set(line.line_id, total);
    const available = left.get(line.line_id) ?? 0;
    if (enforce && total > available) {
      throw badRequest(
        `${field}[${i}].quantity ${line.quantity} exceeds the ${available} unit(s) left on line ${line.line_id} (ordered − shipped − cancelled).`,
      );
    }
  });
}

/**
 * A run-operation call (orders and returns alike): the `op` query parameter, required, and
 * the body, optional but a JSON object when sent. Whether `op` is supported is the caller's.
 */
export function requireOperation(ctx: RouteContext): { op: string; body: object } {
  const op = ctx.req.query.get('op');
  if (!op) throw badRequest('op is required.');
  const body = ctx.req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return { op, body };
}
