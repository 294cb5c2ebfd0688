import { describe, expect, it } from 'vitest';
import {
  createWedgeDetector,
  IDLE,
  wedgeKey,
  type KeyTarget,
  type WedgeKeyEvent,
} from '../../../renderer/scan/wedge';
import { wedgeOptions } from '../../../renderer/scan/wedge-options';
import { createRandom } from '../../../main/sandbox/prng';

// A scripted bench: keys with the milliseconds since the previous key, fed to the detector with
// timers firing as the hook's setTimeout would (or never, to prove late timers change nothing).
// It records what a focused text field would end up holding, which keys reached the page's
// shortcuts, which scans were reported, and what Enter/Tab did.

interface Step {
  key: string;
  gap: number;
  /** The page takes this key this many ms after the keyboard stamped it (a starved page). */
  late?: number;
  repeat?: boolean;
  chord?: boolean;
}

/** `text` at `gap` ms per key; the first key comes `firstGap` ms after whatever came before. */
const typed = (text: string, gap: number, firstGap = gap): Step[] =>
  [...text].map((key, i) => ({ key, gap: i === 0 ? firstGap : gap }));
const press = (key: string, gap: number, extra: Partial<Step> = {}): Step[] => [
  { key, gap, ...extra },
];

interface Outcome {
  /** Text that reached the field (or, outside a field, the page's shortcut handler). */
  field: string;
  scans: string[];
  unterminated: string[];
  /** Scanner-speed bursts too short to be a code: reported, never acted on. */
  rejected: string[];
  /** Non-printable keys that reached the page (Enter, Tab, Backspace…), in order. */
  pageKeys: string[];
  /** Ms from each printable key to the moment it reached the field. */
  delays: number[];
}

function run(
  steps: Step[],
  { inField = true, ticks = true, options = {}, target = undefined as KeyTarget | undefined } = {},
): Outcome {
  const detector = createWedgeDetector(options);
  const out: Outcome = {
    field: '',
    scans: [],
    unterminated: [],
    rejected: [],
    pageKeys: [],
    delays: [],
  };
  const pending: number[] = []; // times of held printable keys
  let now = 1000;
  const apply = (outputs: ReturnType<typeof detector.tick>, at: number): void => {
    for (const o of outputs) {
      if (o.type === 'passthrough') {
        out.field += o.keys.join('');
        for (const _ of o.keys) out.delays.push(at - (pending.shift() ?? at));
      } else if (o.type === 'rejected') {
        out.rejected.push(o.code);
        pending.length = 0;
      } else {
        (o.terminated ? out.scans : out.unterminated).push(o.code);
        pending.length = 0;
      }
    }
  };
  const fireTimers = (until: number): void => {
    for (let d = detector.deadline(); ticks && d !== null && d <= until; d = detector.deadline()) {
      apply(detector.tick(d), d);
    }
  };
  for (const step of steps) {
    // Timers run on the page's clock: up to when the page gets to this key.
    fireTimers(now + step.gap + (step.late ?? 0));
    now += step.gap;
    const event: WedgeKeyEvent = {
      key: step.key,
      time: now,
      inEditableField: target ? target === 'text' : inField,
      ...(target ? { target } : {}),
      ...(step.repeat ? { repeat: true } : {}),
      ...(step.chord ? { chord: true } : {}),
    };
    const r = detector.key(event);
    apply(r.outputs, now);
    const printable = [...step.key].length === 1;
    if (r.swallow) {
      if (printable) pending.push(now);
    } else if (printable && !step.chord) {
      out.field += step.key;
      out.delays.push(0);
    } else if (!['Shift', 'Control', 'Alt', 'Meta'].includes(step.key)) {
      out.pageKeys.push(step.key);
    }
  }
  // Timers fire eventually, however late.
  fireTimers(now + 10_000);
  apply(detector.tick(now + 10_000), now + 10_000);
  return out;
}

const CODE20 = '00012345678905123456';

