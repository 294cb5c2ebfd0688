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
}

/**
 * Generic cell-rate algorithm: each acquire reserves the next free slot synchronously and then
 * sleeps until it, so waiters leave in arrival order without a lock and an abort only loses
 * its own slot.
 */
export class RateBudget {
  readonly intervalMs: number;
  private readonly toleranceMs: number;
  private theoreticalArrival = 0;
  private pausedUntil = 0;

  constructor(
    readonly config: BudgetConfig,
    private readonly now: Now = realNow,
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!(config.perSecond > 0)) throw new RangeError('perSecond must be > 0');
    const burst = Math.max(1, Math.floor(config.burst ?? 1));
    this.intervalMs = 1000 / config.perSecond + Math.max(0, config.marginMs ?? 0);
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  /** Resolves when this caller may send; rejects with the signal's reason on abort. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const pause = this.pausedUntil > now ? this.pausedUntil + this.toleranceMs : 0;
    const start = Math.max(this.theoreticalArrival, now, pause);
    const sendAt = start - this.toleranceMs;
    this.theoreticalArrival = start + this.intervalMs;
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
}

export interface Budgets {
  /** GET /orders and GET /returns: FeedAMP recommends at most 2 per second (API.md §1.4). */
  list: RateBudget;
  /** Every other GET. */
  read: RateBudget;
  /** POST, PUT, DELETE. */
  write: RateBudget;
}

export type BudgetsOption = Partial<Record<keyof Budgets, RateBudget | BudgetConfig>>;

export const DEFAULT_BUDGETS: Record<keyof Budgets, BudgetConfig> = {
  list: { perSecond: LIST_REQUESTS_PER_SECOND, burst: 1, marginMs: 8 },
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
