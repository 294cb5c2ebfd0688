// The outbox's descriptions are written by main for logs too, so they carry FeedAMP's codes and
// ids ("Cancel 2 units of order 112233445566778899 (out_of_stock)", "Run \"process\" on return
// 9988…"). A packer reads the order number they know and words; the ids go to the details.
import type { OutboxEntryView } from '../../../preload/api/outbox';
import { CANCELLATION_REASON_LABELS, labelOf, OPERATION_LABELS } from '../labels';

export function describeEntry(
  entry: Pick<OutboxEntryView, 'description' | 'orderId' | 'returnId'>,
  orderLabel?: string,
  /** The RMA or return number, when the reader knows which return it is. */
  returnLabel?: string,
): string {
  let text = entry.description;
  if (entry.orderId) {
    text = text.replace(
      `order ${entry.orderId}`,
      orderLabel && orderLabel !== entry.orderId ? `order ${orderLabel}` : 'an order',
    );
  }
  if (entry.returnId) {
    text = text.replace(
      `return ${entry.returnId}`,
      returnLabel && returnLabel !== entry.returnId ? `return ${returnLabel}` : 'a return',
    );
  }
  text = text
    // "(out_of_stock)" → "(Out of stock)"
    .replace(
      /\(([a-z_]+)\)$/,
      (_, code: string) => `(${labelOf(CANCELLATION_REASON_LABELS, code)})`,
    )
    // Run "process" on a return → Authorize a return
    .replace(/^Run "([^"]+)" on /, (_, op: string) => `${labelOf(OPERATION_LABELS, op)} `)
    // Any other FeedAMP id left (a shipment or cancellation being changed) is not for the packer.
    // (tracking numbers are long digit runs too, so only these two are touched).
    .replace(/ (shipment|cancellation) \d+ of /, ' $1 of ');
  return text;
}
