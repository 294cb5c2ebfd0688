import { describe, expect, it } from 'vitest';
import { count, currencyDecimals, money, PACKAGE, units } from '../../../common/format';

// What a packer or a seller reads: counts with the right plural, amounts in the currency's own
// decimals. These feed packing sentences, outbox lines and refund refusals alike.

describe('counts', () => {
  it.each([
    [0, '0 units'],
    [1, '1 unit'],
    [2, '2 units'],
    [12, '12 units'],
  ])('%i reads "%s"', (n, text) => {
    expect(units(n)).toBe(text);
  });

  it('counts other nouns the same way', () => {
    expect(count(1, PACKAGE)).toBe('1 package');
    expect(count(3, PACKAGE)).toBe('3 packages');
  });
});

describe('money', () => {
  it.each<[number, string | null | undefined, string]>([
    [12.5, 'USD', 'USD 12.50'],
    [1200, 'JPY', 'JPY 1200'],
    [1234.5, 'EUR', 'EUR 1234.50'],
    [1.2345, 'BHD', 'BHD 1.235'],
    [12.5, 'usd', 'USD 12.50'],
    [12.5, undefined, '12.50'],
    [12.5, 'POINTS', 'POINTS 12.50'],
  ])('%d %s reads "%s"', (amount, currency, text) => {
    expect(money(amount, currency)).toBe(text);
  });

  it('knows how many decimals a currency is counted in', () => {
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals(undefined)).toBe(2);
  });
});
