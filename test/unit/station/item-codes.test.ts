// Settings → Item codes in main: the list, units changed, a code removed, and the file carried
// to another station — a bad row names its row and changes nothing; duplicates replace, counted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemCodesHandlers } from '../../../main/bridge/handlers/item-codes';
import { silentLogger } from '../../../main/log';
import { ItemCodesService } from '../../../main/station/item-codes/service';
import { findLearned } from '../../../main/station/scan/item-codes';
import { SettingsService } from '../../../main/station/settings';

const NOW = new Date(2026, 11, 3, 9, 5);

function station() {
  const settings = new SettingsService(mkdtempSync(join(tmpdir(), 'packline-ic-')), silentLogger);
  return { settings, codes: new ItemCodesService(settings, () => NOW) };
}

function learned(settings: SettingsService) {
  settings.update({
    aliases: { 'ZX-1': 'MUG', '012345678905': 'TEE', 'GTIN:00012345678905': 'TEE' },
    aliasUnits: { '012345678905': 6, 'GTIN:00012345678905': 6 },
  });
}

const file = (codes: unknown[]) => JSON.stringify({ kind: 'packline-item-codes', codes });

describe('item codes in Settings', () => {
  it('lists every learned code once with its SKU and units', () => {
    const { settings, codes } = station();
    learned(settings);
    expect(codes.list()).toEqual([
      { code: '012345678905', sku: 'TEE', units: 6 },
      { code: 'ZX-1', sku: 'MUG', units: 1 },
    ]);
  });

  it('changes the units of a code and removes a code, under every key it is scanned by', () => {
    const { settings, codes } = station();
    learned(settings);
    codes.setUnits('012345678905', 12);
    expect(findLearned(settings.get(), '0012345678905')?.units).toBe(12);
    codes.remove('012345678905');
    expect(findLearned(settings.get(), '00012345678905')).toBeUndefined();
    expect(codes.list()).toEqual([{ code: 'ZX-1', sku: 'MUG', units: 1 }]);
    expect(() => codes.remove('012345678905')).toThrow(/no longer a learned code/);
  });

  it('exports a file that imports on another station as the same list', () => {
    const { settings, codes } = station();
    learned(settings);
    const exported = codes.exportFile();
    expect(exported.fileName).toBe('packline-item-codes-2026-12-03-0905.json');
    expect(exported.count).toBe(2);
    const other = station();
    expect(other.codes.import(exported.text)).toMatchObject({ added: 2, replaced: 0 });
    expect(other.codes.list()).toEqual(codes.list());
    expect(findLearned(other.settings.get(), '00012345678905')?.units).toBe(6);
  });

  it('a duplicate replaces the code already here, and says how many did', () => {
    const { settings, codes } = station();
    learned(settings);
    const result = codes.import(
      file([
        { code: 'zx-1', sku: 'MUG', units: 4 },
        { code: 'NEW-1', sku: 'HAT', extra: 'ignored' },
      ]),
    );
    expect(result).toMatchObject({ added: 1, replaced: 1 });
    expect(findLearned(settings.get(), 'ZX-1')?.units).toBe(4);
    expect(findLearned(settings.get(), 'NEW-1')).toEqual({ code: 'NEW-1', sku: 'HAT', units: 1 });
  });

  it.each([
    [
      [
        { code: 'A-1', sku: 'MUG', units: 2 },
        { code: 'B-1', sku: 'MUG', units: 0 },
      ],
      /^Row 2 has units that are not a whole number from 1 to 9999 — nothing was imported\.$/,
    ],
    [
      [
        { code: 'A-1', sku: 'MUG' },
        { code: 'B-1', sku: 'MUG', units: 2.5 },
      ],
      /^Row 2 has units/,
    ],
    [[{ code: '', sku: 'MUG' }], /^Row 1 has no code/],
    [[{ code: 'A-1' }], /^Row 1 has no SKU/],
    [['A-1,MUG,6'], /^Row 1 is not a code, SKU and units/],
  ])('a bad row is named and nothing changes (%#)', (rows, said) => {
    const { settings, codes } = station();
    learned(settings);
    const before = JSON.stringify(settings.get());
    expect(() => codes.import(file(rows))).toThrow(said);
    expect(JSON.stringify(settings.get())).toBe(before);
  });

  it.each([
    ['not JSON', 'code,sku\nA,B', /not an item codes file \(it is not JSON\)/],
    ['no list', '{"kind":"packline-item-codes"}', /has no list of item codes/],
  ])('a file that is %s is refused in a sentence', (_what, text, said) => {
    const { codes } = station();
    expect(() => codes.import(text)).toThrow(said);
  });

  it('the desktop app saves the export through its save dialog; a cancelled dialog saves nothing', async () => {
    const { settings, codes } = station();
    learned(settings);
    const saved: { name: string; text: string }[] = [];
    const desktop = itemCodesHandlers(codes, (name, text) => {
      saved.push({ name, text });
      return Promise.resolve(`/home/ann/${name}`);
    });
    await expect(desktop['itemCodes.export']({})).resolves.toMatchObject({
      count: 2,
      savedTo: '/home/ann/packline-item-codes-2026-12-03-0905.json',
    });
    expect(saved).toHaveLength(1);
    const cancelled = itemCodesHandlers(codes, () => Promise.resolve(undefined));
    await expect(cancelled['itemCodes.export']({})).resolves.toMatchObject({ cancelled: true });
    // Browser mode: no dialog, the page downloads the text.
    const browser = itemCodesHandlers(codes);
    const file = await browser['itemCodes.export']({});
    expect(file).not.toHaveProperty('savedTo');
    expect(JSON.parse(file.text)).toMatchObject({ codes: codes.list() });
  });
});
