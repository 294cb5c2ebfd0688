// What one attempt of a FeedAMP call came back with, and what the client does about it: parse
// the answer, refresh the token and send again, wait and retry, or fail with a typed error. A
// pure function of the outcome and the call's situation, so every rule (POST is never retried,
// one token refresh per call, Retry-After with jitter, a retry that would outlast the deadline
// is not begun) is tested without a server.
import {
  ClientNotAllowedError,
  type FeedampError,
  isTokenCapRefusal,
  NetworkError,
  NotFoundError,
  OutcomeUnknownError,
  RateLimitedError,
  ServerError,
  TokenCapError,
  UnauthorizedError,
  ValidationError,
} from './errors.js';
import { backoffDelay, parseRetryAfter, retryJitter, type RetryPolicy } from './retry.js';

export type AttemptOutcome =
  | {
      kind: 'answered';
      status: number;
      /** The Retry-After header as sent. */
      retryAfter?: string | undefined;
      /** The error body, parsed when it is JSON (an HTML page stays text). */
      errorBody?: unknown;
      /** The error body was cut at the error-size cap. */
      truncated?: boolean;
    }
  | {
      kind: 'transport';
      /** not_sent: FeedAMP never saw it; maybe_sent: the answer was lost. */
      sent: 'not_sent' | 'maybe_sent';
      errorCode: string;
      cause?: unknown;
      /** How long the attempt took before it failed. */
      ms: number;
    };

export interface AttemptSituation {
  /** GET, and PUT/DELETE of a known id, may be repeated; POST never is (the outbox decides). */
  retries: boolean;
  /** "GET /api/v2/orders", for the log and the error. */
  label: string;
  /** Resource name for a 404 ("order", "fulfillment", …). */
  what: string;
  /** get_token: a 401 means bad credentials rather than a stale token. */
  tokenCall: boolean;
  username: string;
  clientId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** This call already refreshed its token once after a 401. */
  refreshedAfter401: boolean;
  retry: RetryPolicy;
  nowMs: number;
  /** Time since the call's first attempt. */
  elapsedMs: number;
  /** Time left before the call's deadline. */
  untilDeadlineMs: number;
}

export type Verdict =
  | { next: 'parse' }
  | { next: 'refresh_token' }
  | { next: 'retry'; delayMs: number; error: FeedampError }
  | { next: 'fail'; error: FeedampError };

/** A 429's Retry-After (ms), for the shared budget; undefined when absent or unreadable. */
export function retryAfterOf(outcome: AttemptOutcome, nowMs: number): number | undefined {
  return outcome.kind === 'answered' && outcome.status === 429
    ? parseRetryAfter(outcome.retryAfter, nowMs)
    : undefined;
}

/** Error bodies: only `{"error": "..."}` is documented; other shapes are read best-effort. */
function serverMessages(body: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 3 || out.length >= 10) return;
    if (typeof v === 'string' && v.trim()) out.push(v.trim());
    else if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const key of ['error', 'errors', 'message', 'messages', 'detail', 'description']) {
        if (key in o) visit(o[key], depth + 1);
      }
    }
  };
  visit(body, 0);
  return [...new Set(out)];
}

export function classifyOutcome(outcome: AttemptOutcome, s: AttemptSituation): Verdict {
  const mayRetry = (delayMs: number): boolean =>
    s.retries &&
    s.attempt < s.retry.maxAttempts &&
    s.elapsedMs + delayMs <= s.retry.maxTotalMs &&
    delayMs < s.untilDeadlineMs;
  const retryOr = (delayMs: number, error: FeedampError): Verdict =>
    mayRetry(delayMs) ? { next: 'retry', delayMs, error } : { next: 'fail', error };

  if (outcome.kind === 'transport') {
    const init = {
      request: s.label,
      cause: outcome.cause,
      detail:
        `${s.label} failed after ${outcome.ms} ms on attempt ${s.attempt}: ${outcome.errorCode} ${outcome.cause instanceof Error ? outcome.cause.message : ''}`.trim(),
    };
    const error =
      outcome.sent === 'not_sent' ? new NetworkError(init) : new OutcomeUnknownError(init);
    return retryOr(backoffDelay(s.retry, s.attempt), error);
  }

  const { status } = outcome;
  if (status >= 200 && status < 300) return { next: 'parse' };
  const messages = serverMessages(outcome.errorBody);
  const init = {
    request: s.label,
    status,
    detail: `${s.label} → ${status}${messages.length ? `: ${messages.join(' | ').slice(0, 2_000)}` : ''}${outcome.truncated ? ' (answer cut at the error-size cap)' : ''}`,
  };
  if (s.tokenCall && (status === 401 || status === 403)) {
    if (isTokenCapRefusal(messages))
      return { next: 'fail', error: new TokenCapError(s.username, init) };
    return { next: 'fail', error: new UnauthorizedError(s.username, init) };
  }
  if (status === 401) {
    // A 401 is a refusal before any processing, so sending once more with a fresh token is
    // safe for POST too. One refresh per call.
    if (!s.refreshedAfter401) return { next: 'refresh_token' };
    return { next: 'fail', error: new UnauthorizedError(s.username, init) };
  }
  if (status === 403) return { next: 'fail', error: new ClientNotAllowedError(s.clientId, init) };
  if (status === 404) return { next: 'fail', error: new NotFoundError(s.what, init) };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(outcome.retryAfter, s.nowMs);
    // Every station told the same Retry-After would otherwise come back in the same instant
    // and meet the next 429 together.
    const delay =
      retryAfterMs === undefined
        ? backoffDelay(s.retry, s.attempt)
        : retryAfterMs + retryJitter(s.retry, retryAfterMs);
    const error = new RateLimitedError(retryAfterMs, init);
    if (delay > s.retry.maxRetryAfterMs) return { next: 'fail', error };
    return retryOr(delay, error);
  }
  if (status >= 500)
    return retryOr(backoffDelay(s.retry, s.attempt), new ServerError(status, init));
  return {
    next: 'fail',
    error: new ValidationError(messages.length ? messages : [`HTTP ${status}`], init),
  };
}