describe('wedge: scanner bursts', () => {
  it('treats a 20-key burst with 8 ms gaps ending in Enter as one scan and lets none of it reach the field', () => {
    const r = run([...typed(CODE20, 8), ...press('Enter', 8)]);
    expect(r).toMatchObject({ scans: [CODE20], field: '', pageKeys: [] });
  });

  it.each([
    ['in a text field', true],
    ['outside any field', false],
  ])('catches a scan %s the same way', (_where, inField) => {
    const r = run([...typed('PO-1001', 5), ...press('Enter', 5)], { inField });
    expect(r).toMatchObject({ scans: ['PO-1001'], field: '', pageKeys: [] });
  });

  it('ends a scan on Tab as well as Enter, and swallows the Tab so focus stays put', () => {
    const r = run([...typed('SKU-42', 6), ...press('Tab', 6)]);
    expect(r).toMatchObject({ scans: ['SKU-42'], field: '', pageKeys: [] });
  });

  it('honours a configured terminator set', () => {
    const options = { terminators: ['Enter'] };
    const r = run([...typed('SKU-42', 6), ...press('Tab', 6)], { options });
    expect(r.scans).toEqual([]);
  });

  it('accepts scanner gaps up to maxGapMs, with jitter', () => {
    const steps = [...'A1B2C3D4'].map((key, i) => ({
      key,
      gap: [3, 35, 12, 30, 1, 35, 20, 9][i] ?? 0,
    }));
    expect(run([...steps, ...press('Enter', 35)]).scans).toEqual(['A1B2C3D4']);
  });

  it('reads capitals typed with Shift, ignoring the Shift keys between characters', () => {
    const steps: Step[] = [];
    for (const ch of 'AbCd1') {
      if (ch !== ch.toLowerCase()) steps.push({ key: 'Shift', gap: 2 });
      steps.push({ key: ch, gap: 3 });
    }
    expect(run([...steps, ...press('Enter', 3)])).toMatchObject({ scans: ['AbCd1'], field: '' });
  });

  it('strips a configured prefix and suffix', () => {
    const options = { prefix: '~', suffix: '#' };
    const r = run([...typed('~036000291452#', 4), ...press('Enter', 4)], { options });
    expect(r.scans).toEqual(['036000291452']);
  });

  it('reports two scans in a row as two scans', () => {
    const r = run([
      ...typed('ORDER-1', 5),
      ...press('Enter', 5),
      ...typed('036000291452', 5, 300),
      ...press('Enter', 5),
    ]);
    expect(r.scans).toEqual(['ORDER-1', '036000291452']);
  });

  it('swallows an Enter that arrives late after a scanner-speed burst', () => {
    const r = run([...typed('SKU-42', 5), ...press('Enter', 80)]);
    expect(r).toMatchObject({ scans: ['SKU-42'], pageKeys: [], field: '' });
  });
});

describe('wedge: dropped suffix (no Enter)', () => {
  it('flushes a fast burst without Enter as a scan after the quiet timeout', () => {
    const r = run(typed('036000291452', 6));
    expect(r).toMatchObject({ scans: [], unterminated: ['036000291452'], field: '' });
  });

  it('flushes it when the next scan starts, even if the timer never fired', () => {
    const r = run([...typed('036000291452', 6), ...typed('PO-1001', 6, 400)], { ticks: false });
    expect(r).toMatchObject({ unterminated: ['036000291452', 'PO-1001'], field: '' });
  });

  it('does not report a burst shorter than the minimum length; it reaches the field instead', () => {
    const r = run(typed('ab', 6));
    expect(r).toMatchObject({ scans: [], unterminated: [], field: 'ab' });
  });

  it('does not report a burst that is only just within the gap limit on average', () => {
    const r = run(typed('abcd', 34));
    expect(r).toMatchObject({ unterminated: [], field: 'abcd' });
  });
});

