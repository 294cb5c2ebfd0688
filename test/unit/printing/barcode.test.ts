// The print page draws Code 128 from the bars bwip-js's code128 encoder draws; a picker's scanner
// reads exactly those bars, so they must match the encoder's own bar/space widths module for module.
import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { encodeCode128 } from '../../../renderer/print/barcode';

/** The SVG path the print page should draw, built from bwip-js's raw bar/space widths. */
function referencePath(text: string): { modules: number; path: string } {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error('no symbol');
  let x = 10;
  let path = '';
  symbol.sbs.forEach((width, i) => {
    if (i % 2 === 0) path += `M${x} 0h${width}v1h-${width}z`;
    x += width;
  });
  return { modules: x + 10, path };
}

describe('Code 128 on the print page', () => {
  it.each([
    'AB12',
    'PL-TEE-BLK-S',
    '1Z999AA10123456784',
    '000123',
    '111-9999888-5555555',
    'pl-cmd-ship',
    'x',
    'Müller-7',
  ])('draws the same bars and quiet zones as the encoder for %s', async (text) => {
    expect(await encodeCode128(text)).toEqual(referencePath(text));
  });
});
