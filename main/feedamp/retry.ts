// When a safe call may be repeated, and how long to wait first.

export interface RetryOptions {
  /** Attempts in total for a safe call, the first included. */
  maxAttempts?: number;
  /** First back-off ceiling; it doubles each attempt (full jitter picks 0..ceiling). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** No new attempt starts once this much time has passed since the first. */
  maxTotalMs?: number;
  /** Longest Retry-After the client will wait on by itself; longer ones are reported. */
  maxRetryAfterMs?: number;
  /** Source of randomness for the jitter (tests pin it). */
  random?: () => number;
}

export type RetryPolicy = Required<RetryOptions>;

const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxTotalMs: 30_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

export function retryPolicy(options: RetryOptions | undefined): RetryPolicy {
  return { ...DEFAULT_RETRY, ...options };
}

/** Full jitter (AWS architecture blog): uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Added to a Retry-After wait: up to a quarter of it, at least a second's spread and at most
 * 15 s, so stations told the same wait come back at different moments.
 */
export function retryJitter(policy: Pick<RetryPolicy, 'random'>, waitMs: number): number {
  const spread = Math.min(15_000, Math.max(1_000, waitMs / 4));
  return Math.floor(policy.random() * spread);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