describe('wedge: people typing', () => {
  it('lets a person typing at 120 ms per key type into the search box', () => {
    const r = run(typed('mug blue', 120));
    expect(r).toMatchObject({ field: 'mug blue', scans: [], unterminated: [] });
  });

  it('delays a person’s key by at most maxGapMs plus a millisecond', () => {
    const r = run(typed('hello', 150));
    expect(Math.max(...r.delays)).toBeLessThanOrEqual(36);
  });

  it('keeps a person’s Enter after their text, in order, when they submit a search', () => {
    const r = run([...typed('mug', 110), ...press('Enter', 110)]);
    expect(r).toMatchObject({ field: 'mug', pageKeys: ['Enter'], scans: [] });
  });

  it('lets a fast typist’s 2-key roll and quick Enter through (too short to be a scan)', () => {
    const r = run([...typed('hi', 20), ...press('Enter', 25)]);
    expect(r).toMatchObject({ field: 'hi', pageKeys: ['Enter'], scans: [] });
  });

  it('lets fast-but-human typing (45–90 ms per key) through untouched', () => {
    const steps = [...'packline'].map((key, i) => ({ key, gap: i % 2 ? 45 : 90 }));
    const r = run([...steps, ...press('Enter', 60)]);
    expect(r).toMatchObject({ field: 'packline', pageKeys: ['Enter'], scans: [] });
  });

  it('keeps order when a person presses Backspace right after a key', () => {
    const r = run([...typed('ab', 100), ...press('Backspace', 10), ...typed('c', 100)]);
    expect(r).toMatchObject({ field: 'abc', pageKeys: ['Backspace'] });
  });

  it('lets shortcuts outside a field through after the hold', () => {
    const r = run([...press('?', 0), ...press('Escape', 500)], { inField: false });
    expect(r).toMatchObject({ field: '?', pageKeys: ['Escape'], scans: [] });
  });

  it('never treats a held-down key (auto-repeat) as a scan', () => {
    const steps: Step[] = [{ key: 'a', gap: 0 }];
    for (let i = 0; i < 10; i++) steps.push({ key: 'a', gap: 30, repeat: true });
    const r = run(steps);
    expect(r).toMatchObject({ field: 'a'.repeat(11), scans: [], unterminated: [] });
  });

  it('lets a chord such as Ctrl+V through and does not hold it', () => {
    const r = run([...typed('ab', 100), ...press('v', 5, { chord: true })]);
    expect(r.field).toBe('ab');
    expect(r.pageKeys).toEqual(['v']);
  });

  it('settles every burst the same way whether or not the timer fires on time', () => {
    const script = [
      ...typed('mug', 120),
      ...press('Enter', 120),
      ...typed('036000291452', 6, 500),
      ...press('Enter', 6),
      ...typed('x6', 150),
    ];
    const onTime = run(script);
    const late = run(script, { ticks: false });
    expect({ ...late, delays: [] }).toEqual({ ...onTime, delays: [] });
    expect(onTime).toMatchObject({ field: 'mugx6', scans: ['036000291452'], pageKeys: ['Enter'] });
  });
});

/** `count` codes of 4–20 characters, every key (and each Enter) 0–80 ms after the one before. */
function stretchedScans(seed: number, count: number, endKey = 'Enter') {
  const random = createRandom(seed).next;
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ-';
  const codes: string[] = [];
  const steps: Step[] = [];
  for (let n = 0; n < count; n++) {
    const length = 4 + Math.floor(random() * 17);
    let code = '';
    for (let i = 0; i < length; i++) code += alphabet[Math.floor(random() * alphabet.length)];
    codes.push(code);
    for (const key of code) steps.push({ key, gap: Math.floor(random() * 81) });
    steps.push({ key: endKey, gap: Math.floor(random() * 81) });
  }
  return { codes, steps };
}

