// A scanner on a busy station, for the scanner spec and bench: codes typed key by key with random
// 0–80 ms gaps (seeded), into a page kept busy by CPU throttling and a main-thread burner, and
// what Settings → "Test your scanner" reported for each.
import type { Page } from '@playwright/test';
import { createRandom } from '../../main/sandbox/prng';

/** Deterministic 0..1 (the sandbox's mulberry32), so a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  return createRandom(seed).next;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ-';

function randomCode(random: () => number, minLength: number, maxLength: number): string {
  const length = minLength + Math.floor(random() * (maxLength - minLength + 1));
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return code;
}

/** The detector's default quiet time outside text fields (wedge.ts). */
const QUIET_MS = 400;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What Chromium needs to type one key of a scan (letters, digits, '-', Enter). */
function keyEvent(key: string) {
  if (key === 'Enter') return { key, code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
  const upper = key.toUpperCase();
  const windowsVirtualKeyCode = key === '-' ? 189 : upper.charCodeAt(0);
  return { key, text: key, unmodifiedText: key, windowsVirtualKeyCode };
}

/**
 * Types `code` and Enter as a scanner does on a busy station: key k leaves the scanner 0–`maxGapMs`
 * ms (uniform, seeded) after key k−1, and the operating system stamps each key when it arrives,
 * however late the page gets to it. The keys go to Chromium stamped with those times and without
 * waiting for the page to take the one before — page.keyboard.press waits for the page, so on a
 * loaded test machine its own round trips, not the scanner, would open 0.4 s gaps (a real
 * scanner's keys never wait for the page). Paced in real time all the same, so a key can reach
 * the page after its quiet timer was due, as on a starved station.
 */
export async function typeStretched(
  page: Page,
  code: string,
  random: () => number,
  maxGapMs = 80,
): Promise<{ runnerLateMs: number }> {
  return typeStamped(page, code, () => Math.floor(random() * (maxGapMs + 1)), { paced: true });
}

/**
 * A scan as a USB scanner types it: `code` and Enter, every key stamped `gapMs` after the one
 * before. All keys are handed to Chromium at once, not paced: a scanner never pauses mid-code, but
 * a test runner on a loaded machine can stall for half a second between two of its own timers —
 * and a key that has not even left the runner is a pause no page could wait out.
 */
export async function scanKeys(page: Page, code: string, gapMs = 5): Promise<void> {
  await typeStamped(page, code, () => gapMs, { paced: false });
}

/**
 * A scan whose keys leave the runner `gapMs` apart in real time, as a scanner sends them: for
 * timing the page's answer to the Enter, which must not queue behind keys a runner handed over
 * all at once (Chromium takes them one by one, and the last would wait for the rest).
 */
export async function scanKeysPaced(page: Page, code: string, gapMs = 5): Promise<void> {
  await typeStamped(page, code, () => gapMs, { paced: true });
}

/**
 * A scan whose keys leave the scanner `gapMs` apart, but whose input stalls after `afterKeys`
 * keys: the rest is stamped in time and reaches the page `stallMs` late (a busy station PC, a
 * Bluetooth link), after the page's quiet timer has run.
 */
export async function scanKeysStalled(
  page: Page,
  code: string,
  { afterKeys, stallMs, gapMs = 5 }: { afterKeys: number; stallMs: number; gapMs?: number },
): Promise<void> {
  await typeStamped(page, code, () => gapMs, { paced: true, stall: { afterKeys, stallMs } });
}

/**
 * `code` and Enter, each key stamped `nextGap()` ms after the one before; `paced` also hands each
 * over at its time (see typeStretched), else all at once with their stamps. `stall` holds the
 * keys from `afterKeys` on back `stallMs` without changing their stamps.
 */
async function typeStamped(
  page: Page,
  code: string,
  nextGap: () => number,
  { paced, stall }: { paced: boolean; stall?: { afterKeys: number; stallMs: number } },
): Promise<{ runnerLateMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const keys = [...code, 'Enter'];
    const gaps = keys.map((_, i) => (i > 0 ? nextGap() : 0));
    // Handed over at once, the keys are stamped as having just arrived, none in the future.
    const start = paced ? Date.now() : Date.now() - gaps.reduce((n, g) => n + g, 0);
    let at = start;
    let runnerLateMs = 0;
    const sent: Promise<unknown>[] = [];
    for (let i = 0; i < keys.length; i++) {
      at += gaps[i]!;
      if (i === stall?.afterKeys) {
        // The keys before it must have reached the page, or the stall is no stall there.
        await Promise.all(sent);
        await pause(stall.stallMs);
      }
      const wait = at - Date.now();
      if (paced && wait > 0) await pause(wait);
      // How late this runner (not the page) handed the key over: a starved test machine.
      runnerLateMs = Math.max(runnerLateMs, Date.now() - at);
      const event = keyEvent(keys[i]!);
      sent.push(
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...event, timestamp: at / 1000 }),
        cdp.send('Input.dispatchKeyEvent', {
          type: 'keyUp',
          key: event.key,
          windowsVirtualKeyCode: event.windowsVirtualKeyCode,
          timestamp: (at + 1) / 1000,
        }),
      );
    }
    await Promise.all(sent);
    return { runnerLateMs };
  } finally {
    await cdp.detach();
  }
}

