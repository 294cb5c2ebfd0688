// "Run now" for a periodic job whose runs read a moving source (the warehouse database, FeedAMP).
// A request that arrives while a run is in flight is answered after one more run that starts when
// that one ends: the run in flight may have read its pages before what the request was about was
// written (a warehouse follower told of new records mid-sync). Every request during one run
// shares that one more run, so a burst of notifications costs one run, not one each.
import type { Periodic } from '../periodic';

export class OneMoreRun<T> {
  /** The run in flight, whoever started it (the timer or runNow). */
  private inFlight: Promise<T> | undefined;
  /** The one more run asked for while a run was in flight. */
  private followUp: Promise<T> | undefined;

  /**
   * @param periodic the job's schedule (read when needed: it is built with track())
   * @param worthIt whether the run that just ended leaves one more worth running at once
   */
  constructor(
    private readonly periodic: () => Periodic<T>,
    private readonly worthIt: () => boolean,
  ) {}

  /** Every run of the job goes through here, so a request knows one is in flight. */
  track(run: Promise<T>): Promise<T> {
    this.inFlight = run;
    const done = () => {
      if (this.inFlight === run) this.inFlight = undefined;
    };
    run.then(done, done);
    return run;
  }

  /** Runs now; asked during a run, answers after one more that starts when it ends. */
  runNow(): Promise<T> {
    const periodic = this.periodic();
    if (!this.inFlight) return periodic.runNow();
    this.followUp ??= periodic.runNow().then((result) => {
      // Requests from here on come after the next run started: they ask for one of their own.
      this.followUp = undefined;
      // Stopped: no run (a start() runs one of its own).
      if (periodic.signal.aborted || !this.worthIt()) return result;
      return periodic.runNow();
    });
    return this.followUp;
  }
}
