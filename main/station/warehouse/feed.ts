// One FeedAMP sync for the account. The leader's source for each record kind (orders, returns)
// is FeedAMP's, with every page also written to the warehouse database (and where its first sync
// stands, so a new leader carries on at the same page); the other stations' source is the
// database, so the account's list budget is spent once however many stations there are.
import type pg from 'pg';
import type { SyncedPage, SyncedSource } from '../synced/sync';
import type { FeedKind } from './feed-kinds';

/** Database cursors are told apart from FeedAMP's, so a station changing role starts cleanly. */
const DB_CURSOR = 'db:';
const PAGE = 250;

interface SyncState {
  key: string;
  cursor?: string;
  done: boolean;
  /** The query the cursor continues (states written before it was kept: the key's). */
  query?: object;
}

function splitQuery<Q extends object>(
  kind: FeedKind<Q>,
  query: Q,
): { key: string; cursor?: string; rest: Q } {
  const { cursor, ...rest } = query as Q & { cursor?: string };
  const same = Object.entries(kind.sameSync(rest as Q));
  const sorted = Object.fromEntries(same.sort(([a], [b]) => a.localeCompare(b)));
  return { key: JSON.stringify(sorted), cursor, rest: rest as Q };
}

const isIncremental = (q: object) =>
  (q as { marketplace_state_changed_after?: unknown }).marketplace_state_changed_after !==
  undefined;

async function readState<Q>(
  db: pg.Pool,
  kind: FeedKind<Q>,
  account: string,
): Promise<SyncState | undefined> {
  const { rows } = await db.query<{ state: SyncState }>(
    'SELECT state FROM sync_state WHERE account = $1 AND kind = $2',
    [account, kind.name],
  );
  return rows[0]?.state;
}

/** Writes records and tells the other stations; one statement per page. */
async function writeRecords<Q>(
  db: pg.Pool,
  kind: FeedKind<Q>,
  account: string,
  records: readonly { id: string }[],
): Promise<void> {
  if (records.length === 0) return;
  const { table, idColumn } = kind;
  await db.query(
    `INSERT INTO ${table} (account, ${idColumn}, body)
     SELECT $1, r->>'id', r FROM jsonb_array_elements($2::jsonb) AS r
     ON CONFLICT (account, ${idColumn}) DO UPDATE
       SET body = EXCLUDED.body, updated_at = now()${kind.touch}
       WHERE ${table}.body IS DISTINCT FROM EXCLUDED.body`,
    [account, JSON.stringify(records)],
  );
}

export interface FeedContext {
  db: () => pg.Pool | undefined;
  account: string;
  stationId: string;
  /** A database failure: the station works alone (the sync itself goes on). */
  failed: (error: unknown) => void;
}

/** Stores one page the leader read and tells the others; a failure means working alone. */
async function storePage<Q>(
  kind: FeedKind<Q>,
  ctx: FeedContext,
  page: SyncedPage<{ id: string }>,
  state: SyncState | undefined,
): Promise<void> {
  const pool = ctx.db();
  if (!pool) return;
  try {
    await writeRecords(pool, kind, ctx.account, page.records);
    if (state)
      await pool.query(
        `INSERT INTO sync_state (account, kind, state, leader) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account, kind) DO UPDATE SET state = $3, leader = $4, updated_at = now()`,
        [ctx.account, kind.name, state, ctx.stationId],
      );
    if (page.records.length || state)
      await pool.query('SELECT pg_notify($1, $2)', [kind.channel, ctx.account]);
  } catch (error) {
    ctx.failed(error);
  }
}

/** The leader's source: FeedAMP's pages, each written through to the database. */
export function leaderSource<Q extends object, R extends { id: string }>(
  kind: FeedKind<Q>,
  feedamp: SyncedSource<Q, R>,
  ctx: FeedContext,
): SyncedSource<Q, R> {
  return {
    async *pages(query, signal): AsyncIterable<SyncedPage<R>> {
      const { key, cursor, rest } = splitQuery(kind, query);
      let from = rest;
      const full = !isIncremental(rest);
      let start = cursor && !cursor.startsWith(DB_CURSOR) ? cursor : undefined;
      const db = ctx.db();
      if (db && full && !start) {
        // A leader that stopped mid-way left its pages and its cursor: carry on from there.
        const state = await readState(db, kind, ctx.account).catch((error: unknown) => {
          ctx.failed(error);
          return undefined;
        });
        if (state && state.key === key && state.cursor && !state.done) {
          start = state.cursor;
          from = (state.query as Q | undefined) ?? rest;
          for await (const page of databasePages<Q, R>(db, kind, ctx.account, from, '', signal))
            yield { ...page, nextCursor: start };
        }
      }
      const q = { ...from, ...(start ? { cursor: start } : {}) };
      for await (const page of feedamp.pages(q, signal)) {
        const state = full
          ? { key, cursor: page.nextCursor, done: !page.nextCursor, query: from }
          : undefined;
        await storePage(kind, ctx, page, state);
        yield page;
      }
    },
  };
}

/** Records from the database matching a sync query, a page at a time in id order. */
async function* databasePages<Q, R>(
  db: pg.Pool,
  kind: FeedKind<Q>,
  account: string,
  query: Q,
  from: string,
  signal: AbortSignal,
): AsyncIterable<SyncedPage<R>> {
  const params: unknown[] = [account, from];
  const where = kind
    .conditions(query)
    .filter(([value]) => value !== undefined && value !== null)
    .map(([value, sql]) => sql(`$${params.push(value)}`));
  const { table, idColumn } = kind;
  let after = from;
  for (;;) {
    signal.throwIfAborted();
    params[1] = after;
    const { rows } = await db.query<{ id: string; body: R }>(
      `SELECT ${idColumn} AS id, body FROM ${table}
       WHERE ${['account = $1', `${idColumn} > $2`, ...where].join(' AND ')}
       ORDER BY ${idColumn} LIMIT ${PAGE}`,
      params,
    );
    const last = rows.at(-1);
    const more = rows.length === PAGE && last;
    yield {
      records: rows.map((r) => r.body),
      rejected: [],
      nextCursor: more ? DB_CURSOR + last.id : undefined,
    };
    if (!more) return;
    after = last.id;
  }
}

/**
 * The other stations' source: the database. Until the kind's first full sync is in the database
 * it waits, so a station never settles for a half-filled list.
 */
export function followerSource<Q extends object, R>(
  kind: FeedKind<Q>,
  ctx: FeedContext & { pollMs?: number },
): SyncedSource<Q, R> {
  return {
    async *pages(query, signal): AsyncIterable<SyncedPage<R>> {
      const { cursor, rest } = splitQuery(kind, query);
      for (;;) {
        const db = ctx.db();
        if (!db) throw new Error('the warehouse database is not connected');
        const state = await readState(db, kind, ctx.account);
        if (state?.done) break;
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => (clearTimeout(timer), reject(signal.reason));
          // Removed when the wait ends: one listener a second piled up on the sync's signal
          // while a station waited for the first sync (MaxListenersExceededWarning).
          const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          }, ctx.pollMs ?? 1_000);
          signal.addEventListener('abort', onAbort, { once: true });
        });
      }
      const db = ctx.db();
      if (!db) throw new Error('the warehouse database is not connected');
      const from = cursor?.startsWith(DB_CURSOR) ? cursor.slice(DB_CURSOR.length) : '';
      yield* databasePages<Q, R>(db, kind, ctx.account, rest, from, signal);
    },
  };
}
