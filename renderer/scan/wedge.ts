// Keyboard-wedge scan detection: a pure state machine over key events.
//
// A USB scanner "types" its code much faster than a person (a few ms between keys) and presses
// Enter (or Tab). We must catch scans wherever focus is, never let a scan's characters land in a
// focused text field, and still let people type into fields and use single-key shortcuts.
//
// Design — hold briefly, then swallow or replay:
//   * Every printable key starts or extends a *burst* and is held (the caller swallows it:
//     preventDefault) — we cannot know a burst is a scan until more keys arrive fast.
//   * A key more than maxGapMs after the previous one ends the burst. A burst ends in one of
//     three ways:
//       - a terminator (Enter/Tab) within maxGapMs → a scan if the code (prefix/suffix stripped)
//         has minLength characters; the terminator is swallowed too. Too short: the held keys are
//         replayed and the terminator goes through after them.
//       - silence or a non-printable key, and the burst was *scanner-like* (long enough and
//         fast on average, see unterminated*) → a scan whose terminator was dropped. Before
//         reporting it we wait up to lateTerminatorMs for a terminator that arrives late, so it
//         cannot leak into the page (submit a form, move focus).
//       - silence or a non-printable key otherwise → a person typed: the held keys come back as
//         { type: 'passthrough', keys } for the caller to re-insert at the caret (in a field) or
//         re-dispatch (shortcuts), before the key that ended the burst is handled.
//   * So a person's isolated key is delayed by at most maxGapMs (35 ms, below what a typist
//     notices); a person's fast roll of 2–3 keys is delayed until it ends; a scanner's keys never
//     reach the page.
//   * Modifier keys (Shift for capitals, etc.) are ignored: they neither end nor extend a burst.
//     Auto-repeat (a held key) and chords (Ctrl/Meta + key) are never scanner input: they end the
//     burst and go through. Paste is not a key event; the scan box handles it itself.
//   * Time only moves when events or ticks arrive: the caller calls tick(now) when deadline()
//     passes (useScanner does it with setTimeout). If a tick is late the next key event settles
//     the burst first with the same outcome, so results never depend on timer precision.

export interface WedgeKeyEvent {
  /** KeyboardEvent.key — never key codes, so any keyboard layout the scanner emulates works. */
  readonly key: string;
  /** Milliseconds, monotonic (KeyboardEvent.timeStamp / performance.now()). */
  readonly time: number;
  /** Focus is in a text input, textarea or contenteditable. */
  readonly inEditableField: boolean;
  /** KeyboardEvent.repeat: a key held down, never a scanner. */
  readonly repeat?: boolean;
  /** Ctrl or Meta held (not AltGr): a shortcut such as Ctrl+V, never a scanner. */
  readonly chord?: boolean;
}

export interface WedgeOptions {
  /** Longest gap between two keys of one scan. */
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
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  maxGapMs: 35,
  minLength: 4,
  terminators: ['Enter', 'Tab'],
  prefix: '',
  suffix: '',
  lateTerminatorMs: 100,
  unterminatedMinLength: 4,
  unterminatedMaxMeanGapMs: 20,
};

export function wedgeOptions(partial: Partial<WedgeOptions> = {}): WedgeOptions {
  const merged = { ...DEFAULT_WEDGE_OPTIONS, ...partial };
  return { ...merged, lateTerminatorMs: Math.max(merged.lateTerminatorMs, merged.maxGapMs) };
}

export interface HeldKey {
  readonly key: string;
  readonly time: number;
  readonly inEditableField: boolean;
}

export type WedgeOutput =
  | {
      readonly type: 'scan';
      readonly code: string;
      /** False when the scanner's Enter/Tab never came (dropped suffix). */
      readonly terminated: boolean;
      readonly inEditableField: boolean;
      readonly startedAt: number;
      readonly endedAt: number;
    }
  | {
      /** Held keys that a person typed: re-insert or re-dispatch them, in this order, now. */
      readonly type: 'passthrough';
      readonly keys: readonly string[];
      readonly inEditableField: boolean;
    };

export interface WedgeState {
  /** The current burst, oldest first; empty when idle. */
  readonly held: readonly HeldKey[];
}

export interface WedgeStep {
  readonly state: WedgeState;
  /** Stop this key from reaching the page (preventDefault + stopPropagation). */
  readonly swallow: boolean;
  /** Apply in order, before this key's own default action. */
  readonly outputs: readonly WedgeOutput[];
}

export const IDLE: WedgeState = { held: [] };

const MODIFIERS: ReadonlySet<string> = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'Hyper',
  'Super',
  'Fn',
  'FnLock',
  'Symbol',
  'SymbolLock',
  'CapsLock',
  'NumLock',
  'ScrollLock',
]);

/** One character (a single code point): what a scanner types. "Enter", "ArrowUp", "Dead" are not. */
function isPrintable(key: string): boolean {
  return [...key].length === 1;
}

function codeOf(held: readonly HeldKey[], o: WedgeOptions): string {
  let code = held.map((k) => k.key).join('');
  if (o.prefix && code.startsWith(o.prefix)) code = code.slice(o.prefix.length);
  if (o.suffix && code.endsWith(o.suffix)) code = code.slice(0, -o.suffix.length);
  return code;
}

