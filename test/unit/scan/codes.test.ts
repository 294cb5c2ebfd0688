import { describe, expect, it } from 'vitest';
import {
  gs1CheckDigit,
  gtinKey,
  itemCodeKeys,
  normaliseOrderNumber,
  normaliseSku,
  parseGtin,
  toGtin14,
} from '../../../common/item-codes';
import { gs1, gs1Wrong } from './check-digits';

const UPC_A = gs1('03600029145'); // 036000291452, a real UPC-A
const EAN_13 = gs1('400638133393'); // 4006381333931
const EAN_8 = gs1('9638507'); // 96385074
const GTIN_14 = gs1('1003600029145');

describe('GTIN check digits and GTIN-14 normalisation', () => {
  it('builds the test data with the published check digits', () => {
    expect([UPC_A, EAN_13, EAN_8]).toEqual(['036000291452', '4006381333931', '96385074']);
  });

  it.each([
    ['UPC-A', UPC_A, '00036000291452'],
    ['EAN-13', EAN_13, '04006381333931'],
    ['EAN-8', EAN_8, '00000096385074'],
    ['GTIN-14', GTIN_14, GTIN_14],
  ] as const)('reads a valid %s and pads it to GTIN-14', (format, code, gtin14) => {
    expect(parseGtin(code)).toEqual({ ok: true, format, gtin14 });
    expect(toGtin14(code)).toBe(gtin14);
  });

  it('matches a UPC-A scan to the EAN-13 stored on the line (same product, leading zero)', () => {
    expect(toGtin14(UPC_A)).toBe(toGtin14(`0${UPC_A}`));
    expect(itemCodeKeys(UPC_A)[0]).toBe(itemCodeKeys(`0${UPC_A}`)[0]);
  });

  it.each([
    ['UPC-A', gs1Wrong('03600029145')],
    ['EAN-13', gs1Wrong('400638133393')],
    ['EAN-8', gs1Wrong('9638507')],
    ['GTIN-14', gs1Wrong('1003600029145')],
  ])('refuses a %s with a wrong check digit instead of correcting it', (_format, code) => {
    expect(parseGtin(code)).toEqual({ ok: false, reason: 'bad-check-digit' });
    expect(toGtin14(code)).toBeNull();
  });

  it.each([
    ['12345', 'wrong-length'],
    ['1234567890', 'wrong-length'],
    ['123456789012345', 'wrong-length'],
    ['03600029145A', 'not-digits'],
    ['', 'not-digits'],
    ['0360 0029 1452', 'not-digits'],
  ])('says why %j is not a GTIN', (code, reason) => {
    expect(parseGtin(code)).toEqual({ ok: false, reason });
  });

  it('tolerates the whitespace a scanner or a person may add around a code', () => {
    expect(toGtin14(` ${UPC_A}\n`)).toBe('00036000291452');
  });

  it('computes the GS1 check digit the same way for every length', () => {
    expect(gs1CheckDigit('03600029145')).toBe(2);
    expect(gs1CheckDigit('003600029145')).toBe(2);
    expect(() => gs1CheckDigit('12a')).toThrow(RangeError);
  });
});

describe('SKU and order-number normalisation', () => {
  it.each([
    ['  sku-12 ', 'SKU-12'],
    ['Sku-12', 'SKU-12'],
    ['ＳＫＵ－１２', 'SKU-12'],
    ['ab\t', 'AB'],
  ])('compares SKU %j as %j', (raw, key) => {
    expect(normaliseSku(raw)).toBe(key);
  });

  it('compares order numbers trimmed and case-insensitively but keeps their punctuation', () => {
    expect(normaliseOrderNumber(' po-1001a ')).toBe('PO-1001A');
    expect(normaliseOrderNumber('111-9999888-55555')).not.toBe(
      normaliseOrderNumber('111999988855555'),
    );
  });

  it('gives a valid GTIN its GTIN key first and its text second', () => {
    expect(itemCodeKeys(UPC_A)).toEqual([gtinKey('00036000291452'), UPC_A]);
  });

  it('gives a SKU or a GTIN with a wrong check digit only its text key', () => {
    expect(itemCodeKeys(' acme-1 ')).toEqual(['ACME-1']);
    const wrong = gs1Wrong('03600029145');
    expect(itemCodeKeys(wrong)).toEqual([wrong]);
  });

  it('gives an empty code no key at all', () => {
    expect(itemCodeKeys('   ')).toEqual([]);
  });
});
