// Fulfillments and cancellations are twins on FeedAMP: records of order lines below an order,
// listed, created, read, replaced and deleted the same way. One implementation, parameterised by
// how each kind reads its body and shows itself; the kinds are in fulfillments.ts and
// cancellations.ts.
import { badRequest, created, noContent, notFound, ok, type SandboxResponse } from '../http';
import type { LineQuantity, StoredOrder, WriteOrigin } from '../model';
import type { Route, RouteContext } from '../router';
import { afterSellerWrite, type SandboxStore } from '../state';
import {
  assertOpenForLineWrites,
  assertSellerFulfils,
  checkLineQuantities,
  loadOrder,
} from './common';

export interface LineRecordKind<R extends { id: string; lines: LineQuantity[] }, P> {
  /** 'fulfillment' | 'cancellation': the write log's kind and the path's `{<kind>-id}`. */
  kind: 'fulfillment' | 'cancellation';
  /** Path segment below the order. */
  segment: string;
  /** `fulfillment_lines` | `cancellation_lines`: where quantity errors point. */
  linesField: string;
  records: (order: StoredOrder) => R[];
  setRecords: (order: StoredOrder, records: R[]) => void;
  /** The body checked (400 on a bad one). */
  parse: (raw: unknown) => P;
  /** The lines a body asks for; undefined: every unit still left (replacing `replacing`). */
  linesOf: (parsed: P, order: StoredOrder, replacing?: string) => LineQuantity[];
  make: (id: string, parsed: P, lines: LineQuantity[], now: number) => R;
  replace: (existing: R, parsed: P, lines: LineQuantity[]) => void;
  json: (record: R) => unknown;
  /** Narrows the list by the request's query (fulfillments: tracking_number, carrier). */
  listFilter?: (ctx: RouteContext) => (record: R) => boolean;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function loadRecord<R extends { id: string; lines: LineQuantity[] }, P>(
  k: LineRecordKind<R, P>,
  ctx: RouteContext,
  order: StoredOrder,
): R {
  const id = ctx.params[`${k.kind}-id`] ?? '';
  const found = k.records(order).find((r) => r.id === id);
  if (!found) throw notFound(`${capitalised(k.kind)} ${id} not found on order ${order.id}.`);
  return found;
}

/**
 * A new record as FeedAMP keeps it, whoever sends it: the seller API, or the admin surface
 * acting as another client of the same account. Throws the same 400s for both.
 */
export function createLineRecord<R extends { id: string; lines: LineQuantity[] }, P>(
  k: LineRecordKind<R, P>,
  store: SandboxStore,
  order: StoredOrder,
  raw: unknown,
  now: number,
  by: WriteOrigin,
): R {
  const parsed = k.parse(raw);
  assertSellerFulfils(order);
  assertOpenForLineWrites(order, `a ${k.kind}`);
  const lines = k.linesOf(parsed, order);
  if (lines.length === 0) throw badRequest(`Order ${order.id} has no units left to fulfil.`);
  checkLineQuantities(order, lines, k.linesField, undefined, store.settings.enforceQuantities);
  const record = k.make(store.nextId(), parsed, lines, now);
  k.records(order).push(record);
  afterSellerWrite(order, now);
  store.recordWrite({
    kind: k.kind,
    action: 'create',
    by,
    orderId: order.id,
    id: record.id,
    body: raw,
    at: now,
  });
  return record;
}

/** PUT: the record's lines and fields replaced, its own units left out of the quantity check. */
function replaceLineRecord<R extends { id: string; lines: LineQuantity[] }, P>(
  k: LineRecordKind<R, P>,
  ctx: RouteContext,
): SandboxResponse {
  const order = loadOrder(ctx);
  const existing = loadRecord(k, ctx, order);
  const parsed = k.parse(ctx.req.body);
  assertOpenForLineWrites(order, `changing a ${k.kind}`);
  const lines = k.linesOf(parsed, order, existing.id);
  checkLineQuantities(
    order,
    lines,
    k.linesField,
    existing.id,
    ctx.store.settings.enforceQuantities,
  );
  k.replace(existing, parsed, lines);
  afterSellerWrite(order, ctx.now);
  ctx.store.recordWrite({
    kind: k.kind,
    action: 'update',
    orderId: order.id,
    id: existing.id,
    body: ctx.req.body,
    at: ctx.now,
  });
  return ok(k.json(existing));
}

function deleteLineRecord<R extends { id: string; lines: LineQuantity[] }, P>(
  k: LineRecordKind<R, P>,
  ctx: RouteContext,
): SandboxResponse {
  const order = loadOrder(ctx);
  const existing = loadRecord(k, ctx, order);
  k.setRecords(
    order,
    k.records(order).filter((r) => r !== existing),
  );
  afterSellerWrite(order, ctx.now);
  ctx.store.recordWrite({
    kind: k.kind,
    action: 'delete',
    orderId: order.id,
    id: existing.id,
    body: undefined,
    at: ctx.now,
  });
  return noContent();
}

export function lineRecordRoutes<R extends { id: string; lines: LineQuantity[] }, P>(
  k: LineRecordKind<R, P>,
): Route[] {
  const base = `/api/v2/orders/{order-id}/${k.segment}`;
  const one = `${base}/{${k.kind}-id}`;
  return [
    {
      method: 'GET',
      template: base,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        const keep = k.listFilter?.(ctx) ?? (() => true);
        return ok({ [k.segment]: k.records(order).filter(keep).map(k.json) });
      },
    },
    {
      method: 'POST',
      template: base,
      auth: 'seller',
      handle(ctx) {
        const order = loadOrder(ctx);
        return created(
          k.json(createLineRecord(k, ctx.store, order, ctx.req.body, ctx.now, 'seller')),
        );
      },
    },
    {
      method: 'GET',
      template: one,
      auth: 'seller',
      handle: (ctx) => ok(k.json(loadRecord(k, ctx, loadOrder(ctx)))),
    },
    { method: 'PUT', template: one, auth: 'seller', handle: (ctx) => replaceLineRecord(k, ctx) },
    { method: 'DELETE', template: one, auth: 'seller', handle: (ctx) => deleteLineRecord(k, ctx) },
  ];
}
