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
});
