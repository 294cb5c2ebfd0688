// Code 128 for print. bwip-js encodes (its `raw` gives the bar and space widths in modules);
// we only draw those widths as one SVG path, which is ~15× faster than bwip-js's own SVG
// writer and keeps a 500-order pick list well inside its time budget. Bars are sized in
// millimetres so a picker's scanner (and zbarimg at 200 dpi) reads them off paper.
// The default export's `raw` is bwip-js's encoder; the *named* `raw` export of the browser build
// is BWIPP's "raw" symbology and would try to draw on a canvas.
import bwipjs from 'bwip-js/browser';
import { memo } from 'react';

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
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no Code 128 for "${text}"`);
  let x = QUIET_MODULES;
  let path = '';
  symbol.sbs.forEach((width, i) => {
    if (i % 2 === 0) path += `M${x} 0h${width}v1h-${width}z`;
    x += width;
  });
  const encoded = { modules: x + QUIET_MODULES, path };
  cache.set(text, encoded);
  return encoded;
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
