import { z } from 'zod';
import { CARRIERS } from '../../../common/feedamp-enums';
import { badRequest } from '../http';
import type { LineQuantity, StoredFulfillment, StoredOrder, WriteOrigin } from '../model';
import { fulfillmentJson } from '../present';
import type { Route } from '../router';
import { unitsLeft, type SandboxStore } from '../state';
import { parseBody } from '../validation';
import { dateTimeString, lineQuantity } from './common';
import { createLineRecord, lineRecordRoutes, type LineRecordKind } from './line-records';

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
      ? raw.fulfillment_type
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

const fulfillments: LineRecordKind<StoredFulfillment, ParsedFulfillment> = {
  kind: 'fulfillment',
  segment: 'fulfillments',
  linesField: 'fulfillment_lines',
  records: (order) => order.fulfillments,
  setRecords: (order, records) => {
    order.fulfillments = records;
  },
  parse: parseFulfillment,
  linesOf: (parsed, order, replacing) => parsed.lines ?? allUnitsLeft(order, replacing),
  make: (id, parsed, lines, now) => ({
    id,
    body: { ...parsed.body, fulfillment_lines: lines },
    lines,
    createdAt: now,
  }),
  replace(existing, parsed, lines) {
    existing.body = { ...parsed.body, fulfillment_lines: lines };
    existing.lines = lines;
  },
  json: fulfillmentJson,
  listFilter(ctx) {
    const tracking = ctx.req.query.get('tracking_number');
    const carrier = ctx.req.query.get('carrier');
    if (carrier !== null && !(CARRIERS as readonly string[]).includes(carrier)) {
      throw badRequest(`carrier "${carrier}" is not one of FeedAMP's carrier names.`);
    }
    return (f) => {
      const s = f.body.shipment as { tracking_number?: string; carrier?: string } | undefined;
      if (tracking !== null && s?.tracking_number !== tracking) return false;
      if (carrier !== null && s?.carrier !== carrier) return false;
      return true;
    };
  },
};

/**
 * A new fulfillment as FeedAMP records it, whoever sends it: the seller API, or the admin
 * surface acting as another client of the same account (another station shipping the order).
 * Without fulfillment_lines it covers every unit still left on the order.
 */
export function createFulfillment(
  store: SandboxStore,
  order: StoredOrder,
  raw: unknown,
  now: number,
  by: WriteOrigin,
): StoredFulfillment {
  return createLineRecord(fulfillments, store, order, raw, now, by);
}

export function fulfillmentRoutes(): Route[] {
  return lineRecordRoutes(fulfillments);
}
