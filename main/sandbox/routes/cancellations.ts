import { z } from 'zod';
import { CANCELLATION_REASONS } from '../../../common/feedamp-enums';
import type { StoredCancellation, StoredOrder, WriteOrigin } from '../model';
import { cancellationJson } from '../present';
import type { Route } from '../router';
import type { SandboxStore } from '../state';
import { parseBody } from '../validation';
import { lineQuantity } from './common';
import { createLineRecord, lineRecordRoutes, type LineRecordKind } from './line-records';

const cancellationInput = z.object({
  cancellation_lines: z.array(lineQuantity).min(1),
  reason: z.enum(CANCELLATION_REASONS),
});

type CancellationBody = z.infer<typeof cancellationInput>;

const cancellations: LineRecordKind<StoredCancellation, CancellationBody> = {
  kind: 'cancellation',
  segment: 'cancellations',
  linesField: 'cancellation_lines',
  records: (order) => order.cancellations,
  setRecords: (order, records) => {
    order.cancellations = records;
  },
  parse: (raw) => parseBody(cancellationInput, raw),
  linesOf: (body) => body.cancellation_lines,
  make: (id, body, lines, now) => ({ id, reason: body.reason, lines, createdAt: now }),
  replace(existing, body, lines) {
    existing.lines = lines;
    existing.reason = body.reason;
  },
  json: cancellationJson,
};

/** A new cancellation, from the seller API or from the admin acting as another client. */
export function createCancellation(
  store: SandboxStore,
  order: StoredOrder,
  raw: unknown,
  now: number,
  by: WriteOrigin,
): StoredCancellation {
  return createLineRecord(cancellations, store, order, raw, now, by);
}

export function cancellationRoutes(): Route[] {
  return lineRecordRoutes(cancellations);
}
