// FeedAMP date-times: RFC 3339 with a numeric offset and no fractional seconds on the way out
// (whether `Z` is accepted is not documented, so UTC is written `+00:00`);
// anything RFC 3339-like on the way in.

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2024-06-15T14:30:00+00:00` for a Date (fractional seconds dropped, not rounded up). */
export function formatDateTime(value: Date | string): string {
  if (typeof value === 'string') return normalizeDateTimeString(value);
  if (Number.isNaN(value.getTime())) throw new RangeError('Invalid Date');
  return (
    `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` +
    `T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}+00:00`
  );
}

/** Keeps the caller's offset, drops fractional seconds and writes `Z` as `+00:00`. */
function normalizeDateTimeString(value: string): string {
  const m = RFC3339.exec(value.trim());
  if (!m) throw new RangeError(`not an RFC 3339 date-time with offset: ${value}`);
  const [, day, time, , zone] = m;
  let offset = zone!.toUpperCase() === 'Z' ? '+00:00' : zone!;
  if (offset.length === 5) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  return `${day}T${time}${offset}`;
}

export function isSendableDateTime(value: string): boolean {
  return RFC3339.test(value.trim());
}

/**
 * Lenient reading of a date-time from a response: RFC 3339 with any offset, `Z`, fractional
 * seconds, a space instead of `T`, or an offset without a colon. A value with no zone is
 * read as UTC (v1 pages say times are UTC). Returns undefined for anything unreadable.
 */
export function parseDateTime(value: string | null | undefined): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let text = value.trim().replace(' ', 'T');
  text = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text += 'Z';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += 'T00:00:00Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
