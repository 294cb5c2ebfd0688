import { z } from 'zod';
import { RETURN_TYPES } from '../../../common/feedamp-enums';
import { badRequest, created, notFound, ok, type SandboxResponse } from '../http';
import type { StoredReturn } from '../model';
import { pageAfter } from '../paging';
import { returnJson } from '../present';
import type { Route, RouteContext } from '../router';
import {
  parseBody,
  queryBoolean,
  queryDate,
  queryEnumList,
  queryLimit,
  queryList,
} from '../validation';
import { idString, requireOperation, seller } from './common';

const returnRefundLine = z.looseObject({
  feedamp_return_line_id: idString,
  item_refund: z.number().min(0).optional(),
  shipping_refund: z.number().min(0).optional(),
  refund_notes: z.string().optional(),
  merchant_full_refund: z.boolean().optional(),
});

const returnRefundInput = z.object({
  merchant_refund_lines: z.array(returnRefundLine).min(1),
});

function loadReturn(ctx: RouteContext): StoredReturn {
  const id = ctx.params['return-id'] ?? '';
  const found = ctx.store.returnById(id);
  // The reference lists 400 but no 404 for GET /returns/{id}; an unknown id is still a
  // missing resource, and every sibling get-by-id answers 404, so the sandbox does too.
  if (!found || found.clientId !== seller(ctx).client) throw notFound(`Return ${id} not found.`);
  return found;
}

function withOrder(ctx: RouteContext, ret: StoredReturn): Record<string, unknown> {
  const include = queryBoolean(ctx.req.query, 'include_order');
  return returnJson(ret, include ? ctx.store.order(ret.order_id) : undefined);
}

/** A seller's write moved the return on: FeedAMP's state, its marketplace wording, and when. */
function setReturnState(ret: StoredReturn, state: string, text: string, now: number): void {
  ret.normalized_marketplace_state = state;
  ret.marketplace_state = text;
  ret.stateChangedAt = now;
}

/** Every seller write to a return goes in the write log, named by its return and order. */
function recordReturnWrite(
  ctx: RouteContext,
  ret: StoredReturn,
  kind: 'return_refund' | 'return_operation',
  write: { id?: string; body: unknown },
): void {
  ctx.store.recordWrite({
    kind,
    action: 'create',
    returnId: ret.id,
    orderId: ret.order_id,
    ...write,
    at: ctx.now,
  });
}

/** The list query's filters as one test (400 on a bad value, before any return is looked at). */
function returnFilter(ctx: RouteContext): (r: StoredReturn) => boolean {
  const q = ctx.req.query;
  const client = seller(ctx).client;
  const states = queryList(q, 'normalized_marketplace_state');
  const marketplaceStates = queryList(q, 'marketplace_state');
  const changedAfter = queryDate(q, 'marketplace_state_changed_after');
  const changedBefore = queryDate(q, 'marketplace_state_changed_before');
  const importedAfter = queryDate(q, 'imported_after');
  const importedBefore = queryDate(q, 'imported_before');
  const ids = queryList(q, 'id');
  const numbers = queryList(q, 'marketplace_return_number');
  const rmas = queryList(q, 'rma');
  const customerNumbers = queryList(q, 'customer_order_number');
  const types = queryEnumList(q, 'return_type', RETURN_TYPES);
  const integrationId = q.get('integration_id');
  if (integrationId !== null && !/^\d+$/.test(integrationId)) {
    throw badRequest('integration_id must be a string of digits.');
  }
  return (r) => {
    if (r.clientId !== client) return false;
    if (states && !states.has(r.normalized_marketplace_state)) return false;
    if (marketplaceStates && !marketplaceStates.has(r.marketplace_state)) return false;
    if (changedAfter !== undefined && !(r.stateChangedAt > changedAfter)) return false;
    if (changedBefore !== undefined && !(r.stateChangedAt < changedBefore)) return false;
    if (importedAfter !== undefined && !(r.importedAt > importedAfter)) return false;
    if (importedBefore !== undefined && !(r.importedAt < importedBefore)) return false;
    if (ids && !ids.has(r.id)) return false;
    if (numbers && !numbers.has(r.marketplace_return_number)) return false;
    if (rmas && !rmas.has(r.rma)) return false;
    if (customerNumbers && !customerNumbers.has(r.customer_order_number)) return false;
    if (types && !types.has(r.return_type)) return false;
    if (integrationId !== null && r.integration_id !== integrationId) return false;
    return true;
  };
}

function listReturns(ctx: RouteContext): SandboxResponse {
  const q = ctx.req.query;
  const matches = returnFilter(ctx);
  const limit = queryLimit(q);
  queryBoolean(q, 'include_order');
  const page = pageAfter(ctx.store.returns, 'returns', q.get('cursor'), limit, matches);
  return ok({
    returns: page.items.map((r) => withOrder(ctx, r)),
    ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
  });
}

/** A refund against a return's lines; the return is REFUNDED from then on. */
function refundReturn(ctx: RouteContext): SandboxResponse {
  const ret = loadReturn(ctx);
  const body = parseBody(returnRefundInput, ctx.req.body);
  body.merchant_refund_lines.forEach((line, i) => {
    if (!ret.return_lines.some((l) => l.id === line.feedamp_return_line_id)) {
      throw badRequest(
        `merchant_refund_lines[${i}].feedamp_return_line_id ${line.feedamp_return_line_id} is not a line of return ${ret.id}.`,
      );
    }
  });
  const record = {
    id: ctx.store.nextId(),
    merchant_refund_lines: body.merchant_refund_lines,
    createdAt: ctx.now,
  };
  ret.refunds.push(record);
  setReturnState(ret, 'REFUNDED', 'Refunded', ctx.now);
  recordReturnWrite(ctx, ret, 'return_refund', { id: record.id, body: ctx.req.body });
  return created({ id: record.id, merchant_refund_lines: record.merchant_refund_lines });
}

function runReturnOperation(ctx: RouteContext): SandboxResponse {
  const ret = loadReturn(ctx);
  const { op, body } = requireOperation(ctx);
  // `process` authorizes the customer's return; other names are unknown here.
  if (op !== 'process') throw badRequest(`op "${op}" is not an operation this channel supports.`);
  if (ret.normalized_marketplace_state === 'PENDING_AUTHORIZATION') {
    setReturnState(ret, 'PENDING_CONFIRMATION', 'Authorized', ctx.now);
  }
  recordReturnWrite(ctx, ret, 'return_operation', { body: { op, body } });
  return ok({ operation: op, response: {} });
}

export function returnRoutes(): Route[] {
  return [
    {
      method: 'GET',
      template: '/api/v2/returns',
      auth: 'seller',
      rateLimited: true,
      handle: listReturns,
    },
    {
      method: 'GET',
      template: '/api/v2/returns/{return-id}',
      auth: 'seller',
      handle: (ctx) => ok(withOrder(ctx, loadReturn(ctx))),
    },
    {
      method: 'POST',
      template: '/api/v2/returns/{return-id}/refunds',
      auth: 'seller',
      handle: refundReturn,
    },
    {
      method: 'POST',
      template: '/api/v2/returns/{return-id}/run-operation',
      auth: 'seller',
      handle: runReturnOperation,
    },
  ];
}
