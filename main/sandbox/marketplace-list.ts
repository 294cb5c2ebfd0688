// GET orders of the Order Source API: the marketplace's own orders for its seller, filtered and
// paged the way its docs describe.
import { badRequest, ok, type SandboxResponse } from './http';
import { appOf, belongsTo, grantOf } from './marketplace-access';
import { FULFILLMENT_STATUSES, fulfillmentStatus, sourceOrderJson } from './marketplace-json';
import type { StoredOrder } from './model';
import { pageAfter } from './paging';
import type { RouteContext } from './router';
import { queryBoolean, queryEnumList, queryList } from './validation';

/**
 * Order Source filters take ISO 8601; a value without a zone means America/New_York
 * (the docs leave the zone unsaid). Intl gives New York's offset at that wall-clock time, DST included.
 */
function parseSourceFilterDate(name: string, value: string): number {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 date-time.`);
    return ms;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) throw badRequest(`${name} must be an ISO 8601 date-time.`);
  const asUtc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(asUtc));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const nyWall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc + (asUtc - nyWall);
}

function optionalFilterDate(q: URLSearchParams, name: string): number | undefined {
  const value = q.get(name);
  return value === null ? undefined : parseSourceFilterDate(name, value);
}

function pageSizeOf(q: URLSearchParams): number {
  const sizeText = q.get('page_size');
  if (
    sizeText !== null &&
    (!/^\d+$/.test(sizeText) || Number(sizeText) < 10 || Number(sizeText) > 50)
  ) {
    throw badRequest('page_size must be an integer from 10 to 50.');
  }
  return sizeText === null ? 20 : Number(sizeText);
}

/** The query's filters as one test (400 on a bad value, before any order is looked at). */
function sourceOrderFilter(q: URLSearchParams): (o: StoredOrder) => boolean {
  const numbers = queryList(q, 'mp_order_numbers');
  const statuses = queryEnumList(q, 'fulfillment_status', FULFILLMENT_STATUSES);
  const importedAfterMs = optionalFilterDate(q, 'imported_after');
  const updatedAfterMs = optionalFilterDate(q, 'seller_updated_after');
  const hasErrors = q.get('has_errors') === null ? undefined : queryBoolean(q, 'has_errors');
  return (o) => {
    if (numbers && !numbers.has(o.marketplace_order_number)) return false;
    if (statuses) {
      const s = fulfillmentStatus(o);
      if (!s || !statuses.has(s)) return false;
    }
    if (importedAfterMs !== undefined && !(o.importedAt > importedAfterMs)) return false;
    if (updatedAfterMs !== undefined && !(o.updatedAt > updatedAfterMs)) return false;
    if (hasErrors !== undefined && o.marketplaceErrors.length > 0 !== hasErrors) return false;
    return true;
  };
}

export function listSourceOrders(ctx: RouteContext): SandboxResponse {
  const grant = grantOf(ctx);
  const app = appOf(ctx.store, grant);
  const q = ctx.req.query;
  const matches = sourceOrderFilter(q);
  const pageSize = pageSizeOf(q);
  const page = pageAfter(
    ctx.store.orders,
    'mp-orders',
    q.get('cursor'),
    pageSize,
    (o) => belongsTo(o, app, grant) && matches(o),
  );
  return ok({
    orders: page.items.map(sourceOrderJson),
    ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
  });
}
