// A quantity typed after a scan: "×6", "x6", "*6", or just "6". Pure.
//
// Meaning: the quantity is the total for the scanned line in this box ("scan, ×6" packs six, not
// seven), which is what a packer holding a case of six expects. Applying it is packing math's
// setInBox; this module only reads what was typed.

/** Keys that start a quantity: the multiplication sign and its keyboard stand-ins. */
const QUANTITY_PREFIXES: readonly string[] = ['×', 'x', 'X', '*'];

export type QuantityParse =
  /** Nothing typed yet. */
  | { kind: 'empty' }
  /** A prefix without digits yet ("×"): keep listening. */
  | { kind: 'partial' }
  | { kind: 'quantity'; quantity: number }
  | { kind: 'invalid'; reason: 'not-a-number' | 'zero' | 'too-large' };

export interface QuantityOptions {
  /** Largest quantity accepted; bigger is a slip of the finger, not a case size. Default 9999. */
  readonly max?: number;
}

/**
 * Reads what the packer typed after a scan. Full-width digits and "＊" (some keyboard layouts)
 * are folded to ASCII; spaces around the sign are ignored.
 */
export function parseQuantity(text: string, options: QuantityOptions = {}): QuantityParse {
  const max = options.max ?? 9999;
  const folded = text.normalize('NFKC').trim();
  if (folded === '') return { kind: 'empty' };
  const match = /^([×xX*])?\s*(\d*)$/.exec(folded);
  if (!match) return { kind: 'invalid', reason: 'not-a-number' };
  const digits = match[2] ?? '';
  if (digits === '') return match[1] ? { kind: 'partial' } : { kind: 'empty' };
  const quantity = Number(digits);
  if (quantity === 0) return { kind: 'invalid', reason: 'zero' };
  if (quantity > max) return { kind: 'invalid', reason: 'too-large' };
  return { kind: 'quantity', quantity };
}

/**
 * Does this key (KeyboardEvent.key) belong to a quantity being typed after `sofar`? A prefix only
 * starts one; digits start or continue one. Lets the Pack screen route keys to the quantity entry
 * without a focused field.
 */
export function isQuantityKey(key: string, sofar: string): boolean {
  if (/^\d$/.test(key.normalize('NFKC'))) return true;
  return sofar === '' && QUANTITY_PREFIXES.includes(key.normalize('NFKC'));
}
