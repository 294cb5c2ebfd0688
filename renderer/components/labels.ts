// Words a packer reads for FeedAMP's values: one table per value list, typed against the list so a
// value added to the list without a label is a compile error. Values FeedAMP adds later (states
// are open-ended) still read as words, never as SHOUTED_SNAKE or snake_case codes.
import {
  RETURN_TYPES,
  type CancellationReason,
  type NormalizedOrderState,
  type ReturnType,
} from '../../common/feedamp-enums';
import type { OutboxEntryView } from '../../preload/api/outbox';
import { ORDER_REFUND_REASONS, type RefundView } from '../../preload/api/returns';

type OrderRefundReason = (typeof ORDER_REFUND_REASONS)[number];

export const CANCELLATION_REASON_LABELS: Record<CancellationReason, string> = {
  customer_cancelled: 'Customer cancelled',
  customer_rejected: 'Customer rejected',
  unable_to_ship: 'Unable to ship',
  out_of_stock: 'Out of stock',
  price_error: 'Price error',
  tax_error: 'Tax error',
  shipping_price_error: 'Shipping price error',
  fraud: 'Fraud',
  other: 'Other',
};

export const ORDER_REFUND_REASON_LABELS: Record<OrderRefundReason, string> = {
  customer_return: 'Customer returned it',
  customer_cancelled: 'Customer cancelled',
  damaged: 'Damaged',
  wrong_item: 'Wrong item sent',
  price_error: 'Price error',
  shipping_price_error: 'Shipping price error',
  tax_error: 'Tax error',
  other: 'Other',
};

export const ORDER_STATE_LABELS: Record<NormalizedOrderState, string> = {
  PENDING: 'Pending',
  AWAITING_ACKNOWLEDGEMENT: 'Awaiting acknowledgement',
  AWAITING_SHIPMENT: 'Awaiting shipment',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
  MISSING: 'State missing',
  UNRECOGNIZED: 'State not recognised',
};

export const RETURN_TYPE_LABELS: Record<ReturnType, string> = {
  SHIP: 'Shipped back',
  IN_STORE: 'In store',
  NO_RETURN: 'No return (refund only)',
};

/** Where an outbox entry stands, as a word in a list. */
export const OUTBOX_STATE_LABELS: Record<OutboxEntryView['state'], string> = {
  pending: 'Queued',
  sending: 'Uploading',
  sent: 'Uploaded',
  attention: 'Needs attention',
  discarded: 'Discarded',
};

/** Where a refund stands, after "— " in a sentence. */
export const REFUND_STATE_LABELS: Record<RefundView['state'], string> = {
  sent: 'on FeedAMP',
  queued: 'waiting to upload',
  attention: 'needs attention',
};

/** Operations FeedAMP's channels name (returns: `process` authorizes the return). */
export const OPERATION_LABELS: Record<string, string> = {
  process: 'Authorize',
  authorize: 'Authorize',
  reject: 'Reject',
  receive: 'Receive',
  close: 'Close',
};

/** "AWAITING_SHIPMENT", "out_of_stock", "wrong-item" → "Awaiting shipment", "Out of stock"… */
export function codeWords(code: string): string {
  const words = code.trim().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** True for text that is a code rather than words: SHOUTED_SNAKE, snake_case, kebab-case. */
function looksLikeCode(text: string): boolean {
  return /^[A-Z0-9]+(_[A-Z0-9]+)+$|^[A-Z]{2,}$|^[a-z0-9]+([_-][a-z0-9]+)+$/.test(text.trim());
}

/** The label for a value of a list: the table's, else the code in words; '—' when absent. */
export function labelOf<K extends string>(
  table: Readonly<Record<K, string>>,
  value: string | undefined | null,
  absent = '—',
): string {
  if (value === undefined || value === null || value.trim() === '') return absent;
  const own = (table as Readonly<Record<string, string>>)[value];
  if (own !== undefined) return own;
  return looksLikeCode(value) ? codeWords(value) : value;
}

/** Free text that may be a marketplace code (a return reason, a marketplace state): words. */
export function readable(text: string | undefined | null, absent = '—'): string {
  return labelOf({}, text, absent);
}

export const orderStateLabel = (state: string | undefined | null): string =>
  labelOf(ORDER_STATE_LABELS, state, 'Unknown');
export const returnTypeLabel = (type: string | undefined | null): string =>
  labelOf(RETURN_TYPE_LABELS, type);

/** The customer's words on one line: the gift message first (it goes in the box), then the
 *  delivery notes. The Orders list cuts it to the cell; hovering shows it whole. */
export function orderNotes(order: { giftMessage?: string; deliveryNotes?: string }): string {
  return [
    order.giftMessage && `Gift: “${order.giftMessage}”`,
    order.deliveryNotes && `Delivery: ${order.deliveryNotes}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export { RETURN_TYPES };
