// Token buckets for FeedAMP calls. One bucket is shared by every caller that holds it: the list
// bucket by every client of the same account in the process, the read and write buckets by the
// callers of one client (unless one is injected), so parallel syncs and outbox uploads together
// stay inside the budget rather than each on its own.
import { realNow, realSleep, type Now, type Sleep } from './clock.js';
import { LIST_REQUESTS_PER_SECOND } from '../../common/feedamp-enums';

export interface BudgetConfig {
  /** Sustained rate. */
  perSecond: number;
  /** Requests that may go back to back after a quiet spell (1 = evenly spaced). */
  burst?: number;
  /**
   * Added to every interval. A server that counts arrivals in a sliding one-second window
   * (the sandbox does) answers 429 when network jitter brings two intervals under a second;
   * a few milliseconds of slack cost under 2 % and avoid a whole Retry-After second.
   */
  marginMs?: number;
  /**
   * Additive increase, multiplicative decrease: each 429 halves the rate (at most once a
   * second — one crowded moment often answers several calls), and it grows back by this many
   * requests a second for every second without one, up to `perSecond`. Stations of one account
   * cannot see each other; the 429s they meet are how they learn the account is shared, and
   * halving is what lets N of them settle near 1/N of the budget each.
   */
  adaptive?: { minPerSecond: number; increasePerSecondPerSecond: number };
}

/**
 * Generic cell-rate algorithm: each acquire reserves the next free slot synchronously and then
 * sleeps until it, so waiters leave in arrival order without a lock and an abort only loses
 * its own slot.
 */
export class RateBudget {
  private readonly marginMs: number;
  private readonly burst: number;
  private theoreticalArrival = 0;
  private pausedUntil = 0;
  /** Rate after the last 429 and when it was set; it grows from there (see `adaptive`). */
  private lowered: { perSecond: number; at: number } | undefined;

  constructor(
    readonly config: BudgetConfig,
    private readonly now: Now = realNow,
    private readonly sleep: Sleep = realSleep,
    private readonly random: () => number = Math.random,
  ) {
    if (!(config.perSecond > 0)) throw new RangeError('perSecond must be > 0');
    this.burst = Math.max(1, Math.floor(config.burst ?? 1));
    this.marginMs = Math.max(0, config.marginMs ?? 0);
  }

  /** The rate allowed now: `perSecond`, or less while the budget grows back after a 429. */
  currentPerSecond(): number {
    const adaptive = this.config.adaptive;
    if (!adaptive || !this.lowered) return this.config.perSecond;
    const grown =
      this.lowered.perSecond +
      (adaptive.increasePerSecondPerSecond * Math.max(0, this.now() - this.lowered.at)) / 1000;
    if (grown >= this.config.perSecond) {
      this.lowered = undefined;
      return this.config.perSecond;
    }
    return grown;
  }

  /** How many times slower than its full rate this budget now runs (1 = full rate). */
  slowdown(): number {
    return this.config.perSecond / this.currentPerSecond();
  }

  get intervalMs(): number {
    return 1000 / this.currentPerSecond() + this.marginMs;
  }

  /** Resolves when this caller may send; rejects with the signal's reason on abort. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const interval = this.intervalMs;
    const tolerance = (this.burst - 1) * interval;
    const pause = this.pausedUntil > now ? this.pausedUntil + tolerance : 0;
    const start = Math.max(this.theoreticalArrival, now, pause);
    const sendAt = start - tolerance;
    this.theoreticalArrival = start + interval;
    let wait = sendAt - now;
    while (wait > 0) {
      await this.sleep(wait, signal);
      // A 429 may have paused the bucket while this caller slept on an earlier reservation.
      wait = Math.max(0, this.pausedUntil - this.now());
    }
    if (signal?.aborted) throw signal.reason;
  }

  /** After a 429 with Retry-After: nobody sends through this bucket before `untilMs`. */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /**
   * FeedAMP answered 429. Pauses for its Retry-After, halves an adaptive budget, and puts the
   * next free slot a random part of the new interval after the pause: stations pushed back
   * together are told the same wait, and without the spread they would all return at once.
   */
  rateLimited(retryAfterMs: number | undefined): void {
    const now = this.now();
    if (retryAfterMs !== undefined) this.pauseUntil(now + retryAfterMs);
    const adaptive = this.config.adaptive;
    if (!adaptive) return;
    if (this.lowered && now - this.lowered.at < 1000) return;
    const perSecond = Math.max(adaptive.minPerSecond, this.currentPerSecond() / 2);
    this.lowered = { perSecond, at: now };
    const interval = 1000 / perSecond + this.marginMs;
    this.theoreticalArrival = Math.max(now, this.pausedUntil) + this.random() * interval;
  }
}

export interface Budgets {
  /** GET /orders and GET /returns: FeedAMP recommends at most 2 per second (docs/feedamp). */
  list: RateBudget;
  /** Every other GET. */
  read: RateBudget;
  /** POST, PUT, DELETE. */
  write: RateBudget;
}

export type BudgetsOption = Partial<Record<keyof Budgets, RateBudget | BudgetConfig>>;

export const DEFAULT_BUDGETS: Record<keyof Budgets, BudgetConfig> = {
  // Halved by each 429 down to one call a minute; back to full in about 6 minutes from half.
  list: {
    perSecond: LIST_REQUESTS_PER_SECOND,
    burst: 1,
    marginMs: 8,
    adaptive: { minPerSecond: 1 / 60, increasePerSecondPerSecond: 1 / 360 },
  },
  read: { perSecond: 10, burst: 5 },
  write: { perSecond: 5, burst: 3 },
};

// FeedAMP counts list calls per account, not per client object: the connection test, the order
// sync and the returns sync each hold a client, and separate buckets let them together send
// three times the rate. So the list bucket is one per account in the process.
const accountListBudgets = new Map<string, RateBudget>();

/** The list bucket of one account (base URL + user + client id), made on first use. */
export function accountListBudget(account: string): RateBudget {
  let budget = accountListBudgets.get(account);
  if (!budget) {
    budget = new RateBudget(DEFAULT_BUDGETS.list);
    accountListBudgets.set(account, budget);
  }
  return budget;
}

/**
 * How many times slower than full rate the busiest account's list budget in this process runs:
 * 1 until FeedAMP has answered 429, more while the budget grows back. The syncs stretch their
 * interval by it, so idle stations on a shared account ask less often.
 */
export function listSlowdown(): number {
  let slowest = 1;
  for (const budget of accountListBudgets.values()) slowest = Math.max(slowest, budget.slowdown());
  return slowest;
}

/**
 * @param account key of the account's shared list bucket; it is used when no list budget is
 *   given and the clock is the real one (a test's virtual clock cannot share a real bucket).
 */
export function makeBudgets(
  option: BudgetsOption | undefined,
  now: Now,
  sleep: Sleep,
  account?: string,
): Budgets {
  const make = (key: keyof Budgets): RateBudget => {
    const given = option?.[key];
    if (given instanceof RateBudget) return given;
    if (
      key === 'list' &&
      given === undefined &&
      account !== undefined &&
      now === realNow &&
      sleep === realSleep
    )
      return accountListBudget(account);
    return new RateBudget(given ?? DEFAULT_BUDGETS[key], now, sleep);
  };
  return { list: make('list'), read: make('read'), write: make('write') };
}