describe('wedge: outside text fields a burst ending with the suffix is one scan', () => {
  it.each([
    ['the page body', 'page', true],
    ['the page body, timers never firing', 'page', false],
    ['a focused button', 'control', true],
  ] as const)(
    'reads 1,000 scans with random 0–80 ms gaps on %s as exactly those 1,000 codes',
    (_where, target, ticks) => {
      const { codes, steps } = stretchedScans(20_260_101, 1000);
      const r = run(steps, { target, ticks });
      expect(r.scans).toEqual(codes);
      expect(r).toMatchObject({ unterminated: [], rejected: [], field: '', pageKeys: [] });
    },
  );

  it('reads stretched scans ending with Tab when the scanner sends Tab', () => {
    const { codes, steps } = stretchedScans(7, 50, 'Tab');
    const r = run(steps, { target: 'page', options: { terminators: ['Tab'] } });
    expect(r).toMatchObject({ scans: codes, field: '', pageKeys: [] });
  });

  it('splits the same stretched scans inside a text field, where timing tells people apart', () => {
    const { codes, steps } = stretchedScans(20_260_101, 50);
    expect(run(steps, { target: 'text' }).scans).not.toEqual(codes);
  });

  it('keeps a person’s quantity after a scan: "x6" then Enter at typing pace goes to the page', () => {
    const r = run(
      [...typed('036000291452', 5), ...press('Enter', 5), ...typed('x6', 150, 400)].concat(
        press('Enter', 150),
      ),
      { target: 'page' },
    );
    expect(r).toMatchObject({
      scans: ['036000291452'],
      field: 'x6',
      pageKeys: ['Enter'],
      rejected: [],
    });
  });

  it('keeps a scan whole when a starved page takes its next key after the quiet time', () => {
    // "F54A" stamped 40 ms apart, then the page is busy: "5" (stamped 60 ms after "A") is taken
    // 600 ms later, after a 0.4 s quiet timer would have handed "F54A" to the page.
    const steps = [...typed('F54A', 40), { key: '5', gap: 60, late: 600 }, ...typed('5G', 40)];
    const r = run([...steps, ...press('Enter', 40)], { target: 'page' });
    expect(r).toMatchObject({ scans: ['F54A55G'], field: '', pageKeys: [], rejected: [] });
  });

  // The station's input stalls mid-scan (a busy PC, the app's main process, a Bluetooth link):
  // the keyboard stamped every key in time, but the rest reaches the page after its quiet timer
  // ran. A test runner starved for a moment does the same to its keys.
  const stalled = (before: string, after: string, stallMs: number): Step[] => [
    ...typed(before, 5),
    { key: after[0]!, gap: 5, late: stallMs },
    ...typed(after.slice(1), 5),
    ...press('Enter', 5),
  ];

  it('keeps a scan whole when the input stalls mid-code longer than any quiet time', () => {
    const r = run(stalled('PL-E', 'ARB-WHT-L123', 2000), { target: 'page' });
    expect(r.scans).toEqual(['PL-EARB-WHT-L123']);
    // The part before the stall was reported while the rest was still on its way.
    expect(r.unterminated).toEqual(['PL-E']);
    expect(r).toMatchObject({ field: '', pageKeys: [] });
  });

  it('never hands two keys at a scanner’s pace to the page’s shortcuts when the rest is late', () => {
    // Before, "PL" reached the shortcuts (and an "E" there empties the box).
    const r = run(stalled('PL', '-EARB-WHT-L123', 1000), { target: 'page' });
    expect(r).toMatchObject({ field: '', pageKeys: [], scans: ['PL-EARB-WHT-L123'] });
    expect(r.rejected).toEqual(['PL']);
  });

  it('still reads the whole code when the stall comes right after its first key', () => {
    const r = run(stalled('E', 'ARB-WHT-L123', 600), { target: 'page' });
    expect(r.scans).toEqual(['EARB-WHT-L123']);
    // One key alone is a person's shortcut after the quiet time: that much cannot be told apart.
    expect(r.field).toBe('E');
  });

  it('swallows a scan’s Enter that arrives after the code went out without it', () => {
    const steps = [...typed(CODE20, 5), { key: 'Enter', gap: 5, late: 3000 }];
    const r = run(steps, { target: 'page' });
    expect(r).toMatchObject({ unterminated: [CODE20], scans: [], pageKeys: [] });
  });

  it('never hands a person’s key to the page twice when their next key comes in late', () => {
    // "e" goes to the page after the quiet time; "x", typed 300 ms after it, is taken late.
    const steps = [...press('e', 0), { key: 'x', gap: 300, late: 200 }, ...press('Escape', 1000)];
    const r = run(steps, { target: 'page' });
    expect(r).toMatchObject({ field: 'ex', pageKeys: ['Escape'], scans: [], rejected: [] });
  });

  it('starts afresh with a key pressed after the quiet time, not stamped within it', () => {
    const r = run([...typed('PL', 5), ...press('e', 2000), ...press('Escape', 1000)], {
      target: 'page',
    });
    expect(r).toMatchObject({ rejected: ['PL'], field: 'e', pageKeys: ['Escape'], scans: [] });
  });

  it('still hands a person’s keys over after the quiet time when they are slower than a scan', () => {
    const r = run([...typed('x12', 150), ...press('Escape', 1000)], { target: 'page' });
    expect(r).toMatchObject({ field: 'x12', pageKeys: ['Escape'], scans: [] });
    expect(Math.max(...r.delays)).toBeLessThanOrEqual(701);
  });

  it('hands a person’s shortcut key to the page after the quiet time, not before', () => {
    const r = run([...press('c', 0), ...press('Escape', 1000)], { target: 'page' });
    expect(r).toMatchObject({ field: 'c', pageKeys: ['Escape'], scans: [] });
    expect(r.delays[0]).toBeGreaterThan(350);
    expect(r.delays[0]).toBeLessThanOrEqual(401);
  });

  it('hands held keys over at once when a non-printable key follows (a person’s Esc)', () => {
    const r = run([...press('1', 0), ...press('Escape', 50)], { target: 'page' });
    expect(r).toMatchObject({ field: '1', pageKeys: ['Escape'], delays: [50] });
  });
});

