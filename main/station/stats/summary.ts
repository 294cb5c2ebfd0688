// The day's numbers from the packing log, in the station's local time: "today" runs from local
// midnight to the next, "this week" from Monday's midnight. Pure, so tests set the clock.
import type { ScanCounts, StatsSummary } from '../../../preload/api/stats';
import type { PackingRecord, ShippedRecord } from './records';

/** Local midnight starting the day `now` falls in. */
export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Local midnight of the Monday starting `now`'s week. */
function startOfLocalWeek(now: Date): Date {
  const day = startOfLocalDay(now);
  const sinceMonday = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - sinceMonday);
}

/** YYYY-MM-DD in local time. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The records that happened in [from, to). */
export function between<R extends PackingRecord>(records: readonly R[], from: Date, to: Date): R[] {
  const start = from.getTime();
  const end = to.getTime();
  return records.filter((r) => {
    const t = Date.parse(r.at);
    return t >= start && t < end;
  });
}

/** Milliseconds from opening the order to queuing the package, when both are known. */
function openToShipMs(record: ShippedRecord): number | undefined {
  if (!record.openedAt) return undefined;
  const ms = Date.parse(record.at) - Date.parse(record.openedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function average(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) return undefined;
  return known.reduce((n, v) => n + v, 0) / known.length;
}

const unitsOf = (r: ShippedRecord) => r.lines.reduce((n, l) => n + l.quantity, 0);

function period(shipped: readonly ShippedRecord[]) {
  return {
    orders: new Set(shipped.map((r) => r.orderId)).size,
    packages: shipped.length,
    units: shipped.reduce((n, r) => n + unitsOf(r), 0),
  };
}

function scanCounts(scans: readonly Extract<PackingRecord, { kind: 'scan' }>[]): ScanCounts {
  const of = (outcome: string) => scans.filter((s) => s.outcome === outcome).length;
  const wrongItem = of('wrong-item');
  const overScan = of('over-scan');
  const notUnderstood = of('not-understood');
  return {
    // An over-scan record is a verdict on a scan main already counted, not a scan of its own.
    scans: scans.length - overScan,
    misScans: wrongItem + overScan + notUnderstood,
    wrongItem,
    overScan,
    notUnderstood,
  };
}

const isShipped = (r: PackingRecord): r is ShippedRecord => r.kind === 'shipped';
const isScan = (r: PackingRecord): r is Extract<PackingRecord, { kind: 'scan' }> =>
  r.kind === 'scan';
const isCancelled = (r: PackingRecord): r is Extract<PackingRecord, { kind: 'cancelled' }> =>
  r.kind === 'cancelled';

export function summarise(records: readonly PackingRecord[], now: Date): StatsSummary {
  const dayStart = startOfLocalDay(now);
  const dayEnd = new Date(dayStart.getFullYear(), dayStart.getMonth(), dayStart.getDate() + 1);
  const weekStart = startOfLocalWeek(now);
  const today = between(records, dayStart, dayEnd);
  const shippedToday = today.filter(isShipped);
  const scansToday = today.filter(isScan);

  const byHour = Array.from({ length: 24 }, () => new Set<string>());
  for (const r of shippedToday) byHour[new Date(r.at).getHours()]!.add(r.orderId);

  const reasons = new Map<string, { count: number; units: number }>();
  for (const c of today.filter(isCancelled)) {
    const had = reasons.get(c.reason) ?? { count: 0, units: 0 };
    reasons.set(c.reason, { count: had.count + 1, units: had.units + c.units });
  }

  // A packer's row counts what they packed at the bench: a package imported by CSV is the
  // station's, not the work of whoever happened to be signed in when it was imported.
  const packedToday = shippedToday.filter((r) => !r.source);
  const packerNames = new Set(
    [...packedToday, ...scansToday].map((r) => r.packer).filter((p): p is string => !!p),
  );
  const packers = [...packerNames].sort().map((packer) => {
    const shipped = packedToday.filter((r) => r.packer === packer);
    const counts = scanCounts(scansToday.filter((s) => s.packer === packer));
    return {
      packer,
      ...period(shipped),
      averageOpenToShipMs: average(shipped.map(openToShipMs)),
      scans: counts.scans,
      misScans: counts.misScans,
    };
  });

  return {
    day: localDate(dayStart),
    weekStarts: localDate(weekStart),
    hourNow: now.getHours(),
    today: period(shippedToday),
    week: period(between(records, weekStart, dayEnd).filter(isShipped)),
    ordersByHour: byHour.map((orders) => orders.size),
    averageOpenToShipMs: average(shippedToday.map(openToShipMs)),
    scans: scanCounts(scansToday),
    cancellations: [...reasons]
      .map(([reason, n]) => ({ reason, ...n }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    packers,
  };
}
