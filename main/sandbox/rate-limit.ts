// FeedAMP recommends at most 2 requests/second on the list endpoints but
// documents no 429. The sandbox enforces it per user with a sliding one-second window and
// answers 429 with Retry-After so clients are tested against a server that actually pushes back.
// The window forgives `toleranceMs` of arrival jitter: a client spacing its calls correctly can
// still see two of them handled closer together when the server (or the machine) is busy, and a
// limiter that punished that would make a correct client fail at random.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class SlidingWindowLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly toleranceMs = 100,
  ) {}

  take(key: string, now: number): RateDecision {
    const windowStart = now - 1000 + this.toleranceMs;
    const stamps = (this.recent.get(key) ?? []).filter((t) => t > windowStart);
    if (stamps.length >= this.perSecond) {
      this.recent.set(key, stamps);
      const oldest = stamps[0] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + 1000 - now) / 1000)),
      };
    }
    stamps.push(now);
    this.recent.set(key, stamps);
    return { allowed: true };
  }

  reset(): void {
    this.recent.clear();
  }
}
