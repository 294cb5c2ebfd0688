import { FILTER_DATE_TIME } from '../../common/feedamp-enums';

// FeedAMP's V2 examples render date-times with a numeric offset (e.g. -05:00). The sandbox
// answers in a fixed US-Eastern-like offset rather than UTC so clients are forced to parse
// offsets instead of assuming `Z`. Whole seconds only: what a client reads back can be fed
// straight into a `*_after` filter, which forbids fractional seconds.
const RESPONSE_OFFSET_MINUTES = -5 * 60;

const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function truncateToSecond(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}

/** RFC 3339 with a numeric offset, whole seconds. */
export function formatDateTime(ms: number, offsetMinutes = RESPONSE_OFFSET_MINUTES): string {
  const shifted = new Date(truncateToSecond(ms) + offsetMinutes * MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the form the Order Source API uses in bodies. */
export function formatUtcDateTime(ms: number): string {
  return new Date(truncateToSecond(ms)).toISOString().replace('.000Z', 'Z');
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Parses RFC 3339 with an offset (fractions allowed), rejecting impossible calendar values
 * such as Feb 30 that Date.parse would silently roll over.
 */
export function parseRfc3339(value: string): number | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, ...number[]];
  if (mo === undefined || d === undefined || h === undefined || mi === undefined || s === undefined)
    return undefined;
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(Number(y), mo, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) return undefined;
  const offset = m[8] ?? 'Z';
  if (offset.toUpperCase() !== 'Z') {
    const [oh, om] = offset.slice(1).split(':').map(Number);
    if (oh === undefined || om === undefined || oh > 23 || om > 59) return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A `*_after` / `*_before` query filter: offset required, fractional seconds refused. */
export function parseFilterDateTime(value: string): number | undefined {
  if (!FILTER_DATE_TIME.test(value)) return undefined;
  return parseRfc3339(value);
}
