// Code 128 for print, drawn as one SVG path of bars sized in millimetres so a picker's scanner
// (and zbarimg at 200 dpi) reads them off paper. Text of 7-bit ASCII — every SKU, order number
// and wave code seen so far — is encoded by our own encoder, which draws the bars bwip-js would
// in microseconds instead of bwip-js's ~1.5 ms (a 500-order pick list has ~900 distinct codes).
// Other text needs FNC4 and goes to bwip-js, fetched the first time such text is drawn: the
// component suspends until it is there, so the page is not ready before its bars are.
import { memo, use } from 'react';
import { code128Widths, isPlainAscii } from './code128';

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

/** Each text once: a pick list repeats an order's number on every row it is on. */
const cache = new Map<string, EncodedBarcode | Promise<EncodedBarcode>>();

/** The bars for `text`; a promise while bwip-js, needed for text beyond ASCII, is fetched. */
export function encodeCode128(text: string): EncodedBarcode | Promise<EncodedBarcode> {
  let encoded = cache.get(text);
  if (!encoded) {
    encoded = isPlainAscii(text)
      ? fromWidths(text, code128Widths(text))
      : import('./bwip-code128').then(({ bwipWidths }) => fromWidths(text, bwipWidths(text)));
    cache.set(text, encoded);
  }
  return encoded;
}

/** Bars are the even entries of the widths (bar, space, bar, …). */
function fromWidths(text: string, widths: readonly number[]): EncodedBarcode {
  if (widths.length === 0) throw new Error(`No Code 128 for "${text}"`);
  let x = QUIET_MODULES;
  let path = '';
  widths.forEach((width, i) => {
    if (i % 2 === 0) path += `M${x} 0h${width}v1h-${width}z`;
    x += width;
  });
  return { modules: x + QUIET_MODULES, path };
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
  const encoded = encodeCode128(value);
  const { modules, path } = encoded instanceof Promise ? use(encoded) : encoded;
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
