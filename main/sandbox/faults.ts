// Fault injection: random faults from a seeded generator (reproducible runs) and a one-shot
// queue of scripted faults (deterministic tests: "the next POST to fulfillments loses its answer").
import { z } from 'zod';
import { createRandom, type Random } from './prng';

export const faultConfigSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Share of matching requests answered 500 or 503 without being applied. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Share of matching requests answered 429 with Retry-After: 1, without being applied. */
  rateLimitRate: z.number().min(0).max(1).default(0),
  /** Retry-After of those 429s, whole seconds (0 = "retry now": fast fault tests). */
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  /** Share of matching requests whose connection is destroyed before they are applied. */
  resetRate: z.number().min(0).max(1).default(0),
  /** Share of matching requests applied, then left without an answer (connection destroyed). */
  lostAnswerRate: z.number().min(0).max(1).default(0),
  slowRate: z.number().min(0).max(1).default(0),
  slowMs: z.number().int().min(0).max(120_000).default(2000),
  /** Regex over "METHOD /path" (no query) limiting which requests the faults hit. */
  routes: z.string().optional(),
  seed: z.number().int().default(1),
});
export type FaultConfig = z.output<typeof faultConfigSchema>;

export const scriptedFaultSchema = z.object({
  /** Regex over "METHOD /path"; omitted = any seller or marketplace request. */
  match: z.string().optional(),
  action: z.enum(['error', 'rateLimit', 'reset', 'lostAnswer', 'slow']),
  /** For `error`: 500 or 503 (default 503). */
  status: z.union([z.literal(500), z.literal(503)]).default(503),
  /** For `slow`: how long to hold the request before handling it. */
  ms: z.number().int().min(0).max(120_000).default(2000),
  /** How many matching requests this applies to before it is used up. */
  times: z.number().int().min(1).default(1),
});
export type ScriptedFault = z.output<typeof scriptedFaultSchema>;

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'error'; delayMs: number; status: 500 | 503 }
  | { kind: 'rateLimited'; delayMs: number; retryAfterSeconds: number }
  | { kind: 'reset'; delayMs: number }
  | { kind: 'lostAnswer'; delayMs: number };

function compile(pattern: string | undefined, field: string): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    throw new Error(`${field} is not a valid regular expression.`);
  }
}

export class FaultInjector {
  private config: FaultConfig = faultConfigSchema.parse({});
  private routes: RegExp | undefined;
  private random: Random = createRandom(1);
  private queue: (ScriptedFault & { regex: RegExp | undefined })[] = [];

  configure(input: unknown): void {
    const config = faultConfigSchema.parse(input);
    this.routes = compile(config.routes, 'routes');
    this.config = config;
    this.random = createRandom(config.seed);
  }

  enqueue(input: unknown): void {
    const items = z.array(scriptedFaultSchema).parse(Array.isArray(input) ? input : [input]);
    for (const item of items) this.queue.push({ ...item, regex: compile(item.match, 'match') });
  }

  clear(): void {
    this.configure({});
    this.queue = [];
  }

  describe(): { config: FaultConfig; queue: ScriptedFault[] } {
    return { config: this.config, queue: this.queue.map(({ regex: _regex, ...rest }) => rest) };
  }

  get active(): boolean {
    const c = this.config;
    return (
      this.queue.length > 0 ||
      c.latencyMs > 0 ||
      c.errorRate > 0 ||
      c.resetRate > 0 ||
      c.lostAnswerRate > 0 ||
      c.slowRate > 0 ||
      c.rateLimitRate > 0
    );
  }

  decide(method: string, path: string): FaultDecision {
    const target = `${method} ${path}`;
    const scripted = this.queue.find((f) => !f.regex || f.regex.test(target));
    if (scripted) {
      scripted.times -= 1;
      if (scripted.times <= 0) this.queue.splice(this.queue.indexOf(scripted), 1);
      switch (scripted.action) {
        case 'error':
          return { kind: 'error', delayMs: 0, status: scripted.status };
        case 'rateLimit':
          return { kind: 'rateLimited', delayMs: 0, retryAfterSeconds: 1 };
        case 'reset':
          return { kind: 'reset', delayMs: 0 };
        case 'lostAnswer':
          return { kind: 'lostAnswer', delayMs: 0 };
        case 'slow':
          return { kind: 'none', delayMs: scripted.ms };
      }
    }
    const c = this.config;
    if (this.routes && !this.routes.test(target)) return { kind: 'none', delayMs: 0 };
    // Always draw the same number of values per request so one request's outcome does not
    // shift every later one when a rate changes.
    const [slow, error, status, reset, lost, limited] = [1, 2, 3, 4, 5, 6].map(() =>
      this.random.next(),
    ) as [number, number, number, number, number, number];
    const delayMs = c.latencyMs + (slow < c.slowRate ? c.slowMs : 0);
    if (error < c.errorRate) return { kind: 'error', delayMs, status: status < 0.5 ? 500 : 503 };
    if (limited < c.rateLimitRate) {
      return { kind: 'rateLimited', delayMs, retryAfterSeconds: c.retryAfterSeconds };
    }
    if (reset < c.resetRate) return { kind: 'reset', delayMs };
    if (lost < c.lostAnswerRate) return { kind: 'lostAnswer', delayMs };
    return { kind: 'none', delayMs };
  }
}
