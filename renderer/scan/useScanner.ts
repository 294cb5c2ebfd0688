// Wires the wedge detector (wedge.ts, where the rules live) to the window: keydown in the capture
// phase, so a scan is caught before any field or shortcut handler sees it, and a timer that calls
// tick() when the detector's deadline passes. Kept thin on purpose.
import { useEffect, useRef } from 'react';
import { createWedgeDetector, type WedgeOptions, type WedgeOutput } from './wedge';

export type ScanEvent = Extract<WedgeOutput, { type: 'scan' }>;
export type PassthroughEvent = Extract<WedgeOutput, { type: 'passthrough' }>;

export interface UseScannerOptions extends Partial<WedgeOptions> {
  /** Default true. When false, no key is held and no scan is reported. */
  readonly enabled?: boolean;
  /**
   * Where a person's held keys go. Default: typed into the focused field at the caret, or, with
   * no field focused, re-dispatched as keydown events so shortcut handlers see them.
   */
  readonly onPassthrough?: (keys: PassthroughEvent) => void;
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
  onScanRef.current = onScan;
  onPassthroughRef.current = options.onPassthrough ?? defaultPassthrough;

  const { enabled = true, maxGapMs, minLength, prefix, suffix, lateTerminatorMs } = options;
  const { unterminatedMinLength, unterminatedMaxMeanGapMs } = options;
  const terminators = options.terminators?.join('\n');

  useEffect(() => {
    if (!enabled) return;
    const wedge: Partial<WedgeOptions> = {
      ...(maxGapMs !== undefined && { maxGapMs }),
      ...(minLength !== undefined && { minLength }),
      ...(prefix !== undefined && { prefix }),
      ...(suffix !== undefined && { suffix }),
      ...(lateTerminatorMs !== undefined && { lateTerminatorMs }),
      ...(unterminatedMinLength !== undefined && { unterminatedMinLength }),
      ...(unterminatedMaxMeanGapMs !== undefined && { unterminatedMaxMeanGapMs }),
      ...(terminators !== undefined && { terminators: terminators.split('\n') }),
    };
    const detector = createWedgeDetector(wedge);
    let timer: ReturnType<typeof setTimeout> | undefined;

    const deliver = (outputs: readonly WedgeOutput[]): void => {
      for (const output of outputs) {
        if (output.type === 'scan') onScanRef.current(output);
        else onPassthroughRef.current(output);
      }
    };
    const schedule = (): void => {
      clearTimeout(timer);
      const deadline = detector.deadline();
      if (deadline === null) return;
      timer = setTimeout(
        () => {
          deliver(detector.tick(performance.now()));
          schedule();
        },
        Math.max(0, deadline - performance.now()),
      );
    };
    const onKeyDown = (e: KeyboardEvent): void => {
      if (!e.isTrusted || e.isComposing) return;
      const step = detector.key({
        key: e.key,
        time: e.timeStamp,
        inEditableField: editableElement(e.target) !== null,
        repeat: e.repeat,
        // AltGr reports Ctrl+Alt on Windows and types characters (@, €): not a chord.
        chord: (e.ctrlKey && !e.altKey) || e.metaKey,
      });
      // Replayed keys go first, so they land before this key's own effect (an Enter, a Tab).
      deliver(step.outputs);
      if (step.swallow) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      schedule();
    };
    const onBlur = (): void => deliver(detector.flush());

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('blur', onBlur);
      clearTimeout(timer);
      deliver(detector.flush());
    };
  }, [
    enabled,
    maxGapMs,
    minLength,
    prefix,
    suffix,
    lateTerminatorMs,
    unterminatedMinLength,
    unterminatedMaxMeanGapMs,
    terminators,
  ]);
}
