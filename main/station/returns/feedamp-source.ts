// The returns sync's source over the FeedAMP client: each return checked on its own.
import type { FeedampClient } from '../../feedamp/client';
import { lenientSource } from '../synced/sync';
import type { ReturnSource } from './sync';

export function feedampReturnSource(client: FeedampClient): ReturnSource {
  return lenientSource(
    (query, signal) => client.iterateLenientReturnPages(query, { signal }),
    (page) => page.returns,
    'return',
  );
}
