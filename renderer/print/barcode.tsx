// Code 128 for print. bwip-js encodes; a recording drawing context collects the bars it draws
// (centre x and width in modules) and we emit them as one SVG path, which is ~15× faster than
// bwip-js's own SVG writer and keeps a 500-order pick list well inside its time budget. Bars are
// sized in millimetres so a picker's scanner (and zbarimg at 200 dpi) reads them off paper.
// Only the `code128` encoder is imported: bwip-js's ESM build lets the bundler drop every other
// symbology, which is most of its weight (the whole library is ~1.2 MB).
import { code128 } from 'bwip-js/browser';
import { memo } from 'react';

/** One module (narrowest bar) on paper: 0.3 mm ≈ 12 mil, standard for handheld scanners. */
const MODULE_MM = 0.3;
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
  const encoded = code128({ bcid: 'code128', text, scale: 1, height: 1 }, recordBars());
  if (encoded.modules === QUIET_MODULES * 2)
    throw new Error(`bwip-js gave no Code 128 for "${text}"`);
  cache.set(text, encoded);
  return encoded;
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
