// "Another client of the same account": a second station, or the seller's own back office,
// shipping or cancelling an order between two of Packline's reads. The admin routes and the
// `otherWrite` fault both come here, so the write passes the seller API's own checks and is
// recorded as the seller API would record it, marked `by: 'admin'`.
import { HttpError, notFound } from './http';
import { cancellationJson, fulfillmentJson } from './present';
import { createCancellation } from './routes/cancellations';
import { createFulfillment } from './routes/fulfillments';
import type { SandboxStore } from './state';

export type OtherWriteKind = 'fulfillment' | 'cancellation';

/** Applies the write and answers the record as the seller API shows it; throws its 400/404s. */
export function applyOtherWrite(
  store: SandboxStore,
  kind: OtherWriteKind,
  orderId: string,
  body: unknown,
  now: number,
): Record<string, unknown> {
  const order = store.order(orderId);
  if (!order) throw notFound(`Order ${orderId} not found.`);
  return kind === 'fulfillment'
    ? fulfillmentJson(createFulfillment(store, order, body, now, 'admin'))
    : cancellationJson(createCancellation(store, order, body, now, 'admin'));
}

/** What became of an `otherWrite` fault's write, for `GET /__admin/faults`. */
export interface OtherWriteOutcome {
  at: string;
  kind: OtherWriteKind;
  orderId: string;
  status: number;
  /** The record as FeedAMP shows it (201), or the refusal sentence. */
  record?: Record<string, unknown>;
  error?: string;
}

export function tryOtherWrite(
  store: SandboxStore,
  kind: OtherWriteKind,
  orderId: string,
  body: unknown,
  now: number,
): OtherWriteOutcome {
  const at = new Date(now).toISOString();
  try {
    const record = applyOtherWrite(store, kind, orderId, body, now);
    return { at, kind, orderId, status: 201, record };
  } catch (error) {
    if (error instanceof HttpError) {
      return { at, kind, orderId, status: error.status, error: error.message };
    }
    throw error;
  }
}
