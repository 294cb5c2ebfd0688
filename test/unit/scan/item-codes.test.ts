// Learned item codes: what a scan of a learned code stands for (one unit or a case), the list
// Settings shows, the GTIN-14 packaging indicator, and settings files written before cases.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { gs1CheckDigit } from '../../../common/item-codes';
import {
  findLearned,
  innerItemOfCase,
  learnedCodes,
  withLearned,
  withoutLearned,
  type LearnedStore,
} from '../../../main/station/scan/item-codes';
import { SettingsService } from '../../../main/station/settings';

const EMPTY: LearnedStore = { aliases: {}, aliasUnits: {} };
const withCheck = (body: string) => `${body}${gs1CheckDigit(body)}`;
const UPC = withCheck('01234567890'); // UPC-A of an item: 012345678905

describe('learned item codes', () => {
  it('a plain alias is one unit; a case code stands for its units', () => {
    const store = withLearned(EMPTY, [
      { code: 'mug-alias', sku: 'MUG', units: 1 },
      { code: 'CASE-12', sku: 'MUG', units: 12 },
    ]);
    expect(findLearned(store, ' Mug-Alias ')).toEqual({ code: 'MUG-ALIAS', sku: 'MUG', units: 1 });
    expect(findLearned(store, 'case-12')).toEqual({ code: 'CASE-12', sku: 'MUG', units: 12 });
    expect(findLearned(store, 'CASE-6')).toBeUndefined();
    // One unit needs no entry: files read the same with or without it.
    expect(store.aliasUnits).toEqual({ 'CASE-12': 12 });
  });

  it('a learned GTIN is found in any GTIN form and listed once', () => {
    const store = withLearned(EMPTY, [{ code: UPC, sku: 'MUG', units: 6 }]);
    expect(findLearned(store, `0${UPC}`)).toMatchObject({ sku: 'MUG', units: 6 });
    expect(findLearned(store, `00${UPC}`)).toMatchObject({ sku: 'MUG', units: 6 });
    expect(learnedCodes(store)).toEqual([{ code: UPC, sku: 'MUG', units: 6 }]);
    expect(withoutLearned(store, UPC)).toEqual(EMPTY);
  });

  it('an alias map from before cases lists every code once, each one unit', () => {
    // What learnAlias wrote before cases: the text and, for a GTIN, its GTIN-14 key.
    const old: LearnedStore = {
      aliases: { [UPC]: 'MUG', [`GTIN:00${UPC}`]: 'MUG', 'ZX-1': 'TEE' },
      aliasUnits: {},
    };
    expect(learnedCodes(old)).toEqual([
      { code: UPC, sku: 'MUG', units: 1 },
      { code: 'ZX-1', sku: 'TEE', units: 1 },
    ]);
  });

  it('changing the units of a code replaces it under every key', () => {
    const store = withLearned(EMPTY, [{ code: UPC, sku: 'MUG', units: 6 }]);
    const changed = withLearned(store, [{ code: UPC, sku: 'MUG', units: 12 }]);
    expect(findLearned(changed, `00${UPC}`)?.units).toBe(12);
    expect(
      findLearned(withLearned(changed, [{ code: UPC, sku: 'MUG', units: 1 }]), UPC)?.units,
    ).toBe(1);
  });
});

describe('a GTIN-14 case (packaging indicator 1–8)', () => {
  const item14 = `00${UPC}`;
  it.each(['1', '2', '5', '8'])(
    'indicator %s wraps the item with the check digit recomputed',
    (i) => {
      const caseCode = withCheck(`${i}${item14.slice(1, 13)}`);
      expect(caseCode).not.toBe(item14);
      expect(innerItemOfCase(caseCode)).toBe(item14);
    },
  );

  it.each([
    ['the item itself (indicator 0)', item14],
    ['a variable measure item (indicator 9)', withCheck(`9${item14.slice(1, 13)}`)],
    [
      'a wrong check digit',
      `1${item14.slice(1, 13)}${(gs1CheckDigit(`1${item14.slice(1, 13)}`) + 1) % 10}`,
    ],
    ['a 13-digit EAN', item14.slice(1)],
    ['text', 'CASE-OF-SIX'],
  ])('is not a case: %s', (_why, code) => {
    expect(innerItemOfCase(code)).toBeNull();
  });
});

describe('settings files and learned codes', () => {
  function settingsFrom(stored: object) {
    const dir = mkdtempSync(join(tmpdir(), 'packline-codes-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(stored));
    return { settings: new SettingsService(dir, silentLogger), dir };
  }

  it('a file written before cases keeps its aliases, each one unit', () => {
    const { settings } = settingsFrom({ stationName: 'Bench 2', aliases: { 'ZX-1': 'MUG' } });
    expect(settings.get().aliases).toEqual({ 'ZX-1': 'MUG' });
    expect(settings.get().aliasUnits).toEqual({});
    expect(findLearned(settings.get(), 'zx-1')).toEqual({ code: 'ZX-1', sku: 'MUG', units: 1 });
    expect(settings.get().stationName).toBe('Bench 2');
  });

  it('a bad units entry is dropped alone; the rest is kept and saved back', () => {
    const { settings, dir } = settingsFrom({
      aliases: { 'CASE-6': 'MUG', 'CASE-X': 'TEE' },
      aliasUnits: { 'CASE-6': 6, 'CASE-X': 'twelve' },
    });
    expect(settings.get().aliasUnits).toEqual({ 'CASE-6': 6 });
    expect(findLearned(settings.get(), 'CASE-X')?.units).toBe(1);
    const saved = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      aliasUnits: unknown;
    };
    expect(saved.aliasUnits).toEqual({ 'CASE-6': 6 });
  });
});
