// The list budget adapts to an account other stations share: it halves on each 429 and grows
// back slowly (additive increase, multiplicative decrease).
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS, RateBudget } from '../../../main/feedamp/rate-budget.js';
import { fakeClock } from './scripted-server.js';

const adaptive = { minPerSecond: 0.1, increasePerSecondPerSecond: 0.01 };

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
    // Nothing before the pause ends, then about one a second (growing back by 1 % a second)
    // instead of one every 500 ms.
    expect(times[0]).toBe(1_000);
    for (const gap of [times[1]! - times[0]!, times[2]! - times[1]!]) {
      expect(gap).toBeGreaterThan(970);
      expect(gap).toBeLessThanOrEqual(1_000);
    }
  });

  it('counts several 429s within a second as one crowded moment', () => {
    const { b } = budget();
    b.rateLimited(1_000);
    b.rateLimited(1_000);
    b.rateLimited(undefined);
    expect(b.currentPerSecond()).toBe(1);
  });

  it('keeps halving on 429s a second or more apart, down to its floor', () => {
    const { clock, b } = budget();
    const rates: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.rateLimited(1_000);
      rates.push(b.currentPerSecond());
      clock.advance(1_000);
    }
    // Each step is half the rate it had grown back to in that second (0.01/s per second).
    expect(rates[0]).toBe(1);
    expect(rates[1]).toBeCloseTo(0.505, 3);
    expect(rates[2]).toBeCloseTo(0.2575, 3);
    expect(rates.at(-1)).toBe(0.1);
  });

  it('grows back by a fixed step per quiet second, up to its full rate', () => {
    const { clock, b } = budget();
    b.rateLimited(1_000);
    clock.advance(50_000);
    expect(b.currentPerSecond()).toBeCloseTo(1.5, 5);
    clock.advance(50_000);
    expect(b.currentPerSecond()).toBe(2);
    clock.advance(50_000);
    expect(b.currentPerSecond()).toBe(2);
    expect(b.slowdown()).toBe(1);
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

  it('the list budget adapts by default and recovers from half in minutes, not seconds', () => {
    const clock = fakeClock(0);
    const b = new RateBudget(DEFAULT_BUDGETS.list, clock.now, clock.sleep);
    b.rateLimited(1_000);
    clock.advance(60_000);
    expect(b.currentPerSecond()).toBeGreaterThan(1);
    expect(b.currentPerSecond()).toBeLessThan(1.5);
    clock.advance(10 * 60_000);
    expect(b.currentPerSecond()).toBe(2);
  });
});
