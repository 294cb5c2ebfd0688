// The list budget adapts to an account other stations share: it halves on each crowded moment
// (deeper at once when the first 429 says the others alone filled FeedAMP's window), doubles
// back after each quiet spell, and once it has met a 429 sends on its own slots of a grid every
// station draws alike. Crowds of stations: shared-account.test.ts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../../main/feedamp/budgets.js';
import { RateBudget } from '../../../main/feedamp/rate-budget.js';
import { fakeClock } from './scripted-server.js';
import { VirtualTime } from './stations-sim.js';

// A crowded moment of one second, whatever the rate (the tests of its length set their own);
// one halving for every first 429 (the tests of the crowd's deeper drop set their own).
const adaptive = { minPerSecond: 0.1, doubleAfterMs: 5_000, crowdedIntervals: 0, crowdHalvings: 1 };

function budget(random = () => 0) {
  const clock = fakeClock(0);
  const b = new RateBudget({ perSecond: 2, burst: 1, adaptive }, clock.now, clock.sleep, random);
  return { clock, b };
}

async function sendTimes(b: RateBudget, clock: { now: () => number }, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await b.acquire();
    times.push(clock.now());
  }
  return times;
}

describe('adaptive list budget', () => {
  it('halves on a 429 and waits out Retry-After before the next call', async () => {
    const { clock, b } = budget();
    await sendTimes(b, clock, 1);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(1);
    expect(b.slowdown()).toBe(2);
    const times = await sendTimes(b, clock, 3);
    // Nothing before the pause ends, then one a second instead of one every 500 ms.
    expect(times).toEqual([1_000, 2_000, 3_000]);
  });

  it('counts several 429s within a second as one crowded moment', () => {
    const { b } = budget();
    b.rateLimited(1_000);
    b.rateLimited(1_000);
    b.rateLimited(undefined);
    expect(b.currentPerSecond()).toBe(1);
  });

  it('keeps halving on 429s a second or more apart, never below its floor', () => {
    const { clock, b } = budget();
    const rates: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.rateLimited(1_000);
      rates.push(b.currentPerSecond());
      clock.advance(1_000);
    }
    // 2 → 1 → 0.5 → 0.25 → 0.125; one more halving would go under 0.1.
    expect(rates).toEqual([1, 0.5, 0.25, 0.125, 0.125, 0.125, 0.125, 0.125]);
  });

  it('doubles after each quiet spell, the sooner the slower it runs, up to its full rate', () => {
    const { clock, b } = budget();
    b.rateLimited(1_000);
    clock.advance(1_000);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(0.5);
    // From a quarter of the rate, half the spell (2.5 s); from half of it, the whole (5 s): it
    // gains 0.2 a second each second.
    clock.advance(2_499);
    expect(b.currentPerSecond()).toBe(0.5);
    clock.advance(1);
    expect(b.currentPerSecond()).toBe(1);
    clock.advance(4_999);
    expect(b.currentPerSecond()).toBe(1);
    clock.advance(1);
    expect(b.currentPerSecond()).toBe(2);
    clock.advance(50_000);
    expect(b.currentPerSecond()).toBe(2);
    expect(b.slowdown()).toBe(1);
  });

  it('a 429 starts the quiet spell again', () => {
    const { clock, b } = budget();
    b.rateLimited(1_000);
    clock.advance(4_000);
    b.rateLimited(1_000);
    clock.advance(2_000);
    // 6 s after the first 429 but only 2 s after the second: still at a quarter.
    expect(b.currentPerSecond()).toBe(0.5);
  });

  it('after the pause sends on a slot drawn among the slots of the new rate', async () => {
    const { clock, b } = budget(() => 0.5);
    b.rateLimited(2_000);
    const times = await sendTimes(b, clock, 3);
    // At 1 a second it owns every second 500 ms slot; drawn: the odd ones. Stations told the
    // same wait come back on different slots.
    expect(times).toEqual([2_500, 3_500, 4_500]);
  });

  it('sends on the slots of a grid drawn from the clock, not from its own last call', async () => {
    const { clock, b } = budget(() => 0);
    clock.advance(1_234);
    b.rateLimited(undefined);
    const times = await sendTimes(b, clock, 2);
    // Slot 0 of every 2: whole seconds, so stations whose clocks agree share one grid.
    expect(times).toEqual([2_000, 3_000]);
  });

  it('halves once for the 429s that answer the calls of a few intervals at the slowed rate', () => {
    const clock = fakeClock(0);
    const crowded = { ...adaptive, crowdedIntervals: 2 };
    const b = new RateBudget({ perSecond: 2, burst: 1, adaptive: crowded }, clock.now, clock.sleep);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(1);
    // Within two intervals (2 s at 1 a second) of the halving: the same crowded moment.
    clock.advance(1_500);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(1);
    // Counted from the halving, not from the last 429: 429s that keep coming still slow it.
    clock.advance(600);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(0.5);
  });

  it('a budget without adaptation only pauses', () => {
    const clock = fakeClock(0);
    const b = new RateBudget({ perSecond: 10, burst: 5 }, clock.now, clock.sleep);
    b.rateLimited(3_000);
    expect(b.currentPerSecond()).toBe(10);
  });

  it('the list budget adapts by default and is back at full rate 10 s after a lone 429', async () => {
    const clock = fakeClock(0);
    const b = new RateBudget(DEFAULT_BUDGETS.list, clock.now, clock.sleep);
    b.accepted(await b.acquire());
    clock.advance(500);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(1);
    clock.advance(9_999);
    expect(b.currentPerSecond()).toBe(1);
    clock.advance(1);
    expect(b.currentPerSecond()).toBe(2);
  });
});

