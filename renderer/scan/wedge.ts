// Keyboard-wedge scan detection: a pure state machine over key events.
//
// A USB or Bluetooth scanner "types" its code and a suffix key (Enter or Tab). We must catch scans
// wherever focus is, never let a scan's characters act on the page, and still let people type
// into fields, use single-key shortcuts and work focused controls as in any app.
//
// Where focus is decides how keys are read (KeyTarget):
//   * 'page' — the page body or a non-interactive element (the Pack screen's heading). Printable
//     keys are held. A burst that ends with the suffix key is ONE scan whatever its key gaps: a
//     busy PC or a Bluetooth link stretches gaps to 80 ms and more, and a burst split by timing
//     used to open the wrong order with its first digit, read a fragment as a quantity and leave
//     its Enter to ship. A code shorter than minLength is 'rejected' (not understood, never acted
//     on), unless a person plainly typed it: one key, or a number at a person's pace (a quantity
//     after a scan: "x6", Enter), which goes through. Held keys go to the page as a person's keys only after the
//     keys go quiet for quietMs, or at once when a non-printable key (Esc, arrows) comes.
//   * 'control' — a focused button, checkbox, radio, link or slider. Those ignore letters and
//     digits, so they are held as on the page (a scan's Enter must not press the button), but
//     Space and Enter with nothing held act at once, as in any app.
//   * 'list' — a focused select, listbox, menu or date input: letters and digits pick or edit
//     there, so every key goes straight through. A burst that reached it at scanner speed
//     (every gap ≤ maxGapMs) and ends with the suffix is still reported as a scan, and its suffix
//     is swallowed so it does not submit the dialog.
//   * 'text' — a text field. Only timing tells a scanner from a person here: keys are held at
//     most maxGapMs; a burst with gaps ≤ maxGapMs ending with the suffix is a scan; a scanner-like
//     burst whose suffix was dropped is a scan after lateTerminatorMs; anything else is replayed
//     into the field as a person's typing.
//
// Modifier keys (Shift for capitals) neither end nor extend a burst. Auto-repeat and chords
// (Ctrl/Meta + key) are never scanner input. Time only moves when events or ticks arrive: the
// caller calls tick(now) when deadline() passes; if a tick is late the next key event settles the
// burst first with the same outcome, so results never depend on timer precision.

import { wedgeOptions, type WedgeOptions } from './wedge-options';

export type KeyTarget = 'text' | 'control' | 'list' | 'page';

export interface WedgeKeyEvent {
  /** KeyboardEvent.key — never key codes, so any keyboard layout the scanner emulates works. */
  readonly key: string;
  /** Milliseconds, monotonic (KeyboardEvent.timeStamp / performance.now()). */
  readonly time: number;
  /** Focus is in a text input, textarea or contenteditable. */
  readonly inEditableField: boolean;
  /** What has focus; absent means 'text' when inEditableField, else 'page'. */
  readonly target?: KeyTarget;
  /** KeyboardEvent.repeat: a key held down, never a scanner. */
  readonly repeat?: boolean;
  /** Ctrl or Meta held (not AltGr): a shortcut such as Ctrl+V, never a scanner. */
  readonly chord?: boolean;
}

