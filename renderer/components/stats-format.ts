// Words and numbers for the Stats screen.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const ordersWord = (n: number) => plural(n, 'order', 'orders');

/** "45 s", "3 min 12 s", "1 h 05 min": a packing time as a lead reads it. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "10:00–11:00" for local hour 10. */
export function hourRange(hour: number): string {
  const at = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return `${at(hour)}–${at(hour + 1)}`;
}

/** "2.5" mis-scans per 100 scans, one decimal; "–" before the first scan. */
export function perHundred(misScans: number, scans: number): string {
  if (scans === 0) return '–';
  return (Math.round((1000 * misScans) / scans) / 10).toFixed(1);
}

/**
 * The hours the chart shows: from the first hour with an order (or 08:00, whichever is earlier)
 * up to the hour now, so the morning's gap and the current hour are both in view.
 */
export function chartHours(ordersByHour: readonly number[], hourNow: number): number[] {
  const first = ordersByHour.findIndex((n) => n > 0);
  const from = Math.min(first === -1 ? hourNow : first, 8, hourNow);
  const to = Math.max(
    hourNow,
    ordersByHour.findLastIndex((n) => n > 0),
  );
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
