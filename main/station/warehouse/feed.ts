// One FeedAMP sync for the account. The leader's order source is FeedAMP's, with every page also
// written to the warehouse database (and where its first sync stands, so a new leader carries on
// at the same page); the other stations' source is the database, so the account's list budget
// is spent once however many stations there are.
import type pg from 'pg';
import type { OrdersQuery } from '../../feedamp/schemas';
import type { OrderPage, OrderRecord, OrderSource } from '../orders/sync';

/** Database cursors are told apart from FeedAMP's, so a station changing role starts cleanly. */
const DB_CURSOR = 'db:';
const PAGE = 250;
export const ORDERS_CHANNEL = 'packline_orders';

interface SyncState {
  key: string;
  cursor?: string;
  done: boolean;
}

function splitQuery(query: OrdersQuery): { key: string; cursor?: string; rest: OrdersQuery } {
  const { cursor, ...rest } = query as OrdersQuery & { cursor?: string };
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  return { key: JSON.stringify(sorted), cursor, rest: rest };
}

const isIncremental = (q: OrdersQuery) =>
  (q as { marketplace_state_changed_after?: string }).marketplace_state_changed_after !== undefined;

async function readState(db: pg.Pool, account: string): Promise<SyncState | undefined> {
  const { rows } = await db.query<{ state: SyncState }>(
    'SELECT state FROM sync_state WHERE account = $1',
    [account],
  );
  return rows[0]?.state;
}

/** Writes orders and tells the other stations; one statement per page. */
async function writeOrders(
  db: pg.Pool,
  account: string,
  orders: readonly OrderRecord[],
): Promise<void> {
  if (orders.length === 0) return;
  await db.query(
    `INSERT INTO orders (account, order_id, body)
     SELECT $1, o->>'id', o FROM jsonb_array_elements($2::jsonb) AS o
     ON CONFLICT (account, order_id) DO UPDATE
       SET body = EXCLUDED.body, seq = nextval('orders_seq'), updated_at = now()
       WHERE orders.body IS DISTINCT FROM EXCLUDED.body`,
    [account, JSON.stringify(orders)],
  );
}

export interface FeedContext {
  db: () => pg.Pool | undefined;
  account: string;
  stationId: string;
  /** A database failure: the station works alone (the sync itself goes on). */
  failed: (error: unknown) => void;
}

/** The leader's source: FeedAMP's pages, each written through to the database. */
export function leaderSource(feedamp: OrderSource, ctx: FeedContext): OrderSource {
  return {
    async *pages(query, signal): AsyncIterable<OrderPage> {
      const { key, cursor, rest } = splitQuery(query);
      const full = !isIncremental(rest);
      let start = cursor && !cursor.startsWith(DB_CURSOR) ? cursor : undefined;
      const db = ctx.db();
      if (db && full && !start) {
        // A leader that stopped mid-way left its pages and its cursor: carry on from there.
        const state = await readState(db, ctx.account).catch((error: unknown) => {
          ctx.failed(error);
          return undefined;
        });
        if (state && state.key === key && state.cursor && !state.done) {
          start = state.cursor;
          for await (const page of databasePages(db, ctx.account, rest, undefined, signal))
            yield { ...page, nextCursor: start };
        }
      }
      const q = { ...rest, ...(start ? { cursor: start } : {}) };
      for await (const page of feedamp.pages(q, signal)) {
        const pool = ctx.db();
        if (pool) {
          try {
            await writeOrders(pool, ctx.account, page.records);
            if (full) {
              const state: SyncState = { key, cursor: page.nextCursor, done: !page.nextCursor };
              await pool.query(
                `INSERT INTO sync_state (account, state, leader) VALUES ($1, $2, $3)
                 ON CONFLICT (account) DO UPDATE SET state = $2, leader = $3, updated_at = now()`,
                [ctx.account, state, ctx.stationId],
              );
            }
            if (page.records.length || full)
              await pool.query('SELECT pg_notify($1, $2)', [ORDERS_CHANNEL, ctx.account]);
          } catch (error) {
            ctx.failed(error);
          }
        }
        yield page;
      }
    },
  };
}

/** Orders from the database matching a sync query, a page at a time in id order. */
async function* databasePages(
  db: pg.Pool,
  account: string,
  query: OrdersQuery,
  cursor: string | undefined,
  signal: AbortSignal,
): AsyncIterable<OrderPage> {
  const q = query as Record<string, string | number | undefined>;
  const states =
    typeof q.normalized_marketplace_state === 'string'
      ? q.normalized_marketplace_state.split(',')
      : null;
  const changedAfter = q.marketplace_state_changed_after ?? null;
  let after = cursor?.startsWith(DB_CURSOR) ? cursor.slice(DB_CURSOR.length) : '';
  for (;;) {
    signal.throwIfAborted();
    const { rows } = await db.query<{ order_id: string; body: OrderRecord }>(
      `SELECT order_id, body FROM orders
       WHERE account = $1 AND order_id > $2
         AND ($3::text[] IS NULL OR body->>'normalized_marketplace_state' = ANY($3))
         AND ($4::timestamptz IS NULL OR (
           body->>'marketplace_state_changed_at' ~ '^\\d{4}-\\d\\d-\\d\\dT'
           AND (body->>'marketplace_state_changed_at')::timestamptz > $4))
         AND ($5::text IS NULL OR body->>'feedamp_status' = $5)
         AND ($6::text IS NULL OR body->>'client_location_id' = $6)
         AND ($7::text IS NULL OR body->>'integration_id' = $7)
       ORDER BY order_id LIMIT ${PAGE}`,
      [
        account,
        after,
        states,
        changedAfter,
        q.feedamp_status ?? null,
        q.client_location_id ?? null,
        q.integration_id ?? null,
      ],
    );
    const last = rows.at(-1);
    const more = rows.length === PAGE && last;
    yield {
      records: rows.map((r) => r.body),
      rejected: [],
      nextCursor: more ? DB_CURSOR + last.order_id : undefined,
    };
    if (!more) return;
    after = last.order_id;
  }
}

/**
 * The other stations' source: the database. Until the account's first full sync is in the
 * database it waits, so a station never settles for a half-filled list.
 */
export function followerSource(ctx: FeedContext & { pollMs?: number }): OrderSource {
  return {
    async *pages(query, signal): AsyncIterable<OrderPage> {
      const { cursor, rest } = splitQuery(query);
      for (;;) {
        const db = ctx.db();
        if (!db) throw new Error('the warehouse database is not connected');
        const state = await readState(db, ctx.account);
        if (state?.done) break;
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ctx.pollMs ?? 1_000);
          signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), {
            once: true,
          });
        });
      }
      const db = ctx.db();
      if (!db) throw new Error('the warehouse database is not connected');
      yield* databasePages(db, ctx.account, rest, cursor, signal);
    },
  };
}
