// The budgets every FeedAMP client holds (list, read, write) and the one list budget per account
// that every client of the station shares, whatever made it: the sign-in probe, the order sync,
// the returns sync.
import { realNow, realSleep, type Now, type Sleep } from './clock.js';
import { RateBudget, type BudgetConfig, type ListTurn } from './rate-budget.js';
import { LIST_REQUESTS_PER_SECOND } from '../../common/feedamp-enums';

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
  // Halved by each crowded moment down to one call every 64 s (to an eighth at once when the
  // first 429 says the others alone filled the window); from half rate back to full after
  // 10 s without a 429 (it grows by 0.1 a second each second). Chosen with the simulated crowds
  // of 2 to 20 stations (test/unit/feedamp/shared-account.test.ts): a longer quiet spell or a
  // shorter crowded moment trades time for 429s and the reverse; these keep ten stations well
  // within 1.5 × the floor and let two stations that found slots of their own keep them.
  list: {
    perSecond: LIST_REQUESTS_PER_SECOND,
    burst: 1,
    marginMs: 8,
    // Simulated (shared-account.test.ts), ten stations with turns, one-way latency 15-100 ms,
    // clocks ±50 ms, on a window that forgives no jitter: 8 ms met 14 % 429s and took 2 × the
    // floor; 50 ms, 3 % and 1.7 ×; 75 ms, 0.3 % and 1.24 ×. On the sandbox's window (it
    // forgives 100 ms) 75 ms costs its 15 % and nothing else.
    turnMarginMs: 75,
    adaptive: {
      minPerSecond: 1 / 64,
      doubleAfterMs: 10_000,
      crowdedIntervals: 2,
      crowdHalvings: 3,
    },
  },
  read: { perSecond: 10, burst: 5 },
  write: { perSecond: 5, burst: 3 },
};

// FeedAMP counts list calls per account, not per client object: the connection test, the order
// sync and the returns sync each hold a client, and separate buckets let them together send
// three times the rate. So the list bucket is one per account in the process.
const accountListBudgets = new Map<string, RateBudget>();

/** The list bucket of one account (base URL + user + client id), made on first use. */
function accountListBudget(account: string): RateBudget {
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
 * @param listTurn this station's turn on the account (Settings; 1 of 1: none). Without it the
 *   list budget keeps the turn it has. Every client of the station passes the same.
 */
export function makeBudgets(
  option: BudgetsOption | undefined,
  now: Now,
  sleep: Sleep,
  account?: string,
  listTurn?: ListTurn,
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
  const list = make('list');
  if (listTurn) list.setTurn(listTurn);
  return { list, read: make('read'), write: make('write') };
}
