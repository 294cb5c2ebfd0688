// What FeedAMP's answers say about this PC's clock. Stations given turns on a shared account
// (rate-budget.ts) send on a grid drawn from their own clocks, so a clock seconds off puts a
// station in another's turns; the Date header of every answer bounds how far off it is. Date
// has whole seconds only, so this catches a clock that is off by a good part of a second or
// more (the usual fault: a PC whose clock is not set by network time), not milliseconds.

/** How this PC's clock compares with FeedAMP's, from the answers so far. */
export type ClockReading =
  | { kind: 'unknown' }
  /** FeedAMP's clock is within ± this of this PC's (as far as whole-second Dates can tell). */
  | { kind: 'agrees'; withinMs: number }
  /** This PC's clock is at least this far ahead of (or behind) FeedAMP's. */
  | { kind: 'off'; byAtLeastMs: number; ahead: boolean };

/** Answers remembered: enough to narrow the bounds, few enough to follow a clock that is reset. */
const KEPT = 64;

export class ClockCheck {
  /** For each answer, the bounds it puts on FeedAMP's clock minus this PC's (ms). */
  private bounds: { low: number; high: number }[] = [];

  /**
   * An answer sent at `sentAt` and received at `receivedAt` (this PC's clock) carried `date`.
   * FeedAMP stamped it in between, at a time within the whole second the header names.
   */
  observe(sentAt: number, receivedAt: number, date: string | undefined): void {
    const stamped = date === undefined ? Number.NaN : Date.parse(date);
    if (!Number.isFinite(stamped)) return;
    const bound = { low: stamped - receivedAt, high: stamped + 1000 - sentAt };
    // Bounds that no longer overlap mean one of the clocks was set meanwhile: start again.
    const { low, high } = this.narrowest();
    if (this.bounds.length > 0 && (bound.low > high || bound.high < low)) this.bounds = [];
    this.bounds.push(bound);
    if (this.bounds.length > KEPT) this.bounds.shift();
  }

  reading(): ClockReading {
    if (this.bounds.length === 0) return { kind: 'unknown' };
    const { low, high } = this.narrowest();
    if (low > 0) return { kind: 'off', byAtLeastMs: Math.round(low), ahead: false };
    if (high < 0) return { kind: 'off', byAtLeastMs: Math.round(-high), ahead: true };
    return { kind: 'agrees', withinMs: Math.round(Math.max(-low, high)) };
  }

  private narrowest(): { low: number; high: number } {
    let low = -Infinity;
    let high = Infinity;
    for (const b of this.bounds) {
      low = Math.max(low, b.low);
      high = Math.min(high, b.high);
    }
    return { low, high };
  }
}

// FeedAMP's clock is one per server, whichever client or account asked.
const checks = new Map<string, ClockCheck>();

/** The clock check of one FeedAMP base URL, made on first use. */
export function clockCheckFor(baseUrl: string): ClockCheck {
  let check = checks.get(baseUrl);
  if (!check) {
    check = new ClockCheck();
    checks.set(baseUrl, check);
  }
  return check;
}
