// FeedAMP ids are 18-digit strings (e.g. "109872189273617283"), beyond 2^53, so they are
// produced and compared as strings/BigInt and never as JS numbers. One increasing sequence
// serves every kind of record: ordering by id is ordering by creation, which is what makes
// cursor paging stable (see paging.ts).

export const FIRST_ID = '109872189273600000';

/** A deterministic gap (1..997) so ids look scattered yet replay identically. */
function gapAfter(id: bigint): bigint {
  const x = Number(id % 1_000_003n);
  return BigInt(1 + ((x * 7919 + 104729) % 997));
}

export function idAfter(lastId: string): string {
  const last = BigInt(lastId);
  return String(last + gapAfter(last));
}

/** Ids are all 18 digits, but compare by length first so a foreign value cannot mislead. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
