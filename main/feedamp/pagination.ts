// Cursor paging for the two paged lists (orders, returns). The end of the list is not
// documented (API.md §1.7): stop on a missing or empty cursor or an empty page, and fail
// loudly on a repeated cursor instead of looping forever.
import { ResponseShapeError } from './errors.js';

export interface Page<T> {
  items: readonly T[];
  nextCursor: string | null | undefined;
}

export async function* paginate<P>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  pageOf: (page: P) => Page<unknown>,
  firstCursor: string | undefined,
  request: string,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  let cursor = firstCursor;
  if (cursor) seen.add(cursor);
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    const { items, nextCursor } = pageOf(page);
    if (!nextCursor || items.length === 0) return;
    if (seen.has(nextCursor)) {
      throw new ResponseShapeError('next_cursor', {
        request,
        detail: `FeedAMP repeated the page cursor ${JSON.stringify(nextCursor)} after ${seen.size} page(s); stopping to avoid a loop`,
      });
    }
    seen.add(nextCursor);
    cursor = nextCursor;
  }
}
