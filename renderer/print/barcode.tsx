// Code 128 for print, drawn as one SVG path of bars sized in millimetres so a picker's scanner
// (and zbarimg at 200 dpi) reads them off paper. Text of 7-bit ASCII — every SKU, order number
// and wave code seen so far — is encoded by our own encoder, which draws the bars bwip-js would
// in microseconds instead of bwip-js's ~1.5 ms (a 500-order pick list has ~900 distinct codes).
// Other text needs FNC4 and goes to bwip-js: a recording drawing context collects the bars it
// draws. Only its `code128` encoder is imported, so the bundler drops every other symbology.
import { code128 } from 'bwip-js/browser';
import { memo } from 'react';
import { code128Widths, isPlainAscii } from './code128';

/** One module (narrowest bar) on paper: 0.3 mm ≈ 12 mil, standard for handheld scanners. */
export const MODULE_MM = 0.3;
/** Code 128 wants ten modules of white either side. */
const QUIET_MODULES = 10;

export interface EncodedBarcode {
  /** Width in modules, quiet zones included. */
  modules: number;
  /** SVG path of the bars in a viewBox of `modules` × 1. */
  path: string;
}

const cache = new Map<string, EncodedBarcode>();

export function encodeCode128(text: string): EncodedBarcode {
  const hit = cache.get(text);
  if (hit) return hit;
  const encoded = isPlainAscii(text)
    ? fromWidths(code128Widths(text))
    : code128({ bcid: 'code128', text, scale: 1, height: 1 }, recordBars());
  if (encoded.modules === QUIET_MODULES * 2)
    throw new Error(`bwip-js gave no Code 128 for "${text}"`);
  cache.set(text, encoded);
  return encoded;
}

/** Bars are the even entries of the widths (bar, space, bar, …). */
function fromWidths(widths: readonly number[]): EncodedBarcode {
  let x = QUIET_MODULES;
  let path = '';
  widths.forEach((width, i) => {
    if (i % 2 === 0) path += `M${x} 0h${width}v1h-${width}z`;
    x += width;
  });
  return { modules: x + QUIET_MODULES, path };
}

/**
 * A bwip-js drawing context that only records bars. At scale 1 bwip-js draws each bar as a
 * vertical line centred on x with the bar's width in modules, so its left edge is
 * floor(x − width / 2) (checked against the encoder's raw bar/space widths in the unit test).
 */
function recordBars() {
  let path = '';
  let right = 0;
  const ignore = () => undefined;
  return {
    setopts: ignore,
    scale: (): [number, number] | null => null,
    measure: () => ({ width: 0, ascent: 0, descent: 0 }),
    init: ignore,
    line(x0: number, _y0: number, _x1: number, _y1: number, width: number) {
      const left = Math.floor(x0 - width / 2);
      path += `M${left + QUIET_MODULES} 0h${width}v1h-${width}z`;
      right = Math.max(right, left + width);
    },
    polygon: ignore,
    hexagon: ignore,
    ellipse: ignore,
    fill: ignore,
    text: ignore,
    end: (): EncodedBarcode => ({ modules: right + QUIET_MODULES * 2, path }),
  };
}

export const Barcode = memo(function Barcode({
  value,
  heightMm = 9,
  label,
}: {
  value: string;
  heightMm?: number;
  /** Printed under the bars; the value itself when not given. */
  label?: string | false;
}) {
  const { modules, path } = encodeCode128(value);
  return (
    <figure className="barcode" data-barcode={value}>
      <svg
        viewBox={`0 0 ${modules} 1`}
        preserveAspectRatio="none"
        style={{ width: `${modules * MODULE_MM}mm`, height: `${heightMm}mm` }}
        role="img"
        aria-label={`Barcode ${value}`}
      >
        <path d={path} fill="#000" shapeRendering="crispEdges" />
      </svg>
      {label !== false && <figcaption>{label ?? value}</figcaption>}
    </figure>
  );
});
