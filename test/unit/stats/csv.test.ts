// The packing log's CSV: every field comes back as written when a CSV reader parses the file
// (commas, quotes, line breaks, non-English SKUs), and nothing in it runs as a formula.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, localIsoTime, packingLogCsv } from '../../../main/station/stats/csv';
import type { ShippedRecord } from '../../../main/station/stats/records';

const pkg = (patch: Partial<ShippedRecord>): ShippedRecord => ({
  kind: 'shipped',
  at: new Date(2026, 11, 3, 10, 42, 5).toISOString(),
  orderId: '5001',
  orderNumber: 'AMZ-5001',
  entryId: 'e1',
  lines: [{ sku: 'MUG', quantity: 2 }],
  carrier: 'UPS',
  tracking: '1Z999AA10123456784',
  packer: 'Ana',
  station: 'Bench 1',
  openedAt: new Date(2026, 11, 3, 10, 40, 0).toISOString(),
  misScans: 1,
  ...patch,
});

function read(text: string): string[][] {
  const rows: string[][] = parse(text, { bom: true });
  return rows;
}

describe('the packing log CSV', () => {
  it('has the columns a lead merges on, one row per package', () => {
    const rows = read(packingLogCsv([pkg({}), pkg({ entryId: 'e2', misScans: 0 })]));
    expect(rows[0]).toEqual([
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
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      'AMZ-5001',
      '5001',
      'e1',
      'MUG × 2',
      'UPS',
      '1Z999AA10123456784',
      'Ana',
      'Bench 1',
      localIsoTime(new Date(2026, 11, 3, 10, 40, 0).toISOString()),
      localIsoTime(new Date(2026, 11, 3, 10, 42, 5).toISOString()),
      '1',
      'pack screen',
    ]);
    expect(rows[2]![2]).toBe('e2');
  });

  it('tells an imported package apart: source "csv import", no opening and no mis-scan count', () => {
    const imported = pkg({ entryId: 'e3', openedAt: undefined, misScans: 0, source: 'csv import' });
    const [header, row] = read(packingLogCsv([imported]));
    const field = (name: string) => row![header!.indexOf(name)];
    expect(field('source')).toBe('csv import');
    expect(field('opened')).toBe('');
    expect(field('mis-scans')).toBe('');
    expect(field('tracking')).toBe('1Z999AA10123456784');
  });

  it('quotes commas, quotes and line breaks so each field reads back whole', () => {
    const awkward = pkg({
      orderNumber: 'A,1',
      lines: [
        { sku: 'MUG "large"', quantity: 1 },
        { sku: 'Käse, alt', quantity: 3 },
      ],
      packer: 'Ana\nBen',
      station: ' Bench 2 ',
    });
    const text = packingLogCsv([awkward]);
    const [, row] = read(text);
    expect(row![0]).toBe('A,1');
    expect(row![3]).toBe('MUG "large" × 1; Käse, alt × 3');
    expect(row![6]).toBe('Ana\nBen');
    expect(row![7]).toBe(' Bench 2 ');
    expect(text).toContain('"MUG ""large"" × 1; Käse, alt × 3"');
  });

  it('leaves plain fields unquoted and ends lines with CRLF', () => {
    expect(csvField('UPS')).toBe('UPS');
    expect(csvField(3)).toBe('3');
    expect(csvField(undefined)).toBe('');
    expect(packingLogCsv([])).toBe(
      '\uFEFForder,order id,package,lines,carrier,tracking,packer,station,opened,shipped,mis-scans,source\r\n',
    );
  });

  it('keeps a spreadsheet from running a field as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes times with their UTC offset: the same instant on every station', () => {
    const iso = '2026-12-03T09:42:05.000Z';
    const local = localIsoTime(iso)!;
    expect(local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(new Date(local).toISOString()).toBe(iso);
  });
});
