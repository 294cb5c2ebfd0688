// Learned item codes: a code the station did not know, kept as another name of a SKU — one unit
// of it (a plain alias) or several (a case of 12, an inner pack of 6).
//
// Stored in settings as two maps under the same keys: `aliases` (key → SKU, as it always was) and
// `aliasUnits` (key → units, only where a code holds more than one). A settings file from before
// cases has no `aliasUnits`, so every code it learned is one unit. A code is stored under every
// key a later scan of it is looked up by (its text and, for a GTIN, its GTIN-14 key), so a UPC-A
// learned from one label finds the EAN-13 printed on the next.
//
// Pure: no I/O.
import {
  gs1CheckDigit,
  gtinKey,
  itemCodeKeys,
  normaliseSku,
  toGtin14,
} from '../../../common/item-codes';

export interface LearnedCode {
  /** The code as it is shown and exported (normalised: trimmed, upper case). */
  code: string;
  sku: string;
  /** Units of the SKU one scan of the code stands for; 1 for a plain alias. */
  units: number;
}

export interface LearnedStore {
  aliases: Readonly<Record<string, string>>;
  aliasUnits: Readonly<Record<string, number>>;
}

/** A case never holds more than this; bigger is a slip of the finger. Same bound as a typed quantity. */
export const MAX_UNITS_PER_CODE = 9999;

const GTIN_PREFIX = gtinKey('');

/** Every key a code is stored under: its text, and its GTIN-14 key when it is a valid GTIN. */
function storageKeys(code: string): string[] {
  const text = normaliseSku(code);
  const gtin = toGtin14(text);
  return gtin === null ? [text] : [text, gtinKey(gtin)];
}

/** The learned code a scan names, by any key it may be stored under (GTIN form first). */
export function findLearned(store: LearnedStore, scanned: string): LearnedCode | undefined {
  for (const key of itemCodeKeys(scanned)) {
    const sku = store.aliases[key];
    if (sku !== undefined) return { code: shownCode(key), sku, units: unitsOf(store, key) };
  }
  return undefined;
}

function unitsOf(store: LearnedStore, key: string): number {
  const units = store.aliasUnits[key];
  return typeof units === 'number' && Number.isInteger(units) && units >= 1 ? units : 1;
}

function shownCode(key: string): string {
  return key.startsWith(GTIN_PREFIX) ? key.slice(GTIN_PREFIX.length) : key;
}

/**
 * Every learned code once, sorted by code. A GTIN is stored under its text and its GTIN-14 key;
 * the list shows the text. A GTIN key with no text beside it (edited by hand) shows its 14 digits.
 */
export function learnedCodes(store: LearnedStore): LearnedCode[] {
  const byGtin = new Set<string>();
  for (const key of Object.keys(store.aliases)) {
    if (key.startsWith(GTIN_PREFIX)) continue;
    const gtin = toGtin14(key);
    if (gtin !== null) byGtin.add(gtinKey(gtin));
  }
  const list: LearnedCode[] = [];
  for (const [key, sku] of Object.entries(store.aliases)) {
    if (key.startsWith(GTIN_PREFIX) && byGtin.has(key)) continue;
    list.push({ code: shownCode(key), sku, units: unitsOf(store, key) });
  }
  return list.sort((a, b) => a.code.localeCompare(b.code));
}

/** The store with `entries` learned (or replaced: the same code under any of its keys). */
export function withLearned(store: LearnedStore, entries: readonly LearnedCode[]): LearnedStore {
  const aliases: Record<string, string> = { ...store.aliases };
  const aliasUnits: Record<string, number> = { ...store.aliasUnits };
  for (const entry of entries) {
    for (const key of storageKeys(entry.code)) {
      aliases[key] = entry.sku;
      // One unit is what a code means without an entry, so old and new files read the same.
      if (entry.units === 1) delete aliasUnits[key];
      else aliasUnits[key] = entry.units;
    }
  }
  return { aliases, aliasUnits };
}

/** The store without `code` (under every key it is stored by). */
export function withoutLearned(store: LearnedStore, code: string): LearnedStore {
  const aliases: Record<string, string> = { ...store.aliases };
  const aliasUnits: Record<string, number> = { ...store.aliasUnits };
  const keys = new Set(storageKeys(code));
  // A GTIN key shown as its 14 digits is removed by those digits too.
  const gtin = toGtin14(normaliseSku(code));
  if (gtin !== null) keys.add(gtinKey(gtin));
  for (const key of keys) {
    delete aliases[key];
    delete aliasUnits[key];
  }
  return { aliases, aliasUnits };
}

/**
 * The GTIN-14 of the item a case GTIN-14 wraps: GS1 puts a packaging indicator (1–8) in front of
 * the item's own 12 digits and recomputes the check digit, so "1" + "001234567890" + check is a
 * case of 0001234567890 + check. Null for anything else (0 is the item itself, 9 a variable
 * measure item, which has no fixed unit count to learn).
 */
export function innerItemOfCase(code: string): string | null {
  const digits = code.trim();
  if (digits.length !== 14 || toGtin14(digits) === null) return null;
  const indicator = digits[0]!;
  if (indicator < '1' || indicator > '8') return null;
  const body = `0${digits.slice(1, 13)}`;
  return `${body}${gs1CheckDigit(body)}`;
}
