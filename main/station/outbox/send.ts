// One write, one FeedAMP call. The client validates the body again and never retries a POST;
// what to do after a failure is the worker's decision.
import type { FeedampClient } from '../../feedamp/client';
import type { OutboxWrite } from './entries';

/** Sends the write; resolves with the id FeedAMP gave what it created, when it gives one. */
export async function send(
  client: FeedampClient,
  write: OutboxWrite,
  signal: AbortSignal,
): Promise<string | undefined> {
  const opts = { signal };
  switch (write.kind) {
    case 'confirm':
      return (await client.confirmOrder(write.orderId, write.body, opts)).id ?? undefined;
    case 'order.operation':
      await client.runOrderOperation(write.orderId, write.op, write.body, opts);
      return undefined;
    case 'fulfillment.create':
      return (await client.createFulfillment(write.orderId, write.body, opts)).id ?? undefined;
    case 'fulfillment.update':
      return (
        (await client.updateFulfillment(write.orderId, write.fulfillmentId, write.body, opts)).id ??
        write.fulfillmentId
      );
    case 'fulfillment.delete':
      await client.deleteFulfillment(write.orderId, write.fulfillmentId, opts);
      return write.fulfillmentId;
    case 'cancellation.create':
      return (await client.createCancellation(write.orderId, write.body, opts)).id ?? undefined;
    case 'cancellation.update':
      return (
        (await client.updateCancellation(write.orderId, write.cancellationId, write.body, opts))
          .id ?? write.cancellationId
      );
    case 'cancellation.delete':
      await client.deleteCancellation(write.orderId, write.cancellationId, opts);
      return write.cancellationId;
    case 'refund.create':
      return (await client.createOrderRefund(write.orderId, write.body, opts)).id ?? undefined;
    case 'return.refund':
      return (await client.refundReturn(write.returnId, write.body, opts)).id ?? undefined;
    case 'return.operation':
      await client.runReturnOperation(write.returnId, write.op, write.body, opts);
      return undefined;
  }
}
