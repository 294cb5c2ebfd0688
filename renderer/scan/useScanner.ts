// Wires the wedge detector (wedge.ts, where the rules live) to the window: keydown in the capture
// phase, so a scan is caught before any field or shortcut handler sees it, and a timer that calls
// tick() when the detector's deadline passes. Kept thin on purpose.
import { useEffect, useRef } from 'react';
import { playTone } from '../sound/tones';
import { createWedgeDetector, type KeyTarget, type WedgeDetector, type WedgeOutput } from './wedge';
import type { WedgeOptions } from './wedge-options';

export type ScanEvent = Extract<WedgeOutput, { type: 'scan' }>;
export type RejectedEvent = Extract<WedgeOutput, { type: 'rejected' }>;
type PassthroughEvent = Extract<WedgeOutput, { type: 'passthrough' }>;

/** One keydown as the window saw it, before the detector held or swallowed it. */
export interface RawKey {
  readonly key: string;
  readonly time: number;
  readonly target: KeyTarget;
}

const observers = new Set<(key: RawKey) => void>();
let capture: ((event: ScanEvent | RejectedEvent) => void) | undefined;

/** Sees every trusted keydown with its timestamp (Settings → "Test your scanner"). */
export function observeKeys(listener: (key: RawKey) => void): () => void {
  observers.add(listener);
  return () => {
    observers.delete(listener);
  };
}

/**
 * While set, scans and rejected bursts go to `handler` instead of the app (the scanner test must
 * not open the order it reads). Returns the release.
 */
export function captureScans(handler: (event: ScanEvent | RejectedEvent) => void): () => void {
  capture = handler;
  return () => {
    if (capture === handler) capture = undefined;
  };
}

export interface UseScannerOptions extends Partial<WedgeOptions> {
  /** Default true. When false, no key is held and no scan is reported. */
  readonly enabled?: boolean;
  /**
   * Where a person's held keys go. Default: typed into the focused field at the caret, or, with
   * no field focused, re-dispatched as keydown events so shortcut handlers see them.
   */
  readonly onPassthrough?: (keys: PassthroughEvent) => void;
  /**
   * A burst at scanner speed too short to be a code: not acted on. Default: the "unknown" tone;
   * the caller should also say "not understood — scan again" where the packer looks.
   */
  readonly onRejected?: (event: RejectedEvent) => void;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  '',
]);

/** Inputs whose keys edit a value in place (digits in a date), like a list's type-ahead. */
const IN_PLACE_INPUT_TYPES = new Set(['date', 'datetime-local', 'month', 'time', 'week']);
const LIST_ROLES = new Set([
  'listbox',
  'option',
  'combobox',
  'menu',
  'menubar',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'tree',
  'treeitem',
]);
const CONTROL_ROLES = new Set(['button', 'checkbox', 'radio', 'switch', 'link', 'tab', 'slider']);

/** What the focused element does with keys; see KeyTarget in wedge.ts. */
function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (editableElement(target)) return 'text';
  if (!(target instanceof HTMLElement)) return 'page';
  const role = target.getAttribute('role') ?? '';
  if (target instanceof HTMLSelectElement || LIST_ROLES.has(role)) return 'list';
  if (target instanceof HTMLInputElement) {
    return IN_PLACE_INPUT_TYPES.has(target.type) ? 'list' : 'control';
  }
  if (
    target instanceof HTMLButtonElement ||
    (target instanceof HTMLAnchorElement && target.hasAttribute('href')) ||
    target.tagName === 'SUMMARY' ||
    CONTROL_ROLES.has(role)
  ) {
    return 'control';
  }
  return 'page';
}

function editableElement(
  target: EventTarget | null,
): HTMLInputElement | HTMLTextAreaElement | HTMLElement | null {
  if (!(target instanceof HTMLElement)) return null;
  if (target instanceof HTMLTextAreaElement) return target.readOnly ? null : target;
  if (target instanceof HTMLInputElement) {
    return TEXT_INPUT_TYPES.has(target.type) && !target.readOnly ? target : null;
  }
  return target.isContentEditable ? target : null;
}

/** Types text at the caret of the focused field, as if the keys had gone straight through. */
function insertIntoFocusedField(text: string): boolean {
  const field = editableElement(document.activeElement);
  if (!field) return false;
  // execCommand keeps the field's undo history and fires the input event React listens to.
  if (document.execCommand('insertText', false, text)) return true;
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    field.setRangeText(text, start, end, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }
  return false;
}

function defaultPassthrough(event: PassthroughEvent): void {
  if (event.inEditableField && insertIntoFocusedField(event.keys.join(''))) return;
  // Untrusted events: our own listener ignores them, the app's shortcut handlers do not.
  const target = document.activeElement ?? document.body;
  for (const key of event.keys) {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }
}

