// Our Code 128 encoder must draw exactly the bars bwip-js draws for the same text: pick lists
// printed before and after it scan the same, and zbarimg in the end-to-end test reads both.
import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { code128Widths, isPlainAscii } from '../../../renderer/print/code128';

function bwipWidths(text: string): number[] {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error('no symbol');
  return symbol.sbs;
}

/** A small seeded generator, so a failure names a text that fails again. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function texts(): string[] {
  const next = random(7);
  const pick = (chars: string) => chars[Math.floor(next() * chars.length)]!;
  const alphabets = [
    '0123456789',
    '0123456789-',
    '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-',
    '0123456789abcdefghijklmnopqrstuvwxyz-_',
    String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)),
    '01234\u0000\u0009\u001fa~\u007fB',
  ];
  const out: string[] = [];
  for (const chars of alphabets)
    for (let n = 0; n < 300; n += 1) {
      const length = 1 + Math.floor(next() * 24);
      out.push(Array.from({ length }, () => pick(chars)).join(''));
    }
  return out;
}

describe('Code 128 encoder', () => {
  it.each([
    '',
    '12',
    '123',
    '1234',
    '12345',
    'A1234B',
    'A12345B',
    'PL-TEE-BLK-S',
    'PL-WAVE-14',
    '111-9999888-5555555',
    '109872189273610000',
    'pl-cmd-ship',
    'a\u0001b',
    'a\u0001\u0002',
    '\u0001a\u0002',
  ])('draws the bars bwip-js draws for %j', (text) => {
    expect(code128Widths(text)).toEqual(bwipWidths(text));
  });

  it('draws the bars bwip-js draws for 1,800 seeded texts of every ASCII kind', () => {
    const differ = texts().filter((t) => code128Widths(t).join('') !== bwipWidths(t).join(''));
    expect(differ).toEqual([]);
  });

  it('refuses text bwip-js refuses, and leaves text beyond ASCII to it', () => {
    expect(() => code128Widths('a'.repeat(501))).toThrow(/at most 500/);
    expect(isPlainAscii('PL-SKU-0001')).toBe(true);
    expect(isPlainAscii('Müller-7')).toBe(false);
  });
});
