// Cursor paging over records kept sorted by id. Ids only ever grow, so "everything after the
// last id you saw" is stable while orders change underneath: a record that matches the filter
// all along is returned exactly once, whatever else happens between pages.
import { compareIds } from './ids';
import { badRequest } from './http';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

function encodeCursor(kind: string, lastId: string): string {
  return Buffer.from(`${kind}:${lastId}`, 'utf8').toString('base64url');
}

function decodeCursor(kind: string, cursor: string | null): string | undefined {
  if (cursor === null || cursor === '') return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [cursorKind, lastId] = decoded.split(':');
  if (cursorKind !== kind || !lastId || !/^\d+$/.test(lastId)) {
    throw badRequest('cursor is not a next_cursor value this endpoint returned.');
  }
  return lastId;
}

function firstIndexAfter<T extends { id: string }>(sorted: readonly T[], lastId: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = sorted[mid];
    if (item && compareIds(item.id, lastId) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The last page carries no `next_cursor` key at all (the reference leaves the end marker
 * undocumented; omitting it keeps `next_cursor` a string whenever present). A page is only
 * given a cursor when at least one more matching record exists, so clients never fetch an
 * empty trailing page.
 */
export function pageAfter<T extends { id: string }>(
  sorted: readonly T[],
  kind: string,
  cursor: string | null,
  limit: number,
  matches: (item: T) => boolean,
): Page<T> {
  const lastId = decodeCursor(kind, cursor);
  const start = lastId === undefined ? 0 : firstIndexAfter(sorted, lastId);
  const items: T[] = [];
  for (let i = start; i < sorted.length; i += 1) {
    const item = sorted[i];
    if (!item || !matches(item)) continue;
    if (items.length === limit) {
      const last = items[items.length - 1];
      return { items, nextCursor: last ? encodeCursor(kind, last.id) : undefined };
    }
    items.push(item);
  }
  return { items };
}