function defaultRejected(): void {
  playTone('unknown');
}

/** A timer this late (ms) ran behind a busy page; see tickTimer(). */
const LATE_TIMER_MS = 20;

/** The detector options a caller may set; the rest keep the detector's defaults. */
const WEDGE_KEYS = [
  'maxGapMs',
  'minLength',
  'prefix',
  'suffix',
  'lateTerminatorMs',
  'unterminatedMinLength',
  'unterminatedMaxMeanGapMs',
  'quietMs',
  'terminators',
] as const;

/**
 * The options set, as text: the hook restarts the detector when a value changes, not each time
 * the caller passes a new object or array.
 */
function wedgeOverrides(options: UseScannerOptions): string {
  const set = WEDGE_KEYS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]);
  return JSON.stringify(Object.fromEntries(set));
}

/**
 * Calls the detector's tick() each time its deadline passes, and hands over what it settles.
 * Every key moves the deadline on; the timer armed for an earlier one is kept, and when it
 * fires early it is armed again for the deadline as it is then. (Cleared and set again for each
 * key, the timer was a third of the scanner's cost per key, profiled at 4×.)
 */
function tickTimer(
  detector: WedgeDetector,
  deliver: (outputs: readonly WedgeOutput[]) => void,
): { schedule: () => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedFor = Infinity;
  const arm = (at: number, late: boolean): void => {
    armedFor = at;
    timer = setTimeout(() => fire(late), Math.max(0, at - performance.now()));
  };
  const fire = (late: boolean): void => {
    timer = undefined;
    armedFor = Infinity;
    const deadline = detector.deadline();
    if (deadline === null) return;
    const now = performance.now();
    if (now < deadline) return arm(deadline, false);
    // A timer that fires well after its deadline means the page was busy: keydowns may be
    // queued behind it with earlier timestamps. Let them in first, then judge the silence.
    if (!late && now - deadline > LATE_TIMER_MS) return arm(now, true);
    deliver(detector.tick(now));
    schedule();
  };
  const schedule = (): void => {
    const deadline = detector.deadline();
    if (deadline === null || (timer !== undefined && armedFor <= deadline)) return;
    clearTimeout(timer);
    arm(deadline, false);
  };
  return { schedule, stop: () => clearTimeout(timer) };
}

/** Feeds one trusted keydown to the key observers and the detector. */
function feedKey(detector: WedgeDetector, e: KeyboardEvent): ReturnType<WedgeDetector['key']> {
  const target = keyTargetOf(e.target);
  for (const observe of observers) observe({ key: e.key, time: e.timeStamp, target });
  return detector.key({
    key: e.key,
    time: e.timeStamp,
    inEditableField: target === 'text',
    target,
    repeat: e.repeat,
    // AltGr reports Ctrl+Alt on Windows and types characters (@, €): not a chord.
    chord: (e.ctrlKey && !e.altKey) || e.metaKey,
  });
}

/**
 * Reports every wedge scan to `onScan` while the component is mounted. Scans never reach a focused
 * field; a person's typing reaches it at most maxGapMs late.
 */
export function useScanner(
  onScan: (scan: ScanEvent) => void,
  options: UseScannerOptions = {},
): void {
  const onScanRef = useRef(onScan);
  const onPassthroughRef = useRef(options.onPassthrough ?? defaultPassthrough);
  const onRejectedRef = useRef(options.onRejected ?? defaultRejected);
  onScanRef.current = onScan;
  onPassthroughRef.current = options.onPassthrough ?? defaultPassthrough;
  onRejectedRef.current = options.onRejected ?? defaultRejected;

  const { enabled = true } = options;
  const overrides = wedgeOverrides(options);

  useEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector(JSON.parse(overrides) as Partial<WedgeOptions>);
    const deliver = (outputs: readonly WedgeOutput[]): void => {
      for (const output of outputs) {
        if (output.type === 'passthrough') onPassthroughRef.current(output);
        else if (capture) capture(output);
        else if (output.type === 'scan') onScanRef.current(output);
        else onRejectedRef.current(output);
      }
    };
    const timer = tickTimer(detector, deliver);
    const onKeyDown = (e: KeyboardEvent): void => {
      if (!e.isTrusted || e.isComposing) return;
      const step = feedKey(detector, e);
      // Replayed keys go first, so they land before this key's own effect (an Enter, a Tab).
      deliver(step.outputs);
      if (step.swallow) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      timer.schedule();
    };
    const onBlur = (): void => deliver(detector.flush());

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('blur', onBlur);
      timer.stop();
      deliver(detector.flush());
    };
  }, [enabled, overrides]);
}
