// The list budget adapts to an account other stations share: it halves on each 429 and doubles
// back after each quiet spell.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS, RateBudget } from '../../../main/feedamp/rate-budget.js';
import { fakeClock } from './scripted-server.js';
import { simulateCrowd, VirtualTime } from './stations-sim.js';

const adaptive = { minPerSecond: 0.1, doubleAfterMs: 5_000 };

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

  it('doubles after each quiet spell, up to its full rate', () => {
    const { clock, b } = budget();
    b.rateLimited(1_000);
    clock.advance(1_000);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(0.5);
    clock.advance(4_999);
    expect(b.currentPerSecond()).toBe(0.5);
    clock.advance(1);
    expect(b.currentPerSecond()).toBe(1);
    clock.advance(5_000);
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
    clock.advance(4_000);
    // 8 s after the first 429 but only 4 s after the second: still at a quarter.
    expect(b.currentPerSecond()).toBe(0.5);
  });

  it('puts the first call after the pause a random part of the new interval later', async () => {
    const { clock, b } = budget(() => 0.5);
    b.rateLimited(2_000);
    const [first] = await sendTimes(b, clock, 1);
    // Pause 2 s, then half of the new 1 s interval: stations told the same wait spread out.
    expect(first).toBe(2_500);
  });

  it('a budget without adaptation only pauses', () => {
    const clock = fakeClock(0);
    const b = new RateBudget({ perSecond: 10, burst: 5 }, clock.now, clock.sleep);
    b.rateLimited(3_000);
    expect(b.currentPerSecond()).toBe(10);
  });

  it('the list budget adapts by default and is back at full rate 5 s after a lone 429', () => {
    const clock = fakeClock(0);
    const b = new RateBudget(DEFAULT_BUDGETS.list, clock.now, clock.sleep);
    b.rateLimited(1_000);
    expect(b.currentPerSecond()).toBe(1);
    clock.advance(5_000);
    expect(b.currentPerSecond()).toBe(2);
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
    expect(at).toEqual([0, 1_100, 2_100]);
  });

  it('holding slots of a slow rate move forward when the rate doubles', async () => {
    const time = new VirtualTime();
    const b = new RateBudget(
      { perSecond: 2, burst: 1, adaptive: { minPerSecond: 0.01, doubleAfterMs: 5_000 } },
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
    // Quiet since 3 s: doubled at 8 s (4 s a send) and 13 s (2 s a send). The slots once held
    // at 11 s and 19 s come forward; without that the last would wait until 19 s.
    expect(at[0]).toBe(4_000);
    expect(at[2]).toBeLessThanOrEqual(14_000);
  });
});

describe('ten stations signing in together on one account (simulated)', () => {
  it('finish their first syncs within 1.5 × the floor, and a lone station meets no 429', async () => {
    const ratios: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const crowd = await simulateCrowd({ stations: 10, orderPages: 8, returnPages: 1, seed });
      expect(crowd.signInFailed).toEqual([]);
      ratios.push(Math.max(...crowd.doneMs) / crowd.floorMs);
    }
    // Growing back by a small step a second, the same crowds took 2.2–2.8 × the floor.
    ratios.sort();
    expect(ratios[2]).toBeLessThanOrEqual(1.5);
    expect(ratios[4]).toBeLessThanOrEqual(1.6);
    const lone = await simulateCrowd({ stations: 1, orderPages: 40, returnPages: 1, seed: 1 });
    expect(lone.limited).toBe(0);
    // Its first page goes at once, each later one half a second (plus the margin) after.
    expect(lone.doneMs[0]).toBeLessThanOrEqual(1.05 * (lone.accepted - 1) * 500 + 1_000);
  });
});
