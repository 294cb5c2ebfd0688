// A job run now and then at an interval, one run at a time (order sync, returns sync).
// stop() aborts the run in flight and cancels the next; a run that was in flight when the job
// was restarted does not arm a timer of its own, so restarts never pile up timers.
// A run that FeedAMP asked to wait (429) calls retryIn(): the next run comes after that wait,
// with jitter, rather than after the whole interval — and not in the same instant as every
// other station that was told the same wait.
// Stations of one account share FeedAMP's list budget without talking to each other, so the
// runs are spread: the first run after start() comes a random part of a few seconds later (all
// stations of a shop start together at the beginning of a shift) once 429s have shown the
// account is shared, each interval is drawn around its setting rather than exact, and both
// stretch while this process's list budget runs slowed by 429s.
import { listSlowdown } from '../feedamp/budgets';
import { retryJitter } from '../feedamp/retry';

export interface SpreadOptions {
  /** The first run after start() comes 0..this ms × (stretch − 1) later: at once when not slowed. */
  startSpreadMs?: number;
  /** Each interval is drawn from interval × (1 ± this). */
  intervalSpread?: number;
  /** How many times slower than full rate the list budget runs now (1 = not slowed). */
  slowdown?: () => number;
  /** Longest stretch: a slowed budget never makes the interval more than this many times longer. */
  maxStretch?: number;
}

const DEFAULT_SPREAD: Required<SpreadOptions> = {
  // Up to 7 s for a station slowed eightfold. The list budget already spreads a crowd's calls
  // (each station keeps slots of its own once it has met a 429); in the simulated crowds a
  // longer wait only kept the last station of three idle while the others were done.
  startSpreadMs: 1_000,
  intervalSpread: 0.25,
  slowdown: listSlowdown,
  maxStretch: 8,
};

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
   * @param spread how runs are spread in time (see SpreadOptions; tests set it)
   */
  constructor(
    private readonly job: (signal: AbortSignal) => Promise<T>,
    private readonly intervalMs: () => number | undefined,
    private readonly random: () => number = Math.random,
    spread: SpreadOptions = {},
  ) {
    this.spread = { ...DEFAULT_SPREAD, ...spread };
  }

  private readonly spread: Required<SpreadOptions>;

  /** 1 when the account's list budget is not slowed, up to maxStretch when it is. */
  private stretch(): number {
    const slowdown = this.spread.slowdown();
    return Math.min(this.spread.maxStretch, Math.max(1, Number.isFinite(slowdown) ? slowdown : 1));
  }

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

  /** Run soon (within the start spread), then every interval until stop(). */
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
    // Alone on its account a station starts at once; once 429s have said the account is
    // shared (at sign-in, say), the first run waits a random part of a spread that grows with
    // how crowded the account looked.
    const first = Math.floor(this.random() * this.spread.startSpreadMs * (this.stretch() - 1));
    const begin = () => {
      if (controller.signal.aborted) return;
      if (first <= 0) tick();
      else this.timer = setTimeout(tick, first);
    };
    // A run this restart stopped finishes first (it was aborted); then a fresh one starts.
    if (this.running) void this.running.finally(begin);
    else begin();
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
    const spread = this.spread.intervalSpread;
    const wait =
      this.retryWait ??
      Math.round(interval * this.stretch() * (1 + spread * (2 * this.random() - 1)));
    this.retryWait = undefined;
    this.timer = setTimeout(tick, wait);
  }
}
