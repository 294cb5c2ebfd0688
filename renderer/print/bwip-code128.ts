// Code 128 for text beyond 7-bit ASCII (it needs FNC4, which our own encoder leaves out): bwip-js
// encodes it. A separate chunk, loaded only when a document has such text — bwip-js's code128
// is about a third of the print page's JavaScript and most pages never need it.
import { code128 } from 'bwip-js/browser';

/** Bar and space widths in modules, bar first, as bwip-js draws them (no quiet zones). */
export function bwipWidths(text: string): number[] {
  const bars: { left: number; width: number }[] = [];
  code128({ bcid: 'code128', text, scale: 1, height: 1 }, recordBars(bars));
  const widths: number[] = [];
  let x = 0;
  for (const { left, width } of bars.sort((a, b) => a.left - b.left)) {
    if (widths.length > 0) widths.push(left - x);
    widths.push(width);
    x = left + width;
  }
  return widths;
}

/**
 * A bwip-js drawing context that only records bars. At scale 1 bwip-js draws each bar as a
 * vertical line centred on x with the bar's width in modules, so its left edge is
 * floor(x − width / 2) (checked against the encoder's raw bar/space widths in the unit test).
 */
function recordBars(bars: { left: number; width: number }[]) {
  const ignore = () => undefined;
  return {
    setopts: ignore,
    scale: (): [number, number] | null => null,
    measure: () => ({ width: 0, ascent: 0, descent: 0 }),
    init: ignore,
    line(x0: number, _y0: number, _x1: number, _y1: number, width: number) {
      bars.push({ left: Math.floor(x0 - width / 2), width });
    },
    polygon: ignore,
    hexagon: ignore,
    ellipse: ignore,
    fill: ignore,
    text: ignore,
    end: ignore,
  };
}
