// Fault injection: random faults from a seeded generator (reproducible runs) and a one-shot
// queue of scripted faults (deterministic tests: "the next POST to fulfillments loses its answer").
import { z } from 'zod';
import type { OtherWriteOutcome } from './other-client';
import { createRandom, type Random } from './prng';

/** How many `otherWrite` outcomes `describe()` keeps, newest last. */
const MAX_OTHER_WRITE_OUTCOMES = 100;

const orderIdString = z.string().regex(/^\d+$/, 'must be a string of digits');

const faultConfigSchema = z
  .object({
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
    /**
     * Share of matching requests held `slowMs` before they are handled as usual. The request is
     * applied after the hold even if the client has gone meanwhile; the answer then goes nowhere.
     */
    slowRate: z.number().min(0).max(1).default(0),
    slowMs: z.number().int().min(0).max(120_000).default(2000),
    /**
     * Share of matching requests held with the connection open, then applied whether or not the
     * client is still there (a real server keeps going), then answered if it is.
     */
    slowApplyRate: z.number().min(0).max(1).default(0),
    /** The hold of a slow apply; with `slowApplyMaxMs`, the low end of a uniform range. */
    slowApplyMs: z.number().int().min(0).max(120_000).default(5000),
    slowApplyMaxMs: z.number().int().min(0).max(120_000).optional(),
    /** Share of slow-applied requests whose answer is then lost (connection destroyed). */
    slowApplyLoseAnswerRate: z.number().min(0).max(1).default(0),
    /** Regex over "METHOD /path" (no query) limiting which requests the faults hit. */
    routes: z.string().optional(),
    /** Only requests whose path names this order (`/orders/<id>` or `/orders/<id>/…`). */
    orderId: orderIdString.optional(),
    seed: z.number().int().default(1),
  })
  .refine((c) => c.slowApplyMaxMs === undefined || c.slowApplyMaxMs >= c.slowApplyMs, {
    path: ['slowApplyMaxMs'],
    message: 'must be at least slowApplyMs',
  });
export type FaultConfig = z.output<typeof faultConfigSchema>;

/** Another client's write, applied through the admin's other-client path. */
const otherWriteSchema = z.object({
  kind: z.enum(['fulfillment', 'cancellation']),
  orderId: orderIdString,
  /** Exactly the seller API's create body for that kind. */
  body: z.unknown(),
});
type OtherWrite = z.output<typeof otherWriteSchema>;

const scriptedFaultSchema = z
  .object({
    /** Regex over "METHOD /path"; omitted = any seller or marketplace request. */
    match: z.string().optional(),
    /** Only requests whose path names this order (`/orders/<id>` or `/orders/<id>/…`). */
    orderId: orderIdString.optional(),
    action: z.enum([
      'error',
      'rateLimit',
      'reset',
      'lostAnswer',
      'slow',
      'slowApply',
      'otherWrite',
    ]),
    /** For `error`: 500 or 503 (default 503). */
    status: z.union([z.literal(500), z.literal(503)]).default(503),
    /** For `slow` and `slowApply`: how long to hold the request before applying it. */
    ms: z.number().int().min(0).max(120_000).default(2000),
    /** For `slowApply`: after applying, destroy the connection instead of answering. */
    loseAnswer: z.boolean().default(false),
    /** For `otherWrite`: the write another client makes just before the request is handled. */
    write: otherWriteSchema.optional(),
    /** How many matching requests this applies to before it is used up. */
    times: z.number().int().min(1).default(1),
  })
  .refine((f) => f.action !== 'otherWrite' || f.write !== undefined, {
    path: ['write'],
    message: 'is required for an otherWrite fault',
  });
export type ScriptedFault = z.output<typeof scriptedFaultSchema>;

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'error'; delayMs: number; status: 500 | 503 }
  | { kind: 'rateLimited'; delayMs: number; retryAfterSeconds: number }
  | { kind: 'reset'; delayMs: number }
  | { kind: 'lostAnswer'; delayMs: number }
  | { kind: 'slowApply'; delayMs: number; holdMs: number; loseAnswer: boolean }
  | { kind: 'otherWrite'; delayMs: number; write: OtherWrite };

