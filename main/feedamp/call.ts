// One FeedAMP call from its first attempt to its answer or typed error: a token and the rate
// budget before each attempt, the attempt (attempt.ts), the verdict on its outcome (outcome.ts),
// and what the verdict asks for — parse, refresh the token once, wait and retry, or fail.
import type { z } from 'zod';
import { parseAnswer } from './answers.js';
import { logOutcome, sendAttempt, type AttemptContext, type PreparedRequest } from './attempt.js';
import type { Sleep } from './clock.js';
import { AbortedError, DeadlineError, type FeedampError } from './errors.js';
import type { HttpRequest } from './http.js';
import { classifyOutcome, retryAfterOf, type AttemptOutcome, type Verdict } from './outcome.js';
import type { Budgets } from './budgets.js';
import type { RateBudget } from './rate-budget.js';
import type { RetryPolicy } from './retry.js';
import type { TokenKeeper } from './token.js';

export interface CallSpec<T> {
  method: HttpRequest['method'];
  /** Path below the base URL, segments already encoded. */
  path: string;
  query?: URLSearchParams | undefined;
  body?: unknown;
  /** null: the body of a success is ignored (DELETE). */
  schema: z.ZodType<T> | null;
  budget: keyof Budgets;
  /** Resource name for a 404 ("order", "fulfillment", …). */
  what: string;
  /** get_token: Basic only, and a 401 means bad credentials rather than a stale token. */
  tokenCall?: boolean | undefined;
  /** JSON keys whose bare integer values are quoted before parsing (big IDs). */
  quoteIntegerKeys?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
}

/** What every call of a client shares. */
export interface CallContext extends AttemptContext {
  readonly baseUrl: string;
  readonly username: string;
  readonly budgets: Budgets;
  readonly retry: RetryPolicy;
  readonly sleep: Sleep;
  readonly tokens: TokenKeeper;
  /** The largest answers read: a list page, one record, an error. */
  readonly limits: { listBytes: number; recordBytes: number; errorBytes: number };
}

/** When the call's deadline fires, and whether it (rather than a caller) stopped the call. */
export interface Deadline {
  /** Wall-clock time the deadline fires. */
  at: number;
  /** The deadline in ms when it, and not a caller, stopped the call. */
  hit: () => number | undefined;
}

/** Resolves like `work`, or rejects once `signal` fires (the work itself goes on for others). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function prepare(ctx: CallContext, spec: CallSpec<unknown>): PreparedRequest {
  const search = spec.query && [...spec.query.keys()].length ? `?${spec.query.toString()}` : '';
  return {
    method: spec.method,
    url: `${ctx.baseUrl}${spec.path}${search}`,
    label: `${spec.method} ${spec.path}`,
    bodyText: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    caps: {
      successBytes: spec.budget === 'list' ? ctx.limits.listBytes : ctx.limits.recordBytes,
      errorBytes: ctx.limits.errorBytes,
    },
  };
}

/** The attempts of one call, until one answers or the outcome says to stop. */
export class CallRun<T> {
  private readonly request: PreparedRequest;
  private readonly started: number;
  private attempt = 0;
  private refreshedAfter401 = false;
  /** True once a request that changes something may have reached FeedAMP. */
  private writeMayHaveLanded = false;

  /**
   * @param signal fires on the caller's abort, the client's (Sign out) or the deadline
   */
  constructor(
    private readonly ctx: CallContext,
    private readonly spec: CallSpec<T>,
    private readonly signal: AbortSignal,
    private readonly deadline: Deadline,
  ) {
    this.request = prepare(ctx, spec);
    this.started = ctx.now();
  }

  async run(): Promise<T> {
    const { label } = this.request;
    for (;;) {
      if (this.signal.aborted) throw this.aborted();
      this.attempt += 1;
      const token = this.spec.tokenCall
        ? undefined
        : await this.orAborted(() => untilAborted(this.ctx.tokens.get(), this.signal));
      const budget = this.ctx.budgets[this.spec.budget];
      const sentAt = await this.orAborted(() => budget.acquire(this.signal));

      const result = await sendAttempt(this.ctx, this.request, token, this.signal, this.attempt);
      if (result === 'aborted') {
        if (this.spec.method !== 'GET') this.writeMayHaveLanded = true;
        throw this.aborted();
      }
      const verdict = this.judge(result.outcome, budget, sentAt);
      switch (verdict.next) {
        case 'parse':
          return parseAnswer(this.spec.schema, result.res!, label, this.spec.quoteIntegerKeys);
        case 'refresh_token':
          this.refreshedAfter401 = true;
          this.attempt -= 1;
          this.ctx.logger?.info?.('feedamp token refused; refreshing', { request: label });
          await this.ctx.tokens.refresh(token);
          continue;
        case 'retry':
          await this.orAborted(() => this.ctx.sleep(verdict.delayMs, this.signal));
          continue;
        case 'fail':
          throw verdict.error;
      }
    }
  }

  /** The verdict on an attempt's outcome, after noting what it says about writes and the budget. */
  private judge(outcome: AttemptOutcome, budget: RateBudget, sentAt: number): Verdict {
    const { method } = this.spec;
    if (method !== 'GET' && (outcome.kind === 'answered' || outcome.sent === 'maybe_sent'))
      this.writeMayHaveLanded = true;
    if (outcome.kind === 'answered' && outcome.status === 429) {
      // Everyone sharing the bucket waits, not only this caller, and the bucket slows down.
      budget.rateLimited(retryAfterOf(outcome, this.ctx.now()));
    } else if (outcome.kind === 'answered') {
      // Got past FeedAMP's rate limit: what a later 429 is measured against.
      budget.accepted(sentAt);
    }
    const verdict = classifyOutcome(outcome, {
      // GET, and PUT/DELETE of a known id, may be sent again; a POST never (the outbox decides).
      retries: method !== 'POST',
      label: this.request.label,
      what: this.spec.what,
      tokenCall: this.spec.tokenCall === true,
      username: this.ctx.username,
      clientId: this.ctx.credentials.clientId,
      attempt: this.attempt,
      refreshedAfter401: this.refreshedAfter401,
      retry: this.ctx.retry,
      nowMs: this.ctx.now(),
      elapsedMs: this.ctx.now() - this.started,
      untilDeadlineMs: this.deadline.at - Date.now(),
    });
    logOutcome(this.ctx, this.request.label, this.attempt, outcome);
    return verdict;
  }

  /** The error for a call stopped by its deadline or by a caller's abort. */
  private aborted(): FeedampError {
    const { label } = this.request;
    const ms = this.deadline.hit();
    if (ms !== undefined) {
      this.ctx.logger?.warn?.('feedamp call deadline', {
        request: label,
        deadlineMs: ms,
        attempt: this.attempt,
      });
      return new DeadlineError(ms, this.writeMayHaveLanded, {
        request: label,
        detail: `${label} did not finish within its ${ms} ms deadline (attempt ${this.attempt})`,
      });
    }
    return new AbortedError(this.writeMayHaveLanded, {
      request: label,
      detail: `${label} aborted by caller`,
    });
  }

  /** Waits for `work`, turning an abort into the call's own error. */
  private async orAborted<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (e) {
      if (this.signal.aborted) throw this.aborted();
      throw e;
    }
  }
}
