// Item-code and order-number normalisation: the one place that decides when two codes are
// "the same code". The scan index stores the keys these functions produce and a scan is looked up
// by the same keys, so a UPC-A printed on the box finds the EAN-13 stored on the order line, and
// "sku-12 " typed by a person finds "SKU-12".
//
// Pure: no I/O, no imports from the rest of the app; main indexes by these keys and the Pack
// screen matches the open order's lines by the same ones.

type GtinFormat = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

export type GtinParse =
  | { ok: true; format: GtinFormat; gtin14: string }
  | { ok: false; reason: 'not-digits' | 'wrong-length' | 'bad-check-digit' };

const FORMAT_BY_LENGTH: Readonly<Record<number, GtinFormat>> = {
  8: 'EAN-8',
  12: 'UPC-A',
  13: 'EAN-13',
  14: 'GTIN-14',
};

/**
 * GS1 mod-10 check digit for a body of digits (the code without its last digit): weights 3,1,3,…
 * starting from the rightmost body digit. The same rule covers EAN-8, UPC-A, EAN-13, GTIN-14,
 * SSCC and USPS IMpb, which is why leading zeros never change the check digit.
 */
export function gs1CheckDigit(body: string): number {
  if (!/^\d*$/.test(body)) throw new RangeError('gs1CheckDigit takes digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Reads a scanned or typed GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) and returns it as GTIN-14, or says
 * why it is not one. A wrong check digit is refused rather than "corrected": a misread digit must
 * not silently match a different product.
 *
 * UPC-E (8 digits, compressed UPC-A) is not expanded: its 8 digits are read as EAN-8 and will
 * usually fail the check digit. Scanners are normally set to transmit UPC-E expanded to UPC-A.
 */
export function parseGtin(code: string): GtinParse {
  const digits = code.trim();
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'not-digits' };
  const format = FORMAT_BY_LENGTH[digits.length];
  if (!format) return { ok: false, reason: 'wrong-length' };
  const body = digits.slice(0, -1);
  if (gs1CheckDigit(body) !== Number(digits.slice(-1))) {
    return { ok: false, reason: 'bad-check-digit' };
  }
  return { ok: true, format, gtin14: digits.padStart(14, '0') };
}

/** The GTIN-14 form of a valid GTIN, or null when the code is not one (wrong check digit included). */
export function toGtin14(code: string): string | null {
  const parsed = parseGtin(code);
  return parsed.ok ? parsed.gtin14 : null;
}

/**
 * SKUs, aliases and other free-text item codes compare trimmed and case-insensitively. NFKC folds
 * full-width characters (a Japanese keyboard layout, some label printers) into plain ASCII.
 */
export function normaliseSku(code: string): string {
  // Plain ASCII is already in NFKC form; skipping normalize() halves the index build at start.
  const folded = /^[\x20-\x7e]*$/.test(code) ? code : code.normalize('NFKC');
  return folded.trim().toUpperCase();
}

/**
 * Order numbers (FeedAMP id, marketplace, customer and merchant numbers) compare trimmed and
 * case-insensitively, like SKUs. Punctuation is kept: "111-9999888-55555" and "111999988855555"
 * are different strings to the marketplace, and guessing would risk opening the wrong order.
 */
export function normaliseOrderNumber(code: string): string {
  return normaliseSku(code);
}

/**
 * Every index key a scanned item code may match, most specific first: the GTIN-14 form when the
 * code is a valid GTIN, then the case-folded text. The index stores the same keys for each line's
 * SKU, barcodes and learned aliases.
 */
export function itemCodeKeys(code: string): string[] {
  const text = normaliseSku(code);
  if (text === '') return [];
  const gtin = toGtin14(text);
  return gtin === null ? [text] : [gtinKey(gtin), text];
}

/**
 * GTIN keys carry a prefix so the index keeps the two kinds of key apart: "00000012345670" stored
 * as a free-text alias is not the same promise as "this is GTIN 00000012345670".
 */
export function gtinKey(gtin14: string): string {
  return `GTIN:${gtin14}`;
}
