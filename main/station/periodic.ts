// A job run now and then at an interval, one run at a time (order sync, returns sync).
// stop() aborts the run in flight and cancels the next; a run that was in flight when the job
// was restarted does not arm a timer of its own, so restarts never pile up timers.
// A run that FeedAMP asked to wait (429) calls retryIn(): the next run comes after that wait,
// with jitter, rather than after the whole interval — and not in the same instant as every
// other station that was told the same wait.
import { retryJitter } from '../feedamp/retry';

export class Periodic<T> {
  private running: Promise<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private controller = new AbortController();
  /** The timer callback of the current start(); undefined when stopped or never started. */
  private tick: (() => void) | undefined;
  /** A wait asked for by the run in flight, used instead of the interval once. */
  private retryWait: number | undefined;

  /**
   * @param job the work; it should stop early when `signal` aborts
   * @param intervalMs the wait before the next run, read after each run; undefined: no next run
   * @param random jitter source (tests pin it)
   */
  constructor(
    private readonly job: (signal: AbortSignal) => Promise<T>,
    private readonly intervalMs: () => number | undefined,
    private readonly random: () => number = Math.random,
  ) {}

  /** Aborts when stop() is called; a new one comes with each start(). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs now, or joins the run already in flight. */
  runNow(): Promise<T> {
    this.running ??= this.job(this.controller.signal).finally(() => {
      this.running = undefined;
      // A "Sync now" run (not the timer's) that was asked to wait moves the waiting timer.
      if (this.retryWait !== undefined && this.timer && this.tick) this.arm(this.tick);
    });
    return this.running;
  }

  /**
   * The next run comes `waitMs` plus jitter from now instead of after the interval.
   * @returns the wait that will really be taken, for the status line to say
   */
  retryIn(waitMs: number): number {
    const wait = Math.max(0, waitMs) + retryJitter({ random: this.random }, waitMs);
    this.retryWait = wait;
    return wait;
  }

  /** Run now, then every interval until stop(). */
  start(): void {
    this.stop();
    const controller = (this.controller = new AbortController());
    const tick = () => {
      this.timer = undefined;
      void this.runNow().finally(() => {
        if (!controller.signal.aborted) this.arm(tick);
      });
    };
    this.tick = tick;
    // A run this restart stopped finishes first (it was aborted); then a fresh one starts.
    if (this.running) {
      void this.running.finally(() => {
        if (!controller.signal.aborted) tick();
      });
    } else tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.tick = undefined;
    this.retryWait = undefined;
    this.controller.abort();
  }

  private arm(tick: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const interval = this.intervalMs();
    if (interval === undefined) return;
    const wait = this.retryWait ?? interval;
    this.retryWait = undefined;
    this.timer = setTimeout(tick, wait);
  }
}
