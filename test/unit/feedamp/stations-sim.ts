// Many stations on one FeedAMP account, in virtual time: each station's list budget, the
// client's retry of a 429 and the syncs' retry of a failed run, against the sandbox's sliding
// one-second window. It runs in milliseconds what stations.bench.ts runs in minutes, so the
// budget's rules can be checked for a crowd without a machine of processes.
import { DEFAULT_BUDGETS } from '../../../main/feedamp/budgets.js';
import { RateBudget, type BudgetConfig } from '../../../main/feedamp/rate-budget.js';
import { retryJitter } from '../../../main/feedamp/retry.js';
import { SlidingWindowLimiter } from '../../../main/sandbox/rate-limit.js';
import { createRandom } from '../../../main/sandbox/prng';

/** A clock whose sleeps resolve in order of virtual time, with every other task run in between. */
export class VirtualTime {
  private t = 0;
  private seq = 0;
  private readonly timers: { at: number; seq: number; resolve: () => void }[] = [];

  readonly now = (): number => this.t;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
    });

  /** Runs until `done` settles; throws if virtual time passes `limitMs`. */
  async run<T>(done: Promise<T>, limitMs: number): Promise<T> {
    let settled = false;
    void done.finally(() => (settled = true));
    for (;;) {
      // Let every task that can move without time move first.
      for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
      if (settled) return done;
      if (this.timers.length === 0) throw new Error('stuck: nothing scheduled');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      if (next.at > limitMs) throw new Error(`not done within ${limitMs} ms`);
      this.t = next.at;
      next.resolve();
    }
  }
}

interface CrowdOptions {
  stations: number;
  /** List pages of each station's first order sync (2,000 orders at 250 a page: 8). */
  orderPages: number;
  returnPages: number;
  seed: number;
  config?: BudgetConfig;
  /** Round trip of one list request: uniform in this range (ms). */
  latencyMs?: [number, number];
  /** Each station is given its turn in Settings: station i + 1 of `stations`. */
  turns?: boolean;
  /** Each station's clock is off by a random amount within ± this (ms). */
  clockSkewMs?: number;
  /** Arrival jitter FeedAMP's window forgives (the sandbox: 100 ms; FeedAMP: undocumented). */
  windowToleranceMs?: number;
}

interface CrowdResult {
  /** Every list request as FeedAMP saw it: when, from whom, which call and try, at what rate. */
  requests: {
    at: number;
    station: number;
    status: 200 | 429;
    /** p: the sign-in probe, o: an order page, r: a returns page. */
    what: 'p' | 'o' | 'r';
    attempt: number;
    perSecond: number;
  }[];
  accepted: number;
  limited: number;
  floorMs: number;
  doneMs: number[];
  /** Stations whose sign-in met a 429 on every attempt it allows. */
  signInFailed: number[];
}

class Limited extends Error {
  constructor(readonly retryAfterMs: number) {
    super('429');
  }
}

/** Simulates the crowd; see stations.bench.ts for the same scene with real processes. */
export async function simulateCrowd(options: CrowdOptions): Promise<CrowdResult> {
  const time = new VirtualTime();
  const random = createRandom(options.seed).next;
  const limiter = new SlidingWindowLimiter(2, options.windowToleranceMs);
  const [minLatency, maxLatency] = options.latencyMs ?? [30, 200];
  const requests: CrowdResult['requests'] = [];
  const doneMs: number[] = [];
  const signInFailed: number[] = [];

  const station = async (id: number): Promise<void> => {
    const skew = (2 * random() - 1) * (options.clockSkewMs ?? 0);
    const budget = new RateBudget(
      options.config ?? DEFAULT_BUDGETS.list,
      () => time.now() + skew,
      time.sleep,
      random,
    );
    if (options.turns) budget.setTurn({ station: id + 1, of: options.stations });
    // One list request as the client makes it: budget, send, and on 429 the retry it allows.
    const call = async (
      maxAttempts: number,
      maxTotalMs: number,
      what: 'p' | 'o' | 'r',
    ): Promise<void> => {
      const started = time.now();
      for (let attempt = 1; ; attempt++) {
        const sentAt = await budget.acquire();
        const latency = minLatency + random() * (maxLatency - minLatency);
        await time.sleep(latency / 2);
        const decision = limiter.take('seller', time.now());
        requests.push({
          at: time.now(),
          station: id,
          status: decision.allowed ? 200 : 429,
          what,
          attempt,
          perSecond: budget.currentPerSecond(),
        });
        await time.sleep(latency / 2);
        if (decision.allowed) {
          budget.accepted(sentAt);
          return;
        }
        const retryAfterMs = decision.retryAfterSeconds * 1000;
        budget.rateLimited(retryAfterMs);
        const delay = retryAfterMs + retryJitter({ random }, retryAfterMs);
        if (attempt >= maxAttempts || time.now() - started + delay > maxTotalMs)
          throw new Limited(retryAfterMs);
        await time.sleep(delay);
      }
    };
    // A first sync as SyncedRecords and Periodic run it: started within Periodic's spread, pages
    // in turn; a run that fails on a 429 is run again after its wait and picks up at its cursor.
    const sync = async (pages: number): Promise<void> => {
      const stretch = Math.min(8, Math.max(1, budget.slowdown()));
      await time.sleep(Math.floor(random() * 1_000 * (stretch - 1)));
      let page = 0;
      while (page < pages) {
        try {
          await call(4, 30_000, pages > 1 ? 'o' : 'r');
          page++;
          await time.sleep(10);
        } catch (error) {
          if (!(error instanceof Limited)) throw error;
          await time.sleep(error.retryAfterMs + retryJitter({ random }, error.retryAfterMs));
        }
      }
    };
    try {
      // Sign-in keeps waiting as FeedAMP asks: up to 40 attempts within 55 s (session.ts).
      await call(40, 55_000, 'p');
    } catch (error) {
      // Sign-in gave up (as the station says: FeedAMP is busy, try again): no sync.
      if (!(error instanceof Limited)) throw error;
      signInFailed.push(id);
      return;
    }
    await Promise.all([sync(options.orderPages), sync(options.returnPages)]);
    doneMs[id] = time.now();
  };

  const all = Promise.all(Array.from({ length: options.stations }, (_, i) => station(i)));
  await time.run(all, 3_600_000);
  const accepted = requests.filter((r) => r.status === 200).length;
  return {
    requests,
    accepted,
    limited: requests.length - accepted,
    floorMs: accepted * 500,
    doneMs,
    signInFailed,
  };
}
