// The record kinds the leader writes to the warehouse database, as a small table: where each is
// stored, the channel the others hear it on, and how a sync query reads as SQL over the stored
// bodies (so a follower's page is the page FeedAMP would have given).
import type { OrdersQuery, ReturnsQuery } from '../../feedamp/schemas';

/** A query value and its SQL condition; `p` is the value's placeholder. Skipped when unset. */
type Condition = [value: unknown, sql: (p: string) => string];

export type FeedName = 'orders' | 'returns';

export interface FeedKind<Q> {
  name: FeedName;
  table: string;
  idColumn: string;
  /** Assignments besides the body when a stored record changes. */
  touch: string;
  channel: string;
  conditions: (query: Q) => Condition[];
  /**
   * The query without what depends on the moment a sync started: two stations' first syncs
   * under the same filter compare equal, so a new leader carries on where the last one stopped.
   */
  sameSync: (query: Q) => Partial<Q>;
}

/** A comma-separated (or listed) query value as a list; undefined when unset. */
function list(value: string | string[] | undefined): string[] | undefined {
  return typeof value === 'string' ? value.split(',') : value;
}

const field = (name: string) => (p: string) => `body->>'${name}' = ${p}`;
const anyOf = (name: string) => (p: string) => `body->>'${name}' = ANY(${p}::text[])`;
/** Compares a time in the body, skipping bodies whose value is not a timestamp. */
const after = (name: string) => (p: string) =>
  `(body->>'${name}' ~ '^\\d{4}-\\d\\d-\\d\\dT' AND (body->>'${name}')::timestamptz > ${p}::timestamptz)`;

export const ORDER_FEED: FeedKind<OrdersQuery> = {
  name: 'orders',
  table: 'orders',
  idColumn: 'order_id',
  touch: ", seq = nextval('orders_seq')",
  channel: 'packline_orders',
  conditions: (q) => [
    [list(q.normalized_marketplace_state), anyOf('normalized_marketplace_state')],
    [q.marketplace_state_changed_after, after('marketplace_state_changed_at')],
    [q.feedamp_status, field('feedamp_status')],
    [q.client_location_id, field('client_location_id')],
    [q.integration_id, field('integration_id')],
  ],
  sameSync: (q) => q,
};

/**
 * A station's clock and the database's may differ: an incremental read reaches this far before
 * the station's watermark, and a return read twice is only stored again.
 */
const CLOCK_MARGIN = "interval '10 minutes'";

export const RETURN_FEED: FeedKind<ReturnsQuery> = {
  name: 'returns',
  table: 'returns',
  idColumn: 'return_id',
  touch: '',
  channel: 'packline_returns',
  conditions: (q) => [
    [list(q.normalized_marketplace_state), anyOf('normalized_marketplace_state')],
    [list(q.marketplace_state), anyOf('marketplace_state')],
    [q.return_type, field('return_type')],
    [q.imported_after, after('imported_date')],
    // The Return model has no change time: the time the leader stored the change stands for it.
    [q.marketplace_state_changed_after, (p) => `updated_at > ${p}::timestamptz - ${CLOCK_MARGIN}`],
  ],
  // "Imported within N days" is counted from the station's clock as its sync starts.
  sameSync: ({ imported_after: _from, ...rest }) => rest,
};

export const FEED_KINDS: readonly Pick<FeedKind<never>, 'name' | 'channel'>[] = [
  ORDER_FEED,
  RETURN_FEED,
];