function lastTime(held: readonly HeldKey[]): number {
  return held[held.length - 1]?.time ?? 0;
}

/** Long enough and fast enough to be a scanner even without its terminator. */
function scannerLike(held: readonly HeldKey[], o: WedgeOptions): boolean {
  if (held.length < 2) return false;
  const first = held[0]?.time ?? 0;
  const meanGap = (lastTime(held) - first) / (held.length - 1);
  return codeOf(held, o).length >= o.unterminatedMinLength && meanGap <= o.unterminatedMaxMeanGapMs;
}

function scan(held: readonly HeldKey[], o: WedgeOptions, terminated: boolean): WedgeOutput {
  return {
    type: 'scan',
    code: codeOf(held, o),
    terminated,
    inEditableField: held[0]?.inEditableField ?? false,
    startedAt: held[0]?.time ?? 0,
    endedAt: lastTime(held),
  };
}

function passthrough(held: readonly HeldKey[]): WedgeOutput[] {
  if (held.length === 0) return [];
  return [
    {
      type: 'passthrough',
      keys: held.map((k) => k.key),
      inEditableField: held[0]?.inEditableField ?? false,
    },
  ];
}

/** The burst is over without a terminator: a scan with a dropped suffix, or a person's keys. */
function endBurst(held: readonly HeldKey[], o: WedgeOptions): WedgeOutput[] {
  if (held.length === 0) return [];
  return scannerLike(held, o) ? [scan(held, o, false)] : passthrough(held);
}

/** Feeds one keydown. */
export function wedgeKey(state: WedgeState, event: WedgeKeyEvent, o: WedgeOptions): WedgeStep {
  if (MODIFIERS.has(event.key)) return { state, swallow: false, outputs: [] };

  const isTerminator = o.terminators.includes(event.key);
  let held = state.held;
  const outputs: WedgeOutput[] = [];

  if (held.length > 0) {
    const gap = Math.max(0, event.time - lastTime(held));
    if (gap > o.maxGapMs) {
      if (isTerminator && gap <= o.lateTerminatorMs && scannerLike(held, o)) {
        return { state: IDLE, swallow: true, outputs: [scan(held, o, true)] };
      }
      outputs.push(...endBurst(held, o));
      held = [];
    }
  }

  if (event.repeat || event.chord || (!isTerminator && !isPrintable(event.key))) {
    return { state: IDLE, swallow: false, outputs: [...outputs, ...endBurst(held, o)] };
  }

  if (isTerminator) {
    if (held.length === 0) return { state: IDLE, swallow: false, outputs };
    if (codeOf(held, o).length >= o.minLength) {
      return { state: IDLE, swallow: true, outputs: [...outputs, scan(held, o, true)] };
    }
    return { state: IDLE, swallow: false, outputs: [...outputs, ...passthrough(held)] };
  }

  const key: HeldKey = { key: event.key, time: event.time, inEditableField: event.inEditableField };
  return { state: { held: [...held, key] }, swallow: true, outputs };
}

/** Lets time pass with no key: settles a burst whose gap has run out. */
export function wedgeTick(
  state: WedgeState,
  time: number,
  o: WedgeOptions,
): { state: WedgeState; outputs: readonly WedgeOutput[] } {
  const { held } = state;
  if (held.length === 0) return { state, outputs: [] };
  const gap = time - lastTime(held);
  if (gap <= o.maxGapMs) return { state, outputs: [] };
  if (scannerLike(held, o) && gap <= o.lateTerminatorMs) return { state, outputs: [] };
  return { state: IDLE, outputs: endBurst(held, o) };
}

/** When tick() next has something to settle, or null when idle. */
export function wedgeDeadline(state: WedgeState, o: WedgeOptions): number | null {
  if (state.held.length === 0) return null;
  const wait = scannerLike(state.held, o) ? o.lateTerminatorMs : o.maxGapMs;
  return lastTime(state.held) + wait + 1;
}

/** Ends any burst now (focus lost, screen unmounted): a scanner-like burst is still a scan. */
export function wedgeFlush(state: WedgeState, o: WedgeOptions): readonly WedgeOutput[] {
  return endBurst(state.held, o);
}

export interface WedgeDetector {
  key(event: WedgeKeyEvent): { swallow: boolean; outputs: readonly WedgeOutput[] };
  tick(time: number): readonly WedgeOutput[];
  deadline(): number | null;
  flush(): readonly WedgeOutput[];
}

/** A small mutable holder around the pure functions, for the hook. */
export function createWedgeDetector(partial: Partial<WedgeOptions> = {}): WedgeDetector {
  const o = wedgeOptions(partial);
  let state = IDLE;
  return {
    key(event) {
      const step = wedgeKey(state, event, o);
      state = step.state;
      return { swallow: step.swallow, outputs: step.outputs };
    },
    tick(time) {
      const step = wedgeTick(state, time, o);
      state = step.state;
      return step.outputs;
    },
    deadline: () => wedgeDeadline(state, o),
    flush() {
      const outputs = wedgeFlush(state, o);
      state = IDLE;
      return outputs;
    },
  };
}
