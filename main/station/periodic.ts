// A job run now and then at an interval, one run at a time (order sync, returns sync).
// stop() aborts the run in flight and cancels the next; a run that was in flight when the job
// was restarted does not arm a timer of its own, so restarts never pile up timers.
export class Periodic<T> {
  private running: Promise<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private controller = new AbortController();

  /**
   * @param job the work; it should stop early when `signal` aborts
   * @param intervalMs the wait before the next run, read after each run; undefined: no next run
   */
  constructor(
    private readonly job: (signal: AbortSignal) => Promise<T>,
    private readonly intervalMs: () => number | undefined,
  ) {}

  /** Aborts when stop() is called; a new one comes with each start(). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs now, or joins the run already in flight. */
  runNow(): Promise<T> {
    this.running ??= this.job(this.controller.signal).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Run now, then every interval until stop(). */
  start(): void {
    this.stop();
    const controller = (this.controller = new AbortController());
    const tick = () => {
      void this.runNow().finally(() => {
        const wait = this.intervalMs();
        if (!controller.signal.aborted && wait !== undefined) this.timer = setTimeout(tick, wait);
      });
    };
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
    this.controller.abort();
  }
}
