import { afterEach, describe, expect, it, vi } from 'vitest';
import { Periodic } from '../../../main/station/periodic';

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
    const periodic = new Periodic(job, () => 100);
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