/** True when `path` names the order: `…/orders/<id>` or `…/orders/<id>/…`. */
export function pathNamesOrder(path: string, orderId: string): boolean {
  const at = path.indexOf(`/orders/${orderId}`);
  if (at < 0) return false;
  const rest = path.slice(at + `/orders/${orderId}`.length);
  return rest === '' || rest.startsWith('/');
}

const slowApplySeed = (seed: number): number => (seed ^ 0x510a991) >>> 0;

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
  // Slow-apply draws come from their own stream so the other faults of a seed replay exactly
  // as they did before slow applies existed.
  private slowApplyRandom: Random = createRandom(slowApplySeed(1));
  private queue: (ScriptedFault & { regex: RegExp | undefined })[] = [];
  private otherWrites: OtherWriteOutcome[] = [];

  configure(input: unknown): void {
    const config = faultConfigSchema.parse(input);
    this.routes = compile(config.routes, 'routes');
    this.config = config;
    this.random = createRandom(config.seed);
    this.slowApplyRandom = createRandom(slowApplySeed(config.seed));
  }

  enqueue(input: unknown): void {
    const items = z.array(scriptedFaultSchema).parse(Array.isArray(input) ? input : [input]);
    for (const item of items) this.queue.push({ ...item, regex: compile(item.match, 'match') });
  }

  clear(): void {
    this.configure({});
    this.queue = [];
    this.otherWrites = [];
  }

  /** Remembers what an `otherWrite` fault's write came to (it may be refused, e.g. 400). */
  noteOtherWrite(outcome: OtherWriteOutcome): void {
    this.otherWrites.push(outcome);
    if (this.otherWrites.length > MAX_OTHER_WRITE_OUTCOMES) this.otherWrites.shift();
  }

  describe(): {
    config: FaultConfig;
    queue: ScriptedFault[];
    otherWrites: OtherWriteOutcome[];
  } {
    return {
      config: this.config,
      queue: this.queue.map(({ regex: _regex, ...rest }) => rest),
      otherWrites: this.otherWrites,
    };
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
      c.slowApplyRate > 0 ||
      c.rateLimitRate > 0
    );
  }

  decide(method: string, path: string): FaultDecision {
    const target = `${method} ${path}`;
    const scripted = this.queue.find(
      (f) =>
        (!f.regex || f.regex.test(target)) &&
        (f.orderId === undefined || pathNamesOrder(path, f.orderId)),
    );
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
        case 'slowApply':
          return {
            kind: 'slowApply',
            delayMs: 0,
            holdMs: scripted.ms,
            loseAnswer: scripted.loseAnswer,
          };
        case 'otherWrite':
          // The schema refuses an otherWrite without `write`.
          if (scripted.write) return { kind: 'otherWrite', delayMs: 0, write: scripted.write };
          return { kind: 'none', delayMs: 0 };
      }
    }
    const c = this.config;
    if (this.routes && !this.routes.test(target)) return { kind: 'none', delayMs: 0 };
    if (c.orderId !== undefined && !pathNamesOrder(path, c.orderId)) {
      return { kind: 'none', delayMs: 0 };
    }
    // Always draw the same number of values per request so one request's outcome does not
    // shift every later one when a rate changes.
    const [slow, error, status, reset, lost, limited] = [1, 2, 3, 4, 5, 6].map(() =>
      this.random.next(),
    ) as [number, number, number, number, number, number];
    const [slowApply, hold, loseAnswer] = [1, 2, 3].map(() => this.slowApplyRandom.next()) as [
      number,
      number,
      number,
    ];
    const delayMs = c.latencyMs + (slow < c.slowRate ? c.slowMs : 0);
    if (error < c.errorRate) return { kind: 'error', delayMs, status: status < 0.5 ? 500 : 503 };
    if (limited < c.rateLimitRate) {
      return { kind: 'rateLimited', delayMs, retryAfterSeconds: c.retryAfterSeconds };
    }
    if (reset < c.resetRate) return { kind: 'reset', delayMs };
    if (lost < c.lostAnswerRate) return { kind: 'lostAnswer', delayMs };
    if (slowApply < c.slowApplyRate) {
      const max = c.slowApplyMaxMs ?? c.slowApplyMs;
      return {
        kind: 'slowApply',
        delayMs,
        holdMs: c.slowApplyMs + Math.floor(hold * (max - c.slowApplyMs + 1)),
        loseAnswer: loseAnswer < c.slowApplyLoseAnswerRate,
      };
    }
    return { kind: 'none', delayMs };
  }
}
