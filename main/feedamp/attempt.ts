// One attempt of a FeedAMP call: the request sent once and its answer read within the size
// caps, summed up as an AttemptOutcome for classifyOutcome (outcome.ts) to judge.
import type { Dispatcher } from 'undici';
import { errorBodyOf } from './answers.js';
import { headersFor, type Credentials } from './auth.js';
import type { ClockCheck } from './clock-check.js';
import type { Now } from './clock.js';
import { ResponseTooLargeError } from './errors.js';
import {
  ResponseOversize,
  send,
  TransportFailure,
  type HttpRequest,
  type HttpResponse,
  type Timeouts,
} from './http.js';
import type { FeedampLogger } from './options.js';
import { retryAfterOf, type AttemptOutcome } from './outcome.js';

/** What every attempt of a client shares. */
export interface AttemptContext {
  readonly dispatcher: Dispatcher;
  readonly timeouts: Required<Timeouts>;
  readonly credentials: Credentials;
  readonly now: Now;
  readonly logger: FeedampLogger | undefined;
  /** Told the Date of every answer (what it says about this PC's clock). */
  readonly clockCheck: ClockCheck;
}

/** A call's request, the same for each of its attempts but for the token. */
export interface PreparedRequest {
  method: HttpRequest['method'];
  url: string;
  /** "GET /api/v2/orders", for the log and the error. */
  label: string;
  bodyText: string | undefined;
  /** The largest success and error answers read. */
  caps: { successBytes: number; errorBytes: number };
}

type AttemptResult = 'aborted' | { outcome: AttemptOutcome; res?: HttpResponse };

/**
 * One request and its answer, read within the size caps. An answer over its cap is a
 * ResponseTooLargeError at once (a success status: the request was handled).
 * @param token undefined for get_token
 */
export async function sendAttempt(
  ctx: AttemptContext,
  request: PreparedRequest,
  token: string | undefined,
  signal: AbortSignal,
  attempt: number,
): Promise<AttemptResult> {
  const sentAt = ctx.now();
  let res: HttpResponse;
  try {
    res = await send(
      ctx.dispatcher,
      ctx.timeouts,
      {
        method: request.method,
        url: request.url,
        headers: headersFor(ctx.credentials, token, request.bodyText !== undefined),
        body: request.bodyText,
        signal,
      },
      request.caps,
    );
  } catch (e) {
    if (e instanceof ResponseOversize) throw tooLarge(ctx, request.label, e);
    if (!(e instanceof TransportFailure)) throw e;
    if (e.kind === 'aborted') return 'aborted';
    return {
      outcome: {
        kind: 'transport',
        sent: e.kind,
        errorCode: e.errorCode,
        cause: e.cause,
        ms: ctx.now() - sentAt,
      },
    };
  }
  ctx.clockCheck.observe(sentAt, ctx.now(), res.headers['date']);
  ctx.logger?.debug?.('feedamp response', {
    request: request.label,
    status: res.status,
    ms: ctx.now() - sentAt,
    attempt,
  });
  const ok = res.status >= 200 && res.status < 300;
  return {
    res,
    outcome: {
      kind: 'answered',
      status: res.status,
      retryAfter: res.headers['retry-after'],
      errorBody: ok ? undefined : errorBodyOf(res.text),
      truncated: res.truncated,
    },
  };
}

function tooLarge(ctx: AttemptContext, label: string, e: ResponseOversize): ResponseTooLargeError {
  ctx.logger?.warn?.('feedamp answer too large', {
    request: label,
    status: e.status,
    limitBytes: e.limitBytes,
    seenBytes: e.seenBytes,
  });
  return new ResponseTooLargeError(e.limitBytes, {
    request: label,
    status: e.status,
    detail: `${label} → ${e.status} with a body over ${e.limitBytes} bytes (stopped after ${e.seenBytes}); not read further`,
  });
}

/** Transport failures, 429s and 5xx answers are logged as warnings; the rest is not. */
export function logOutcome(
  ctx: Pick<AttemptContext, 'logger' | 'now'>,
  label: string,
  attempt: number,
  outcome: AttemptOutcome,
): void {
  if (outcome.kind === 'transport') {
    ctx.logger?.warn?.('feedamp transport failure', {
      request: label,
      attempt,
      code: outcome.errorCode,
      kind: outcome.sent,
    });
  } else if (outcome.status === 429) {
    ctx.logger?.warn?.('feedamp rate limited', {
      request: label,
      retryAfterMs: retryAfterOf(outcome, ctx.now()),
      attempt,
    });
  } else if (outcome.status >= 500) {
    ctx.logger?.warn?.('feedamp server error', {
      request: label,
      status: outcome.status,
      attempt,
    });
  }
}