/**
 * Keeps the page's main thread busy: 4× CPU throttling and a loop burning 5 ms of every 25 ms
 * (20 ms of every 25 under the throttle), so keydowns queue behind work as on a loaded station.
 * Returns the undo.
 */
export async function keepBusy(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate(() => {
    const w = window as unknown as { __burner?: number };
    w.__burner = window.setInterval(() => {
      const end = performance.now() + 5;
      while (performance.now() < end) {
        // burn
      }
    }, 25);
  });
  return async () => {
    await page.evaluate(() => clearInterval((window as unknown as { __burner?: number }).__burner));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  };
}

interface TestAreaReport {
  read: number;
  notUnderstood: number;
  code: string;
  gaps: number[];
}

/** Waits until "Test your scanner" has reported something new since `before`, and reads it. */
async function nextReport(
  page: Page,
  before: { read: number; notUnderstood: number },
): Promise<TestAreaReport> {
  // No named helpers inside: tsx (the bench) would wrap them in a __name() the page lacks.
  const handle = await page.waitForFunction(
    (b) => {
      const [readText, notUnderstoodText, code, gapsText] = [
        'output[aria-label="Scans read"]',
        'output[aria-label="Scans not understood"]',
        '[aria-label="Code read"]',
        '[aria-label="Gaps measured"]',
      ].map((selector) => document.querySelector(selector)?.textContent ?? '');
      const read = Number(readText);
      const notUnderstood = Number(notUnderstoodText);
      if (read === b.read && notUnderstood === b.notUnderstood) return false;
      return {
        read,
        notUnderstood,
        code: code ?? '',
        gaps: (gapsText ?? '')
          .split(' ms')[0]!
          .split(',')
          .map((g) => Number(g.trim()))
          .filter((g) => Number.isFinite(g) && g >= 0),
      };
    },
    before,
    { timeout: 5_000 },
  );
  return (await handle.jsonValue()) as TestAreaReport;
}

/** Percentile of a list (nearest rank). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/**
 * Types `count` random codes into the focused test area with stretched gaps and counts what the
 * app reported: a split shows as a wrong code, an extra read or a "not understood".
 */
export async function stretchedRun(
  page: Page,
  options: { count: number; seed: number; minLength: number; maxLength: number },
): Promise<{
  scans: number;
  split: number;
  misread: number;
  stalled: number;
  gaps: number[];
  ms: number;
  /** The first few scans read wrong: what was typed, what the app read. */
  wrongs: { typed: string; read: string; kind: string; runnerLateMs: number }[];
}> {
  const random = seeded(options.seed);
  const started = Date.now();
  let last = { read: 0, notUnderstood: 0 };
  let split = 0;
  let misread = 0;
  let stalled = 0;
  const gaps: number[] = [];
  const wrongs: { typed: string; read: string; kind: string; runnerLateMs: number }[] = [];
  for (let n = 0; n < options.count; n++) {
    const code = randomCode(random, options.minLength, options.maxLength);
    const { runnerLateMs } = await typeStretched(page, code, random);
    let report: TestAreaReport;
    try {
      report = await nextReport(page, last);
    } catch {
      // Nothing reported: the burst went to the page as a person's keys.
      if (runnerLateMs >= QUIET_MS - 80) stalled++;
      else split++;
      continue;
    }
    const wrong =
      report.read - last.read !== 1 || report.notUnderstood !== last.notUnderstood
        ? 'split'
        : report.code !== code
          ? 'misread'
          : undefined;
    // A key this runner handed over later than the quiet time after the one before it was due
    // is a person's pause by design: the runner itself stalled (a starved machine), not the
    // scanner or the page. Counted apart.
    if (wrong && wrongs.length < 10)
      wrongs.push({ typed: code, read: report.code, kind: wrong, runnerLateMs });
    if (wrong && runnerLateMs >= QUIET_MS - 80) stalled++;
    else if (wrong === 'split') split++;
    else if (wrong === 'misread') misread++;
    gaps.push(...report.gaps);
    last = report;
  }
  return {
    scans: options.count,
    split,
    misread,
    stalled,
    gaps,
    ms: Date.now() - started,
    wrongs,
  };
}
