// Code 128 for text of 7-bit ASCII, encoded the way bwip-js (BWIPP's "legacy" code128 encoder,
// its default) encodes it, so the bars are the same module for module. bwip-js runs a PostScript
// emulation and took ~1.5 ms a barcode on a busy machine — most of a 500-order pick list's time
// before it can print; this takes microseconds. Text outside 7-bit ASCII (FNC4 territory) is
// left to bwip-js by the caller.

/** Bar/space widths of each codeword, 0–106 (106 is the stop, with its final bar). */
// prettier-ignore
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212',
  '221213', '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221',
  '223211', '221132', '221231', '213212', '223112', '312131', '311222', '321122', '321221',
  '312212', '322112', '322211', '212123', '212321', '232121', '111323', '131123', '131321',
  '112313', '132113', '132311', '211313', '231113', '231311', '112133', '112331', '132131',
  '113123', '113321', '133121', '313121', '211331', '231131', '213113', '213311', '213131',
  '311123', '311321', '331121', '312113', '312311', '332111', '314111', '221411', '431111',
  '111224', '111422', '121124', '121421', '141122', '141221', '112214', '112412', '122114',
  '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111', '111242',
  '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311',
  '113141', '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
].map((p) => [...p].map(Number));

const SHIFT = 98;
const TO_C = 99;
/** Code B from A or C. */
const TO_B = 100;
/** Code A from B or C. */
const TO_A = 101;
const START = { A: 103, B: 104, C: 105 } as const;
const STOP = 106;

type CodeSet = keyof typeof START;

/** Every character code is 7-bit ASCII, so this encoder (no FNC4) can take it. */
export function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Control characters exist only in code A, lower case and DEL only in code B. */
const onlyA = (c: number) => c < 32;
const onlyB = (c: number) => c >= 96;
const valueA = (c: number) => (c < 32 ? c + 64 : c - 32);
const valueB = (c: number) => c - 32;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The codewords, start to check digit's end, as BWIPP's legacy encoder picks them: start in C
 * for 4+ leading digits (or exactly two digits), switch to C for a run of 4+ digits (after one
 * character in the current set when the run is odd), shift for a lone character of the other
 * letter set, and leave C towards whichever of A or B is needed first.
 */
function codewords(msg: readonly number[]): number[] {
  const n = msg.length;
  const digitsAt = new Array<number>(n + 1).fill(0);
  const nextA = new Array<number>(n + 1).fill(9999);
  const nextB = new Array<number>(n + 1).fill(9999);
  for (let i = n - 1; i >= 0; i -= 1) {
    const c = msg[i]!;
    digitsAt[i] = isDigit(c) ? digitsAt[i + 1]! + 1 : 0;
    nextA[i] = onlyA(c) ? 0 : nextA[i + 1]! + 1;
    nextB[i] = onlyB(c) ? 0 : nextB[i + 1]! + 1;
  }
  const aBeforeB = (i: number) => nextA[i]! < nextB[i]!;
  const bBeforeA = (i: number) => nextB[i]! < nextA[i]!;

  let set: CodeSet;
  if (n === 0) set = 'B';
  else if ((n === 2 && digitsAt[0] === 2) || digitsAt[0]! >= 4) set = 'C';
  else set = aBeforeB(0) ? 'A' : 'B';
  const cws: number[] = [START[set]];
  const letter = (c: number, inSet: 'A' | 'B') => cws.push(inSet === 'A' ? valueA(c) : valueB(c));

  let i = 0;
  while (i < n) {
    const c = msg[i]!;
    const digits = digitsAt[i]!;
    if (set !== 'C' && digits >= 4) {
      if (digits % 2 === 1) {
        letter(c, set);
        i += 1;
      }
      cws.push(TO_C);
      set = 'C';
    } else if (set === 'B' && onlyA(c)) {
      if (i < n - 1 && bBeforeA(i + 1)) {
        cws.push(SHIFT);
        letter(c, 'A');
        i += 1;
      } else {
        cws.push(TO_A);
        set = 'A';
      }
    } else if (set === 'A' && onlyB(c)) {
      if (i < n - 1 && aBeforeB(i + 1)) {
        cws.push(SHIFT);
        letter(c, 'B');
        i += 1;
      } else {
        cws.push(TO_B);
        set = 'B';
      }
    } else if (set === 'C' && digits < 2) {
      set = aBeforeB(i) ? 'A' : 'B';
      cws.push(set === 'A' ? TO_A : TO_B);
    } else if (set === 'C') {
      cws.push((c - 48) * 10 + (msg[i + 1]! - 48));
      i += 2;
    } else {
      letter(c, set);
      i += 1;
    }
  }
  let check = cws[0]!;
  for (let k = 1; k < cws.length; k += 1) check += cws[k]! * k;
  cws.push(check % 103);
  return cws;
}

/** bwip-js refuses longer text; so do we, so both encoders fail alike. */
const MAX_LENGTH = 500;

/** Bar and space widths in modules, bar first, start to stop (no quiet zones). */
export function code128Widths(text: string): number[] {
  if (text.length > MAX_LENGTH) throw new Error(`Code 128 takes at most ${MAX_LENGTH} characters`);
  const msg = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  return [...codewords(msg), STOP].flatMap((cw) => PATTERNS[cw]!);
}
