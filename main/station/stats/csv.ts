// The day's packing log as CSV (RFC 4180): one row per package, so a lead can put several
// stations' files together; the last column says whether it was packed on the Pack screen or
// imported by CSV. Times carry their UTC offset, so files from stations in different
// time zones (or either side of a clock change) still sort and merge right.
import type { ShippedRecord } from './records';

const PACKING_LOG_COLUMNS = [
  'order',
  'order id',
  'package',
  'lines',
  'carrier',
  'tracking',
  'packer',
  'station',
  'opened',
  'shipped',
  'mis-scans',
  'source',
] as const;

/**
 * One field, quoted when it must be: commas, quotes and line breaks stay inside the field. A
 * field a spreadsheet would run as a formula (=, +, -, @ first — order data comes from
 * marketplaces, not from us) gets a leading apostrophe, so opening the file runs nothing.
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(fields: readonly (string | number | undefined)[]): string {
  return fields.map(csvField).join(',');
}

/** 2026-12-03T10:42:05+01:00: local wall time, with the offset that makes it one instant. */
export function localIsoTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** "MUG × 2; CUP × 1": every line of the package in one field. */
function linesField(lines: ShippedRecord['lines']): string {
  return lines.map((l) => `${l.sku} × ${l.quantity}`).join('; ');
}

/**
 * The file: a byte-order mark (so spreadsheets read the × and non-English SKUs as UTF-8), a
 * header row, one row per package in the order they were queued, CRLF line ends.
 */
export function packingLogCsv(packages: readonly ShippedRecord[]): string {
  const rows = [
    csvRow(PACKING_LOG_COLUMNS),
    ...packages.map((p) =>
      csvRow([
        p.orderNumber,
        p.orderId,
        p.entryId,
        linesField(p.lines),
        p.carrier,
        p.tracking,
        p.packer,
        p.station,
        localIsoTime(p.openedAt),
        localIsoTime(p.at),
        // Nobody scanned an imported package: no count, rather than a count of none.
        p.source ? undefined : p.misScans,
        p.source ?? 'pack screen',
      ]),
    ),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
