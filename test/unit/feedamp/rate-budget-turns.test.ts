// A station given its turn in Settings (station k of N on a shared account) sends list requests
// only in its own slots of the account's grid: every N-th slot of 500 ms (+ margin), counted
// from the epoch so that stations whose clocks agree draw the same grid.
import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../../main/feedamp/rate-budget.js';
import { fakeClock } from './scripted-server.js';

const adaptive = {
  minPerSecond: 1 / 64,
  doubleAfterMs: 10_000,
  crowdedIntervals: 2,
  crowdHalvings: 3,
};
const SLOT = 500;

function station(turn: { station: number; of: number } | undefined, random = () => 0) {
  const clock = fakeClock(0);
  const b = new RateBudget({ perSecond: 2, burst: 1, adaptive }, clock.now, clock.sleep, random);
  b.setTurn(turn);
  return { clock, b };
}

async function sendTimes(b: RateBudget, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await b.acquire());
  return times;
}

describe('a station with its turn on a shared account', () => {
  it('sends only in its own slots: station 3 of 4 in every fourth slot from the third', async () => {
    const { b } = station({ station: 3, of: 4 });
    expect(await sendTimes(b, 3)).toEqual([2 * SLOT, 6 * SLOT, 10 * SLOT]);
  });

  it('stations 1 to 4 of 4 never share a slot and together use the whole account', async () => {
    const all: number[] = [];
    for (let k = 1; k <= 4; k++)
      all.push(...(await sendTimes(station({ station: k, of: 4 }).b, 5)));
    all.sort((a, b) => a - b);
    expect(new Set(all).size).toBe(20);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i * SLOT));
  });

  it('runs at its full share: not slowed, so its syncs keep their interval', () => {
    const { b } = station({ station: 2, of: 10 });
    expect(b.currentPerSecond()).toBeCloseTo(0.2);
    expect(b.slowdown()).toBe(1);
  });

  it('a 429 on its turn halves its share once (a clock off or a number given twice)', async () => {
    const { clock, b } = station({ station: 1, of: 2 });
    await sendTimes(b, 1);
    clock.advance(100);
    b.rateLimited(1_000);
    expect(b.slowdown()).toBe(2);
    // Every other one of its own slots (0, 2, 4, … of the account's), after the Retry-After.
    const times = await sendTimes(b, 2);
    expect(times.every((t) => (t / SLOT) % 4 === 0)).toBe(true);
    expect(times[0]).toBeGreaterThanOrEqual(1_100);
  });

  it('without a turn (or 1 of 1) sends at the full rate from its first request', async () => {
    for (const turn of [undefined, { station: 1, of: 1 }]) {
      const { clock, b } = station(turn);
      clock.advance(123);
      expect(await sendTimes(b, 3)).toEqual([123, 623, 1_123]);
    }
  });

  it('refuses a station number outside 1..N', () => {
    expect(() => station({ station: 4, of: 3 })).toThrow(RangeError);
    expect(() => station({ station: 0, of: 3 })).toThrow(RangeError);
  });
});
