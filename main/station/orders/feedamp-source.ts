// The sync's order source over the FeedAMP client. Pages come back with each order checked on
// its own, so one malformed order is reported by id instead of failing its whole page.
import type { FeedampClient } from '../../feedamp/client';
import type { OrderPage, OrderSource } from './sync';

export function feedampOrderSource(client: FeedampClient): OrderSource {
  return {
    async *pages(query, signal): AsyncIterable<OrderPage> {
      for await (const page of client.iterateLenientOrderPages(query, { signal })) {
        const orders: OrderPage['orders'] = [];
        const rejected = [...page.rejected];
        for (const order of page.orders) {
          if (typeof order.id === 'string' && order.id !== '')
            orders.push({ ...order, id: order.id });
          else rejected.push({ id: '(no id)', reason: 'the order has no id' });
        }
        yield { orders, rejected, nextCursor: page.next_cursor ?? undefined };
      }
    },
  };
}
