// One date and time style for every sentence and table on the station, in the station's own
// locale and time zone: a packer never reads an RFC 3339 stamp.
// The clock is always two-digit 24-hour ("09:05", "21:35"): the station has shown it so since the
// first release and packers compare it with the outbox's times; the locale orders the date.
const CLOCK = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  ...CLOCK,
});
const TIME = new Intl.DateTimeFormat(undefined, CLOCK);
const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function valid(at: string | number | Date): Date | undefined {
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "2 Dec 2026, 15:31" (or the locale's own order); the raw text when it is not a date. */
export function dateTime(at: string | number | Date): string {
  const d = valid(at);
  return d ? DATE_TIME.format(d) : String(at);
}

/** "15:31" when it is today, else the date and time. */
export function whenShort(at: string | number | Date, now: Date = new Date()): string {
  const d = valid(at);
  if (!d) return String(at);
  return DAY.format(d) === DAY.format(now) ? TIME.format(d) : DATE_TIME.format(d);
}
