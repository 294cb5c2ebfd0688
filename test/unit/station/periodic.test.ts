import { afterEach, describe, expect, it, vi } from 'vitest';
import { Periodic, type SpreadOptions } from '../../../main/station/periodic';

// Exact timing for the tests of restarts and retries; the spread has tests of its own below.
const exact: SpreadOptions = { startSpreadMs: 0, intervalSpread: 0, slowdown: () => 1 };

afterEach(() => {
  vi.useRealTimers();
});

describe('a periodic job (the syncs)', () => {
  it('keeps one timer however often it is restarted while a run is in flight', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const job = () =>
      new Promise<void>((resolve) => {
        runs++;
        setTimeout(resolve, 30);
      });
    const periodic = new Periodic(job, () => 100, Math.random, exact);
    periodic.start();
    periodic.start(); // a settings change while the first run is in flight
    periodic.start();
    await vi.advanceTimersByTimeAsync(1_000);
    // One run now, then one every 30 + 100 ms: about 8 in a second, not three times that.
    expect(runs).toBeGreaterThanOrEqual(7);
    expect(runs).toBeLessThanOrEqual(9);
    periodic.stop();
  });

  it('runs once for many callers, and not again after stop', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const periodic = new Periodic(
      async () => {
        runs++;
      },
      () => 50,
      Math.random,
      exact,
    );
    await Promise.all([periodic.runNow(), periodic.runNow()]);
    expect(runs).toBe(1);
    periodic.start();
    periodic.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(2);
    expect(periodic.signal.aborted).toBe(true);
  });

  it('after retryIn, the next run comes after that wait plus jitter, not the interval', async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    let said = 0;
    const periodic: Periodic<void> = new Periodic(
      async () => {
        runs.push(Date.now());
        if (runs.length === 1) said = periodic.retryIn(2_000);
      },
      () => 60_000,
      () => 0.5,
      exact,
    );
    const t0 = Date.now();
    periodic.start();
    await vi.advanceTimersByTimeAsync(2_499);
    expect(runs).toHaveLength(1);
    // 2 s asked, half of the 1 s jitter spread added: the wait said is the wait taken.
    expect(said).toBe(2_500);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(2);
    expect(runs[1]! - t0).toBe(2_500);
    // Then the interval again.
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(3);
    periodic.stop();
  });

  it('a "Sync now" run that meets a 429 moves the waiting timer to its wait', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const periodic: Periodic<void> = new Periodic(
      async () => {
        runs++;
        if (runs === 2) periodic.retryIn(1_000);
      },
      () => 60_000,
      () => 0,
      exact,
    );
    periodic.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
    await periodic.runNow();
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(3);
    periodic.stop();
  });
});

describe('many stations on one account: runs spread in time', () => {
  /** Start one periodic job whose randomness is `r` and return when each run began. */
  function startWith(r: number, spread: SpreadOptions, interval = 60_000) {
    const runs: number[] = [];
    const periodic = new Periodic(
      async () => {
        runs.push(Date.now());
      },
      () => interval,
      () => r,
      spread,
    );
    periodic.start();
    return { runs, periodic };
  }

  it('alone on its account, the first sync starts at once', async () => {
    vi.useFakeTimers();
    const t0 = Date.now();
    const { runs, periodic } = startWith(0.9, { startSpreadMs: 3_000, slowdown: () => 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.map((t) => t - t0)).toEqual([0]);
    periodic.stop();
  });

  it('once 429s showed the account shared, the first sync comes a random part of the spread later', async () => {
    vi.useFakeTimers();
    const t0 = Date.now();
    // Slowed to half: the spread is 3 s; slowed 4 times: 9 s.
    const early = startWith(0, { startSpreadMs: 3_000, slowdown: () => 2 });
    const late = startWith(0.9, { startSpreadMs: 3_000, slowdown: () => 2 });
    const crowded = startWith(0.9, { startSpreadMs: 3_000, slowdown: () => 4 });
    await vi.advanceTimersByTimeAsync(0);
    expect(early.runs.map((t) => t - t0)).toEqual([0]);
    expect(late.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_699);
    expect(late.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(late.runs.map((t) => t - t0)).toEqual([2_700]);
    await vi.advanceTimersByTimeAsync(8_100 - 2_700);
    expect(crowded.runs.map((t) => t - t0)).toEqual([8_100]);
    for (const p of [early, late, crowded]) p.periodic.stop();
  });

  it('each interval is drawn around its setting, not exact', async () => {
    vi.useFakeTimers();
    const t0 = Date.now();
    const short = startWith(0, { startSpreadMs: 0, intervalSpread: 0.25, slowdown: () => 1 });
    const long = startWith(1, { startSpreadMs: 0, intervalSpread: 0.25, slowdown: () => 1 });
    await vi.advanceTimersByTimeAsync(75_000);
    // 60 s ± 25 %: one station comes back after 45 s, another after 75 s.
    expect(short.runs.map((t) => t - t0)).toEqual([0, 45_000]);
    expect(long.runs.map((t) => t - t0)).toEqual([0, 75_000]);
    short.periodic.stop();
    long.periodic.stop();
  });

  it('a list budget slowed by 429s stretches the start spread and the interval, up to a cap', async () => {
    vi.useFakeTimers();
    let slowdown = 4;
    const t0 = Date.now();
    const { runs, periodic } = startWith(0.5, {
      startSpreadMs: 2_000,
      intervalSpread: 0,
      slowdown: () => slowdown,
      maxStretch: 8,
    });
    // Half of 2 s × (4 − 1).
    await vi.advanceTimersByTimeAsync(2_999);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.map((t) => t - t0)).toEqual([3_000]);
    // The interval after it is armed at the end of the run: 60 s × 4.
    slowdown = 100;
    await vi.advanceTimersByTimeAsync(240_000);
    expect(runs.map((t) => t - t0)).toEqual([3_000, 243_000]);
    // Slowed 100 times: the interval stretches 8 times, not 100.
    slowdown = 1;
    await vi.advanceTimersByTimeAsync(480_000);
    expect(runs.map((t) => t - t0)).toEqual([3_000, 243_000, 723_000]);
    // Back to full rate: the plain interval again.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs.at(-1)! - t0).toBe(783_000);
    periodic.stop();
  });

  it('stop during the start spread cancels the first run', async () => {
    vi.useFakeTimers();
    const { runs, periodic } = startWith(0.5, { startSpreadMs: 3_000, slowdown: () => 2 });
    periodic.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(0);
  });
});
