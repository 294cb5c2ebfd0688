// Cursor paging for the two paged lists (orders, returns). The end of the list is not
// documented: stop on a missing or empty cursor or an empty page, and fail
// loudly on a repeated cursor instead of looping forever.
import { ResponseShapeError } from './errors.js';

interface Page<T> {
  items: readonly T[];
  nextCursor: string | null | undefined;
}

async function* paginate<P>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  pageOf: (page: P) => Page<unknown>,
  firstCursor: string | undefined,
  request: string,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  if (firstCursor) seen.add(firstCursor);
  let next = fetchPage(firstCursor);
  for (;;) {
    const page = await next;
    const { items, nextCursor } = pageOf(page);
    const more = !!nextCursor && items.length > 0;
    const repeated = more && seen.has(nextCursor);
    if (more && !repeated) {
      // Asked for before this page is handed over, so the next request leaves when the rate
      // budget allows while the caller is still storing this one: a first sync of 40 pages
      // then takes the budget's time, not the budget's plus 40 × the storing. A failure waits
      // until the caller asks for that page (the catch only marks it as handled until then).
      next = fetchPage(nextCursor);
      next.catch(() => undefined);
    }
    yield page;
    if (!more) return;
    if (repeated) {
      throw new ResponseShapeError('next_cursor', {
        request,
        detail: `FeedAMP repeated the page cursor ${JSON.stringify(nextCursor)} after ${seen.size} page(s); stopping to avoid a loop`,
      });
    }
    seen.add(nextCursor);
  }
}

/** Every page of a list from `query` on, asking it again with each page's next cursor. */
export function pagesOf<Q extends { cursor?: string | undefined }, P>(
  list: (query: Q) => Promise<P>,
  query: Q,
  pageOf: (page: P) => Page<unknown>,
  request: string,
): AsyncGenerator<P, void, undefined> {
  return paginate(
    (cursor) => list(cursor === undefined ? query : { ...query, cursor }),
    pageOf,
    query.cursor,
    request,
  );
}
