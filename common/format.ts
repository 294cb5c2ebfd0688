// Counts and money as a packer or a seller reads them, with Intl so the rules come
// from the locale data and not from guesses: a currency has its own number of decimals (JPY none,
// BHD three), and a plural is the locale's, not "add an s unless it is 1". Every process uses these
// (main's sentences, the page, the printouts), so they live here and touch no DOM or Node API.

/** The language Packline's sentences are written in; numbers and plurals follow it. */
const LOCALE = 'en-US';

const pluralRules = new Intl.PluralRules(LOCALE);

/** A noun's forms: `one` for 1 (and whatever else the locale calls "one"), `other` for the rest. */
export interface Noun {
  readonly one: string;
  readonly other: string;
}

export const UNIT: Noun = { one: 'unit', other: 'units' };
export const PACKAGE: Noun = { one: 'package', other: 'packages' };
export const ORDER: Noun = { one: 'order', other: 'orders' };
export const LINE: Noun = { one: 'line', other: 'lines' };

/** The noun's form for `n` alone: "unit" for 1, "units" for 0 or 2. */
export function nounFor(n: number, noun: Noun): string {
  return pluralRules.select(n) === 'one' ? noun.one : noun.other;
}

/** "1 unit", "3 units", "0 units". */
export function count(n: number, noun: Noun): string {
  return `${n} ${nounFor(n, noun)}`;
}

/** "1 row" / "3 rows" for a noun without a constant: the locale's plural rule all the same. */
export function plural(n: number, one: string, other: string): string {
  return count(n, { one, other });
}

/** The word that agrees with `n` ("needs"/"need", "it"/"them", "was"/"were"). */
export function agree(n: number, one: string, other: string): string {
  return nounFor(n, { one, other });
}

/** "1 unit" / "3 units": the noun most packing sentences count. */
export function units(n: number): string {
  return count(n, UNIT);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string | undefined): Intl.NumberFormat {
  const key = currency ?? '';
  let format = moneyFormats.get(key);
  if (!format) {
    format = currency
      ? new Intl.NumberFormat(LOCALE, {
          style: 'currency',
          currency,
          currencyDisplay: 'code',
          useGrouping: false,
        })
      : new Intl.NumberFormat(LOCALE, {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
          useGrouping: false,
        });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * "USD 12.50", "JPY 1200", "12.50" without a currency. The currency's own decimals come from
 * Intl; a code Intl does not know (FeedAMP passes the marketplace's text through) is written as
 * given with two decimals rather than refused.
 */
export function money(amount: number, currency?: string | null): string {
  const code = currency?.trim().toUpperCase() || undefined;
  let text: string;
  try {
    text = moneyFormat(code).format(amount);
  } catch {
    return `${code} ${moneyFormat(undefined).format(amount)}`;
  }
  // Intl puts a no-break space after the code; sentences and CSV cells read a plain one.
  return text.replace(/\u00a0/g, ' ');
}

/** The number of decimals a currency is counted in (2 when Intl does not know the code). */
export function currencyDecimals(currency?: string | null): number {
  const code = currency?.trim().toUpperCase();
  if (!code) return 2;
  try {
    return moneyFormat(code).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
