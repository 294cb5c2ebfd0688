import { describe, expect, it } from 'vitest';
import { RateBudget, formatDateTime, parseDateTime } from '../../../main/feedamp/index.js';
import { backoffDelay, parseRetryAfter, retryPolicy } from '../../../main/feedamp/retry.js';
import { fakeClock } from './scripted-server.js';

describe('rate budget', () => {
  it('spaces list calls 500 ms apart at 2 per second, in arrival order', async () => {
    const clock = fakeClock(0);
    const budget = new RateBudget({ perSecond: 2, burst: 1 }, clock.now, clock.sleep);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await budget.acquire();
      times.push(clock.now());
    }
    expect(times).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('allows a burst, then the sustained rate', async () => {
    const clock = fakeClock(0);
    const budget = new RateBudget({ perSecond: 4, burst: 3 }, clock.now, clock.sleep);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await budget.acquire();
      times.push(clock.now());
    }
    expect(times).toEqual([0, 0, 0, 250, 500]);
  });

  it('lets nobody through before a Retry-After pause ends', async () => {
    const clock = fakeClock(0);
    const budget = new RateBudget({ perSecond: 10, burst: 5 }, clock.now, clock.sleep);
    budget.pauseUntil(3000);
    await budget.acquire();
    expect(clock.now()).toBe(3000);
  });

  it('gives up its place when aborted', async () => {
    const clock = fakeClock(0);
    const budget = new RateBudget({ perSecond: 1 }, clock.now, clock.sleep);
    await budget.acquire();
    await expect(budget.acquire(AbortSignal.abort())).rejects.toBeDefined();
  });
});

describe('retry timing', () => {
  it('uses full jitter under a doubling ceiling', () => {
    const p = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 });
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(p, a))).toEqual([99, 199, 399, 799, 999]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:05 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('dates', () => {
  it('writes UTC as +00:00 with whole seconds', () => {
    expect(formatDateTime(new Date('2024-06-15T14:30:59.999Z'))).toBe('2024-06-15T14:30:59+00:00');
  });

  it('keeps a caller’s offset and drops fractions', () => {
    expect(formatDateTime('2024-06-15T10:30:00.5-04:00')).toBe('2024-06-15T10:30:00-04:00');
    expect(formatDateTime('2024-06-15T10:30:00Z')).toBe('2024-06-15T10:30:00+00:00');
    expect(() => formatDateTime('2024-06-15 10:30')).toThrow();
  });

  it('reads dates leniently', () => {
    const expected = Date.parse('2020-12-31T17:34:56Z');
    expect(parseDateTime('2020-12-31T12:34:56-05:00')?.getTime()).toBe(expected);
    expect(parseDateTime('2020-12-31T12:34:56-0500')?.getTime()).toBe(expected);
    expect(parseDateTime('2020-12-31 17:34:56.000Z')?.getTime()).toBe(expected);
    expect(parseDateTime('2020-12-31T17:34:56')?.getTime()).toBe(expected);
    expect(parseDateTime('not a date')).toBeUndefined();
    expect(parseDateTime(null)).toBeUndefined();
  });
});
