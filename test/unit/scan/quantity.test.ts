import { describe, expect, it } from 'vitest';
import { isQuantityKey, parseQuantity } from '../../../renderer/scan/quantity';

describe('a quantity typed after a scan', () => {
  it.each([
    ['×6', 6],
    ['x6', 6],
    ['X12', 12],
    ['*6', 6],
    ['6', 6],
    [' × 6 ', 6],
    ['x06', 6],
    ['＊６', 6],
    ['9999', 9999],
  ])('reads %j as %i units', (text, quantity) => {
    expect(parseQuantity(text)).toEqual({ kind: 'quantity', quantity });
  });

  it.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['×', { kind: 'partial' }],
    ['x', { kind: 'partial' }],
    ['×0', { kind: 'invalid', reason: 'zero' }],
    ['10000', { kind: 'invalid', reason: 'too-large' }],
    ['×-2', { kind: 'invalid', reason: 'not-a-number' }],
    ['×2.5', { kind: 'invalid', reason: 'not-a-number' }],
    ['6x', { kind: 'invalid', reason: 'not-a-number' }],
    ['abc', { kind: 'invalid', reason: 'not-a-number' }],
  ])('reads %j as %o', (text, result) => {
    expect(parseQuantity(text)).toEqual(result);
  });

  it('honours a smaller maximum', () => {
    expect(parseQuantity('×13', { max: 12 })).toEqual({ kind: 'invalid', reason: 'too-large' });
  });

  it.each([
    ['6', '', true],
    ['6', '×1', true],
    ['×', '', true],
    ['x', '', true],
    ['x', '×', false],
    ['a', '', false],
    ['Enter', '', false],
  ])('treats key %j after %j as part of a quantity: %s', (key, sofar, yes) => {
    expect(isQuantityKey(key, sofar)).toBe(yes);
  });
});