describe('the first 429 at full rate', () => {
  // Drops to an eighth at once when the others alone filled the window (the default's depth).
  const crowd = { ...adaptive, minPerSecond: 0.01, crowdHalvings: 3 };

  function fullRate() {
    const clock = fakeClock(0);
    const b = new RateBudget({ perSecond: 2, burst: 1, adaptive: crowd }, clock.now, clock.sleep);
    return { clock, b };
  }

  /** Its first request, through or refused, and a 429 `afterMs` later. */
  async function refusedAfter(firstThrough: boolean, afterMs: number) {
    const { clock, b } = fullRate();
    const sentAt = await b.acquire();
    if (firstThrough) b.accepted(sentAt);
    clock.advance(afterMs);
    b.rateLimited(1_000);
    return { clock, b };
  }

  it('drops to an eighth when none of its own requests got through in the last second', async () => {
    // Signing in with ten others: its very first request is refused.
    const { b } = await refusedAfter(false, 100);
    expect(b.currentPerSecond()).toBe(0.25);
    expect(b.slowdown()).toBe(8);
  });

  it('halves once when one of its own requests of the last second got through', async () => {
    // Two stations signing in together: both first requests pass, both second ones are refused.
    const { b } = await refusedAfter(true, 500);
    expect(b.currentPerSecond()).toBe(1);
  });

  it('counts only its own requests sent within the last second', async () => {
    // A request of a second ago is out of FeedAMP's window: the others filled it alone.
    const { b } = await refusedAfter(true, 1_000);
    expect(b.currentPerSecond()).toBe(0.25);
  });

  it('drops deeper only from full rate: a slowed station halves once per crowded moment', async () => {
    const { clock, b } = await refusedAfter(true, 100);
    expect(b.currentPerSecond()).toBe(1);
    // Two seconds on, nothing of its own through since: a new crowded moment, one halving.
    clock.advance(2_000);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(0.5);
  });

  it('grows back from the eighth by the same quiet spells', async () => {
    const { clock, b } = await refusedAfter(false, 0);
    // An eighth doubles after a quarter of the spell, a quarter after half, a half after all.
    const rates = [1_250, 2_500, 5_000].map((ms) => {
      clock.advance(ms);
      return b.currentPerSecond();
    });
    expect(rates).toEqual([0.5, 1, 2]);
  });
});

describe('callers waiting on an adaptive budget', () => {
  const sends = (time: VirtualTime, b: RateBudget, n: number, at: number[]) =>
    Promise.all(
      Array.from({ length: n }, async () => {
        await b.acquire();
        at.push(time.now());
      }),
    );

  it('after a 429 take places in the new schedule instead of all going when the pause ends', async () => {
    const time = new VirtualTime();
    const b = new RateBudget({ perSecond: 2, burst: 1, adaptive }, time.now, time.sleep, () => 0);
    const at: number[] = [];
    const waiting = sends(time, b, 3, at);
    // The first has gone at 0; the others hold slots at 500 and 1,000 when a 429 comes at 100.
    await time.run(
      (async () => {
        await time.sleep(100);
        b.rateLimited(1_000);
      })(),
      10_000,
    );
    await time.run(waiting, 10_000);
    // They take the slots of the new rate after the pause (every whole second here), one by
    // one, rather than going together at 1,100.
    expect(at).toEqual([0, 2_000, 3_000]);
  });

  it('holding slots of a slow rate move forward when the rate doubles', async () => {
    const time = new VirtualTime();
    const b = new RateBudget(
      {
        perSecond: 2,
        burst: 1,
        adaptive: { ...adaptive, minPerSecond: 0.01 },
      },
      time.now,
      time.sleep,
      () => 0,
    );
    // Four 429s a second apart: 0.125 a second, one send every 8 s.
    await time.run(
      (async () => {
        for (let i = 0; i < 4; i++) {
          b.rateLimited(undefined);
          await time.sleep(1_000);
        }
      })(),
      10_000,
    );
    const at: number[] = [];
    await time.run(sends(time, b, 3, at), 60_000);
    // Slots every 8 s from 8 s on at first. Quiet since 3 s, the rate doubles at 3.6 s, 4.9 s,
    // 7.4 s and 12.4 s, and the slots come forward: without that the last would wait until 24 s.
    expect(at[0]).toBeLessThan(8_000);
    expect(at[2]).toBeLessThanOrEqual(9_000);
  });
});
