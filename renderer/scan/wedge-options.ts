// How the wedge detector reads keys: its timings and the scanner's configured prefix, suffix and
// end keys, from Settings → Scanner. The rules that use them are in wedge.ts.

export interface WedgeOptions {
  /** Longest gap between two keys of one scan in a text field or a list. */
  readonly maxGapMs: number;
  /** Shortest code (after prefix/suffix stripping) reported as a scan. */
  readonly minLength: number;
  /** KeyboardEvent.key values that end a scan. */
  readonly terminators: readonly string[];
  /** Configured on the scanner; removed from the code when present. */
  readonly prefix: string;
  readonly suffix: string;
  /** How long a scanner-like burst waits for a late terminator before it is reported without one. */
  readonly lateTerminatorMs: number;
  /** A burst without terminator is a scan only if at least this long… */
  readonly unterminatedMinLength: number;
  /** …and its keys came at most this far apart on average (scanners: 1–15 ms; people: 80+ ms). */
  readonly unterminatedMaxMeanGapMs: number;
  /**
   * Outside text fields, how long keys must go quiet before held keys reach the page as a
   * person's keys (a shortcut acts this much later). Never less than lateTerminatorMs.
   */
  readonly quietMs: number;
  /**
   * Outside text fields, how long a burst that is plainly a scan in progress (at least 3 keys
   * averaging at most scanQuietMaxMeanGapMs apart — faster than anyone types a shortcut or a
   * quantity) may go quiet. A starved page can take the next key of a scan late: the keyboard
   * stamped it in time, but the page's quiet timer ran first and handed half a scan over.
   */
  readonly scanQuietMs: number;
  readonly scanQuietMaxMeanGapMs: number;
}

const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  maxGapMs: 35,
  minLength: 4,
  terminators: ['Enter', 'Tab'],
  prefix: '',
  suffix: '',
  lateTerminatorMs: 100,
  unterminatedMinLength: 4,
  unterminatedMaxMeanGapMs: 20,
  quietMs: 400,
  scanQuietMs: 1500,
  scanQuietMaxMeanGapMs: 90,
};

export function wedgeOptions(partial: Partial<WedgeOptions> = {}): WedgeOptions {
  const merged = { ...DEFAULT_WEDGE_OPTIONS, ...partial };
  const lateTerminatorMs = Math.max(merged.lateTerminatorMs, merged.maxGapMs);
  return { ...merged, lateTerminatorMs, quietMs: Math.max(merged.quietMs, lateTerminatorMs) };
}

/** Settings → Scanner "Suffix key" → the keys that end a scan. */
export function terminatorsFor(endKey: 'Enter or Tab' | 'Enter' | 'Tab' | undefined): string[] {
  return endKey === 'Enter' ? ['Enter'] : endKey === 'Tab' ? ['Tab'] : ['Enter', 'Tab'];
}
