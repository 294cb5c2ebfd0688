// What the client does after one attempt, decided without a server: a write is never sent twice
// by the client, a stale token is refreshed once, a 429 waits Retry-After plus a spread unless
// that would outlast the call, a dropped connection is told apart from a lost answer.
import { describe, expect, it } from 'vitest';
import {
  ClientNotAllowedError,
  NetworkError,
  NotFoundError,
  OutcomeUnknownError,
  RateLimitedError,
  ServerError,
  TokenCapError,
  UnauthorizedError,
  ValidationError,
} from '../../../main/feedamp/errors';
import {
  classifyOutcome,
  type AttemptOutcome,
  type AttemptSituation,
} from '../../../main/feedamp/outcome';
import { retryPolicy } from '../../../main/feedamp/retry';

const situation = (patch: Partial<AttemptSituation> = {}): AttemptSituation => ({
  retries: true,
  label: 'GET /api/v2/orders/1',
  what: 'order',
  tokenCall: false,
  username: 'demo',
  clientId: '1001',
  attempt: 1,
  refreshedAfter401: false,
  // The spread is pinned at its middle: waits below are exact.
  retry: retryPolicy({ random: () => 0.5 }),
  nowMs: 0,
  elapsedMs: 0,
  untilDeadlineMs: 60_000,
  ...patch,
});
const answered = (status: number, patch: Partial<AttemptOutcome> = {}): AttemptOutcome =>
  ({ kind: 'answered', status, ...patch }) as AttemptOutcome;

describe('classifying one attempt', () => {
  it('parses a 2xx', () => {
    expect(classifyOutcome(answered(201), situation())).toEqual({ next: 'parse' });
  });

  it('never retries a POST that met a 503 or a lost answer: the outbox decides', () => {
    const post = situation({ retries: false, label: 'POST /api/v2/orders/1/fulfillments' });
    const a = classifyOutcome(answered(503), post);
    expect(a.next).toBe('fail');
    expect(a.next === 'fail' && a.error).toBeInstanceOf(ServerError);
    const b = classifyOutcome(
      { kind: 'transport', sent: 'maybe_sent', errorCode: 'UND_ERR_SOCKET', ms: 5 },
      post,
    );
    expect(b.next === 'fail' && b.error).toBeInstanceOf(OutcomeUnknownError);
  });

  it('retries a GET after a connection that never reached FeedAMP, with backoff', () => {
    const v = classifyOutcome(
      { kind: 'transport', sent: 'not_sent', errorCode: 'ECONNREFUSED', ms: 2 },
      situation({ attempt: 2 }),
    );
    // Full jitter: half of 250 ms × 2.
    expect(v).toMatchObject({ next: 'retry', delayMs: 250 });
    expect(v.next === 'retry' && v.error).toBeInstanceOf(NetworkError);
  });

  it('stops retrying at the attempt cap', () => {
    const v = classifyOutcome(answered(500), situation({ attempt: 4 }));
    expect(v.next).toBe('fail');
  });

  it('waits a 429’s Retry-After plus a spread, and reports it when it would outlast the call', () => {
    const v = classifyOutcome(answered(429, { retryAfter: '4' }), situation());
    // 4 s + half of the 1 s spread.
    expect(v).toMatchObject({ next: 'retry', delayMs: 4_500 });
    const late = classifyOutcome(
      answered(429, { retryAfter: '4' }),
      situation({ untilDeadlineMs: 3_000 }),
    );
    expect(late.next).toBe('fail');
    expect(late.next === 'fail' && late.error).toBeInstanceOf(RateLimitedError);
    expect(late.next === 'fail' && (late.error as RateLimitedError).retryAfterMs).toBe(4_000);
  });

  it('reports a Retry-After longer than the client waits by itself', () => {
    const v = classifyOutcome(answered(429, { retryAfter: '120' }), situation());
    expect(v.next).toBe('fail');
  });

  it('refreshes a refused token once per call, then says the sign-in is refused', () => {
    expect(classifyOutcome(answered(401), situation()).next).toBe('refresh_token');
    const again = classifyOutcome(answered(401), situation({ refreshedAfter401: true }));
    expect(again.next === 'fail' && again.error).toBeInstanceOf(UnauthorizedError);
  });

  it('tells a full token allowance from bad credentials on get_token', () => {
    const cap = classifyOutcome(
      answered(403, { errorBody: { error: 'This user already has 100 active tokens' } }),
      situation({ tokenCall: true }),
    );
    expect(cap.next === 'fail' && cap.error).toBeInstanceOf(TokenCapError);
    const bad = classifyOutcome(answered(401), situation({ tokenCall: true }));
    expect(bad.next === 'fail' && bad.error).toBeInstanceOf(UnauthorizedError);
  });

  it('names the client on 403, the resource on 404, and the server’s words on a 422', () => {
    const forbidden = classifyOutcome(answered(403), situation());
    expect(forbidden.next === 'fail' && forbidden.error).toBeInstanceOf(ClientNotAllowedError);
    const missing = classifyOutcome(answered(404), situation({ what: 'fulfillment' }));
    expect(missing.next === 'fail' && missing.error).toBeInstanceOf(NotFoundError);
    const refused = classifyOutcome(
      answered(422, { errorBody: { errors: ['tracking_number is required'] } }),
      situation(),
    );
    expect(refused.next === 'fail' && refused.error).toBeInstanceOf(ValidationError);
    expect(refused.next === 'fail' && refused.error.message).toContain('tracking_number');
  });
});
