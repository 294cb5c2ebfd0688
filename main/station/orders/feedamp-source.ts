// The order sync's source over the FeedAMP client: each order checked on its own.
import type { FeedampClient } from '../../feedamp/client';
import { lenientSource } from '../synced/sync';
import type { OrderSource } from './sync';

export function feedampOrderSource(client: FeedampClient): OrderSource {
  return lenientSource(
    (query, signal) => client.iterateLenientOrderPages(query, { signal }),
    (page) => page.orders,
    'order',
  );
}