interface HeldKey {
  readonly key: string;
  readonly time: number;
  readonly inEditableField: boolean;
  /** Already handed to the page (a settled burst that a late key took up again). */
  readonly delivered?: boolean;
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
      /**
       * A burst at scanner speed ending with the suffix whose code is shorter than minLength:
       * not understood, never acted on. Say so and ask for the scan again.
       */
      readonly type: 'rejected';
      readonly code: string;
      readonly reason: RejectedReason;
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

type RejectedReason = 'too-short' | 'incomplete'; // incomplete: what came before a stall

export interface WedgeState {
  /** The current burst, oldest first; empty when idle. */
  readonly held: readonly HeldKey[];
  /** Where the burst started; it is read by that target's rules to its end. */
  readonly target?: KeyTarget;
  /** The burst the last quiet spell settled, until the next key shows it was really over. */
  readonly settled?: SettledBurst;
}

/**
 * A burst settled after its patience ran out. A key stamped within that patience can still come
 * later (input stalled in a busy PC or a Bluetooth link while the page's timer ran on time): it
 * belongs to the burst, which goes on as if never settled. `reported`: a scan went out for it.
 */
interface SettledBurst extends WedgeState {
  readonly reported: boolean;
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

function targetOf(event: WedgeKeyEvent): KeyTarget {
  return event.target ?? (event.inEditableField ? 'text' : 'page');
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

/** Every key of the burst, and the key at `endTime`, came within maxGapMs of the one before. */
function scannerFast(held: readonly HeldKey[], endTime: number, o: WedgeOptions): boolean {
  if (held.length < 2) return false;
  for (let i = 1; i < held.length; i++) {
    if (held[i]!.time - held[i - 1]!.time > o.maxGapMs) return false;
  }
  return endTime - lastTime(held) <= o.maxGapMs;
}

/**
 * A short burst ending with the suffix outside text fields that a person typed: one key (a
 * shortcut, then Enter), or a number at a person's pace (a quantity after a scan: "x6", Enter).
 * Anything else that short is a scanner's code too short to act on.
 */
function personTyped(held: readonly HeldKey[], endTime: number, o: WedgeOptions): boolean {
  if (held.length === 1) return true;
  const text = held.map((k) => k.key).join('');
  return /^[×xX*]?\d+$/.test(text.normalize('NFKC')) && !scannerFast(held, endTime, o);
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

function rejected(
  held: readonly HeldKey[],
  o: WedgeOptions,
  reason: RejectedReason = 'too-short',
): WedgeOutput {
  return {
    type: 'rejected',
    code: codeOf(held, o),
    reason,
    inEditableField: held[0]?.inEditableField ?? false,
    startedAt: held[0]?.time ?? 0,
    endedAt: lastTime(held),
  };
}

function passthrough(held: readonly HeldKey[]): WedgeOutput[] {
  const fresh = held.filter((k) => !k.delivered);
  if (fresh.length === 0) return [];
  return [
    {
      type: 'passthrough',
      keys: fresh.map((k) => k.key),
      inEditableField: fresh[0]?.inEditableField ?? false,
    },
  ];
}

/**
 * The burst is over without a terminator: a scan with a dropped suffix, or a person's keys. A
 * list's keys already went through, so nothing comes back.
 */
function endBurst(state: WedgeState, o: WedgeOptions): WedgeOutput[] {
  const { held } = state;
  if (held.length === 0 || state.target === 'list') return [];
  if (scannerLike(held, o)) return [scan(held, o, false)];
  // Outside text fields keys are shortcuts ("E" empties the box). Keys that came at a scanner's
  // pace are part of a scan cut short, never a person's keys: said, never acted on.
  if (state.target !== 'text' && partOfScan(held, o)) return [rejected(held, o, 'incomplete')];
  return passthrough(held);
}

/** Two keys or more at a scanner's pace: no person types shortcuts that fast. */
function partOfScan(held: readonly HeldKey[], o: WedgeOptions): boolean {
  return scannerFast(held, lastTime(held), o) || scanInProgress(held, o);
}

/** Three keys or more, on average closer than a person types: a scan is coming in. */
function scanInProgress(held: readonly HeldKey[], o: WedgeOptions): boolean {
  if (held.length < 3) return false;
  const meanGap = (lastTime(held) - (held[0]?.time ?? 0)) / (held.length - 1);
  return meanGap <= o.scanQuietMaxMeanGapMs;
}

/** How long a held burst of this target may go quiet before it is settled. */
function patience(state: WedgeState, o: WedgeOptions): number {
  if (state.target === 'list') return o.maxGapMs;
  if (state.target === 'page' || state.target === 'control')
    return scanInProgress(state.held, o) ? Math.max(o.quietMs, o.scanQuietMs) : o.quietMs;
  return scannerLike(state.held, o) ? o.lateTerminatorMs : o.maxGapMs;
}

/** The suffix key ended a burst of held keys. */
function terminate(state: WedgeState, time: number, o: WedgeOptions): WedgeStep {
  const { held, target } = state;
  const long = codeOf(held, o).length >= o.minLength;
  switch (target) {
    case 'list':
      // Its keys already did what they do in the list; only a scanner-speed burst is a scan.
      if (long && scannerFast(held, time, o))
        return { state: IDLE, swallow: true, outputs: [scan(held, o, true)] };
      return { state: IDLE, swallow: false, outputs: [] };
    case 'page':
    case 'control':
      if (long) return { state: IDLE, swallow: true, outputs: [scan(held, o, true)] };
      if (personTyped(held, time, o))
        return { state: IDLE, swallow: false, outputs: passthrough(held) };
      return { state: IDLE, swallow: true, outputs: [rejected(held, o)] };
    default:
      if (long) return { state: IDLE, swallow: true, outputs: [scan(held, o, true)] };
      return { state: IDLE, swallow: false, outputs: passthrough(held) };
  }
}

/** Feeds one keydown. */
export function wedgeKey(state: WedgeState, event: WedgeKeyEvent, o: WedgeOptions): WedgeStep {
  if (MODIFIERS.has(event.key)) return { state, swallow: false, outputs: [] };

  const isTerminator = o.terminators.includes(event.key);
  const outputs: WedgeOutput[] = [];
  const { settled } = state;
  state = { held: state.held, target: state.target };
  if (settled && !event.repeat && !event.chord && cameLate(settled, event, o)) {
    // Its suffix, after the scan went out whole: the Enter must not reach the page (it ships).
    if (isTerminator && settled.reported) return { state: IDLE, swallow: true, outputs: [] };
    state = { held: settled.held, target: settled.target };
  }

  if (state.held.length > 0) {
    const gap = Math.max(0, event.time - lastTime(state.held));
    if (gap > patience(state, o)) {
      outputs.push(...endBurst(state, o));
      state = IDLE;
    } else if (state.target === 'text' && gap > o.maxGapMs) {
      // A scanner's late Enter after a fast burst: swallow it so it cannot submit the field.
      if (isTerminator) return { state: IDLE, swallow: true, outputs: [scan(state.held, o, true)] };
      outputs.push(...endBurst(state, o));
      state = IDLE;
    }
  }

  if (event.repeat || event.chord || (!isTerminator && !isPrintable(event.key))) {
    return { state: IDLE, swallow: false, outputs: [...outputs, ...endBurst(state, o)] };
  }

  if (isTerminator) {
    if (state.held.length === 0) return { state: IDLE, swallow: false, outputs };
    const step = terminate(state, event.time, o);
    return { ...step, outputs: [...outputs, ...step.outputs] };
  }

  const target = state.held.length > 0 ? (state.target ?? targetOf(event)) : targetOf(event);
  // Space presses a focused button or ticks a checkbox, unless a scan is coming in.
  if (target === 'control' && state.held.length === 0 && event.key === ' ') {
    return { state: IDLE, swallow: false, outputs };
  }
  const key: HeldKey = { key: event.key, time: event.time, inEditableField: event.inEditableField };
  return {
    state: { held: [...state.held, key], target },
    swallow: target !== 'list',
    outputs,
  };
}

/** Lets time pass with no key: settles a burst whose gap has run out. */
function wedgeTick(
  state: WedgeState,
  time: number,
  o: WedgeOptions,
): { state: WedgeState; outputs: readonly WedgeOutput[] } {
  if (state.held.length === 0) return { state, outputs: [] };
  if (time - lastTime(state.held) <= patience(state, o)) return { state, outputs: [] };
  const outputs = endBurst(state, o);
  if (state.target === 'page' || state.target === 'control') {
    const reported = outputs.some((out) => out.type === 'scan');
    // Keys handed to the page stay in the burst's code but are never handed over twice.
    const handed = outputs.some((out) => out.type === 'passthrough');
    const held = handed ? state.held.map((k) => ({ ...k, delivered: true })) : state.held;
    return { state: { held: [], settled: { held, target: state.target, reported } }, outputs };
  }
  return { state: IDLE, outputs };
}

/** Stamped while the settled burst still waited for more, but taken after it was settled. */
function cameLate(settled: SettledBurst, event: WedgeKeyEvent, o: WedgeOptions): boolean {
  return event.time - lastTime(settled.held) <= patience(settled, o);
}

/** When tick() next has something to settle, or null when idle. */
function wedgeDeadline(state: WedgeState, o: WedgeOptions): number | null {
  if (state.held.length === 0) return null;
  return lastTime(state.held) + patience(state, o) + 1;
}

/** Ends any burst now (focus lost, screen unmounted): a scanner-like burst is still a scan. */
function wedgeFlush(state: WedgeState, o: WedgeOptions): readonly WedgeOutput[] {
  return endBurst(state, o);
}

export interface WedgeDetector {
  key: (event: WedgeKeyEvent) => { swallow: boolean; outputs: readonly WedgeOutput[] };
  tick: (time: number) => readonly WedgeOutput[];
  deadline: () => number | null;
  flush: () => readonly WedgeOutput[];
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

/** What the packer reads when a scanner burst could not be a code. */
export function notUnderstoodSentence(code: string, reason: RejectedReason = 'too-short'): string {
  if (reason === 'incomplete')
    return `Not understood: “${code}” was only part of a scan — scan again.`;
  return `Not understood: “${code}” is too short to be a code — scan again.`;
}
