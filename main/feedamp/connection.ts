// The policies every call of one client shares, made from its options: the account and its
// credentials, rate budgets, timeouts and size caps, retries, the token, the connection pool.
import type { Dispatcher } from 'undici';
import { credentialsOf, type Credentials } from './auth.js';
import { ClockCheck, clockCheckFor } from './clock-check.js';
import { CallRun, type CallContext, type CallSpec } from './call.js';
import { realNow, realSleep, type Now, type Sleep } from './clock.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_TIMEOUTS,
  makeAgent,
  type ResponseLimits,
  type Timeouts,
} from './http.js';
import type { FeedampClientOptions, FeedampLogger } from './options.js';
import { makeBudgets, type Budgets } from './budgets.js';
import { retryPolicy, type RetryPolicy } from './retry.js';
import { TokenKeeper } from './token.js';
import { feedampUrlProblem } from './url.js';

/** The base URL breaks the https rule (see url.ts); the client refuses to be made for it. */
export class InsecureFeedampUrl extends Error {}

export class FeedampConnection implements CallContext {
  readonly baseUrl: string;
  readonly username: string;
  readonly credentials: Credentials;
  readonly budgets: Budgets;
  readonly timeouts: Required<Timeouts>;
  readonly limits: Required<ResponseLimits>;
  readonly retry: RetryPolicy;
  readonly dispatcher: Dispatcher;
  readonly now: Now;
  readonly sleep: Sleep;
  readonly logger: FeedampLogger | undefined;
  readonly tokens: TokenKeeper;
  readonly clockCheck: ClockCheck;
  /** Aborts every call, in flight or waiting (Sign out fires it). */
  private readonly lifetime: AbortSignal | undefined;
  private readonly ownsDispatcher: boolean;
  private closed = false;

  /** @param fetchToken asks FeedAMP for a new token (get_token) */
  constructor(options: FeedampClientOptions, fetchToken: () => Promise<string>) {
    const problem = feedampUrlProblem(options.baseUrl);
    if (problem) throw new InsecureFeedampUrl(problem);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.username = options.username;
    this.credentials = credentialsOf(options);
    this.now = options.now ?? realNow;
    this.sleep = options.sleep ?? realSleep;
    this.budgets = makeBudgets(
      options.budgets,
      this.now,
      this.sleep,
      `${this.baseUrl}|${options.username}|${this.credentials.clientId}`,
      options.listTurn,
    );
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.lifetime = options.signal;
    this.retry = retryPolicy(options.retry);
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? makeAgent(this.timeouts);
    this.logger = options.logger;
    this.tokens = new TokenKeeper(options.tokenStore, fetchToken);
    // A test's virtual clock would read as a PC far off FeedAMP's: it gets a check of its own.
    this.clockCheck = this.now === realNow ? clockCheckFor(this.baseUrl) : new ClockCheck();
  }

  /** Closes the connection pool if this connection created it. */
  async close(): Promise<void> {
    if (!this.ownsDispatcher || this.closed) return;
    this.closed = true;
    await this.dispatcher.close();
  }

  /** One call within its deadline (a list page has longer): every attempt, wait and retry. */
  async call<T>(spec: CallSpec<T>): Promise<T> {
    const deadlineMs = spec.budget === 'list' ? this.timeouts.listCallMs : this.timeouts.callMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    const callerSignals = [spec.signal, this.lifetime].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = AbortSignal.any([...callerSignals, deadline.signal]);
    try {
      return await new CallRun(this, spec, signal, {
        at: Date.now() + deadlineMs,
        hit: () => (callerSignals.some((s) => s.aborted) ? undefined : deadlineMs),
      }).run();
    } finally {
      clearTimeout(timer);
    }
  }
}