describe('wedge: a code too short is not understood', () => {
  it.each([
    ['the page body', 'page'],
    ['a focused button', 'control'],
  ] as const)('rejects a 3-character scan on %s and swallows its Enter', (_where, target) => {
    const r = run([...typed('123', 4), ...press('Enter', 4)], { target });
    expect(r).toMatchObject({ rejected: ['123'], scans: [], field: '', pageKeys: [] });
  });

  it('rejects a short code that is not a number whatever its pace (a busy PC slows scanners)', () => {
    const r = run([...typed('AB1', 150), ...press('Enter', 150)], { target: 'page' });
    expect(r).toMatchObject({ rejected: ['AB1'], scans: [], field: '', pageKeys: [] });
  });

  it('rejects a short number at scanner speed, though at a person’s pace it is a quantity', () => {
    const r = run([...typed('x6', 4), ...press('Enter', 4)], { target: 'page' });
    expect(r).toMatchObject({ rejected: ['x6'], field: '', pageKeys: [] });
  });

  it('judges the length after stripping the prefix', () => {
    const options = { prefix: '~' };
    const r = run([...typed('~12', 4), ...press('Enter', 4)], { target: 'page', options });
    expect(r).toMatchObject({ rejected: ['12'], scans: [], field: '' });
  });

  it('honours a larger minimum length', () => {
    const options = { minLength: 8 };
    const r = run([...typed('ABC1234', 4), ...press('Enter', 4)], { target: 'page', options });
    expect(r).toMatchObject({ rejected: ['ABC1234'], scans: [] });
  });
});

describe('wedge: keys on a focused control do what they do in any app', () => {
  const o = wedgeOptions();
  const key = (k: string, target: KeyTarget, time = 0): WedgeKeyEvent => ({
    key: k,
    time,
    inEditableField: false,
    target,
  });

  it.each([
    ['Space on a focused button presses it', ' ', 'control'],
    ['Space on a focused checkbox ticks it', ' ', 'control'],
    ['Enter on a focused button presses it', 'Enter', 'control'],
    ['a letter on a focused select picks in it', 'o', 'list'],
    ['a digit on a focused date field edits it', '7', 'list'],
    ['an arrow on a focused select moves in it', 'ArrowDown', 'list'],
  ] as const)('%s', (_what, k, target) => {
    const step = wedgeKey(IDLE, key(k, target), o);
    expect(step).toMatchObject({ swallow: false, outputs: [] });
  });

  it('lets a person type several letters into a select for its type-ahead', () => {
    const r = run([...typed('out', 60), ...press('Enter', 300)], { target: 'list' });
    expect(r).toMatchObject({ field: 'out', pageKeys: ['Enter'], scans: [] });
  });

  it('still reads a scanner-speed burst into a focused select, so its Enter does not submit', () => {
    const r = run([...typed('PO-1001', 5), ...press('Enter', 5)], { target: 'list' });
    expect(r).toMatchObject({ scans: ['PO-1001'], pageKeys: [] });
  });

  it('lets a person’s letter on a focused button reach the page (it does nothing there)', () => {
    const r = run([...press('c', 0), ...press('Enter', 1000)], { target: 'control' });
    expect(r).toMatchObject({ field: 'c', pageKeys: ['Enter'], scans: [], rejected: [] });
  });

  it('counts a Space inside a scan on a focused button as part of the code', () => {
    const r = run([...typed('AB CD', 5), ...press('Enter', 5)], { target: 'control' });
    expect(r).toMatchObject({ scans: ['AB CD'], field: '', pageKeys: [] });
  });
});

describe('wedge: pure transitions', () => {
  const o = wedgeOptions();

  it('holds the first printable key and reports nothing yet', () => {
    const step = wedgeKey(IDLE, { key: '1', time: 0, inEditableField: true }, o);
    expect(step).toMatchObject({ swallow: true, outputs: [] });
    expect(step.state.held).toHaveLength(1);
  });

  it('ignores a lone Enter with nothing held', () => {
    expect(wedgeKey(IDLE, { key: 'Enter', time: 0, inEditableField: true }, o)).toEqual({
      state: IDLE,
      swallow: false,
      outputs: [],
    });
  });

  it('never waits less than maxGapMs for a late terminator', () => {
    expect(wedgeOptions({ maxGapMs: 50, lateTerminatorMs: 10 }).lateTerminatorMs).toBe(50);
  });

  it('flushes a burst in progress when asked (focus lost)', () => {
    const d = createWedgeDetector();
    d.key({ key: 'a', time: 0, inEditableField: true });
    expect(d.flush()).toEqual([{ type: 'passthrough', keys: ['a'], inEditableField: true }]);
    expect(d.deadline()).toBeNull();
  });
});
