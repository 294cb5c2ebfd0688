// Token buckets for FeedAMP calls. One bucket is shared by every caller that holds it: the list
// bucket by every client of the same account in the process, the read and write buckets by the
// callers of one client (unless one is injected), so parallel syncs and outbox uploads together
// stay inside the budget rather than each on its own.
import { realNow, realSleep, type Now, type Sleep } from './clock.js';

export interface BudgetConfig {
  /** Sustained rate. */
  perSecond: number;
  /** Requests that may go back to back after a quiet spell (1 = evenly spaced). */
  burst?: number;
  /**
   * Added to every interval. A server that counts arrivals in a sliding one-second window
   * (the sandbox does) answers 429 when network jitter brings two intervals under a second;
   * a few milliseconds of slack cost under 2 % and avoid a whole Retry-After second.
   */
  marginMs?: number;
  /**
   * The margin instead, for a station given its turn (station k of N > 1). Every slot of the
   * account is then another station's, each request's arrival jitters with its own network
   * and clock, and FeedAMP does not document how much jitter its window forgives: turns need
   * more slack than one station pacing itself.
   */
  turnMarginMs?: number;
  adaptive?: AdaptiveConfig;
}

/**
 * How a budget shared with stations it cannot see finds its part. Stations of one account learn
 * that it is shared only from 429s, so a station that has never met one sends at the full rate
 * from its first request (a lone station loses nothing), and every station of a crowd but one
 * must meet at least one 429 to learn of the others: ten stations starting together meet 9 or
 * more in about 110 list requests (8 % or more), whatever the policy. Stations told their
 * places in Settings (`setTurn`) need none of this: each keeps to its own slots from the start.
 *
 * Each crowded moment halves the rate, and quiet spells double it back, the sooner the slower
 * the station runs: it grows back by the same amount every second whatever its rate (additive
 * increase, multiplicative decrease). A fast station meets more 429s than a slow one and loses
 * more with each halving, so a crowd is pulled towards equal shares, and a station left far
 * below its share (halved too often, or alone once the crowd has thinned) is back within
 * seconds. Doubling after a fixed 5 s sent a crowd's slow stations back into 429s no sooner
 * than its fast ones and left the last of them crawling once the others were done; doubling
 * after a few calls at the current rate (a spell that scales with the interval) left a station
 * that had halved once too often crawling for minutes.
 *
 * Once it has met a 429, a station sends only at the start of its own slots of a grid that
 * every station of the account draws alike on the wall clock (see `nextOwnSlot`).
 *
 * How deep the first halving goes depends on what the 429 says. FeedAMP lets 2 list requests
 * through in any second; a station at full rate refused while one of its own requests of the
 * last second got through shares the account with about one other, and halves once. Refused
 * with none of its own in that second, it knows the others alone filled the window (stations
 * signing in together, or one already running at full rate) and drops straight to an eighth
 * (`crowdHalvings`), sparing itself two crowded moments on the way down. A lone station never
 * meets either, and two stations signing in together meet only the first kind. Simulated (96
 * seeds): a crowd of three from 20 % to 17 % 429s, ten from 51 % to 49 % (a quarter fewer in
 * their first 10 s), at the same pace; a sixteenth saved a little more but left more of twenty
 * stations unable to sign in.
 *
 * Everything else tried (a deep first drop for every 429; slower growth, or growth that goes
 * back to its old slot when the doubled rate meets a 429; stations that keep a contested slot;
 * avoiding refused slots; steps finer than halving) traded the crowd's time for its 429s along
 * the same line: about 35 % 429s at 1.5 × the floor, and 12 % only with ten stations held at a
 * sixteenth (1.75 ×). The window lets two requests share a slot whose neighbours are idle, so
 * a station growing into a slot in use is refused only half the time: the other half, the
 * station that owned it is, and moves.
 */
interface AdaptiveConfig {
  /** The rate never halves below this. */
  minPerSecond: number;
  /**
   * After this long without a 429, half the full rate doubles back to the full rate; a quarter
   * doubles in half this time, an eighth in a quarter, and so on.
   */
  doubleAfterMs: number;
  /**
   * 429s that come within this many intervals (at the halved rate) of the last halving, or
   * within a second, are the same crowded moment and halve the rate once: they answer calls
   * sent before the station had slowed down, or the first calls at its new rate, and halving
   * for each of them cut stations far below their share at the start of a shift. Counted from
   * the halving, not from the last 429, so 429s that keep coming still slow the station down.
   */
  crowdedIntervals: number;
  /**
   * Halvings at a 429 met at full rate when none of this station's own requests of the last
   * second got through (the others alone filled FeedAMP's window); 1 otherwise.
   */
  crowdHalvings: number;
}

/** FeedAMP counts list requests in a sliding window of one second. */
const WINDOW_MS = 1_000;

/**
 * A station's place among the stations that share an account, set in Settings: station `station`
 * (1-based) of `of`. Each sends only in its own turns of the slot grid (every `of`-th slot), so
 * stations that know their places never meet in a slot and need no 429 to find their share.
 */
export interface ListTurn {
  station: number;
  of: number;
}

/** How often a caller waiting for a slow slot looks whether the rate has doubled meanwhile. */
const RECHECK_MS = 1_000;

/**
 * Generic cell-rate algorithm: each acquire reserves the next free slot synchronously and then
 * sleeps until it, so waiters leave in arrival order without a lock and an abort only loses
 * its own slot.
 */
export class RateBudget {
  private readonly marginMs: number;
  private readonly burst: number;
  private theoreticalArrival = 0;
  private pausedUntil = 0;
  /** Bumped when the rate changes: a waiter whose slot was reserved before reserves again. */
  private schedule = 0;
  /** How many times the rate is halved (0 = full rate), and since when it has been quiet. */
  private halvings = 0;
  private quietSince = 0;
  /** Sends on the slot grid, at this offset among each 2^halvings slots, once a 429 came. */
  private slotted = false;
  private slotOffset = 0;
  /** When the rate was last halved (one crowded moment often answers several calls). */
  private lastHalvedAt = -Infinity;
  private lastSendAt = -Infinity;
  /** When FeedAMP last answered 429 through this budget (its clock), for Settings' advice. */
  private lastLimitedAt: number | undefined;
  /** When this station's requests that got through were sent (the last second's, at most). */
  private acceptedSends: number[] = [];
  /** This station's turn, 0-based, among `turns` (1 = the account is not known to be shared). */
  private turn = 0;
  private turns = 1;

  constructor(
    readonly config: BudgetConfig,
    private readonly now: Now = realNow,
    private readonly sleep: Sleep = realSleep,
    private readonly random: () => number = Math.random,
  ) {
    if (!(config.perSecond > 0)) throw new RangeError('perSecond must be > 0');
    this.burst = Math.max(1, Math.floor(config.burst ?? 1));
    this.marginMs = Math.max(0, config.marginMs ?? 0);
  }

  /** How long without a 429 doubles the current rate: shorter the slower it is. */
  private quietSpell(): number {
    return (this.config.adaptive?.doubleAfterMs ?? Infinity) / 2 ** (this.halvings - 1);
  }

  /** Doubles the rate once for each quiet spell that has passed. */
  private grow(): void {
    const adaptive = this.config.adaptive;
    while (adaptive && this.halvings > 0 && this.now() - this.quietSince >= this.quietSpell()) {
      this.quietSince += this.quietSpell();
      this.halvings--;
      // Waiters reserved at the slower rate take places at the faster one, counted from the
      // last real send rather than from the far slots they held.
      this.schedule++;
      this.theoreticalArrival = this.lastSendAt + this.intervalAtCurrentRate();
    }
  }

  /** The rate this station may use when no 429 has slowed it: its turns' share of the account. */
  private get shareOfAccount(): number {
    return this.config.perSecond / this.turns;
  }

  private rateNow(): number {
    return this.shareOfAccount / 2 ** this.halvings;
  }

  private intervalAtCurrentRate(): number {
    return 2 ** this.halvings * this.turns * this.slotMs;
  }

  /** On the grid once a 429 came, or from the start when the station knows its turn. */
  private get onGrid(): boolean {
    return this.slotted || this.turns > 1;
  }

  /**
   * One slot holds one list request of the whole account: the interval at the full rate. The
   * grid starts at the epoch, so stations whose clocks agree (NTP) draw the same one; a
   * station whose clock is off sends at a phase of its own, as without the grid.
   */
  private get slotMs(): number {
    const margin = this.turns > 1 ? (this.config.turnMarginMs ?? this.marginMs) : this.marginMs;
    return 1000 / this.config.perSecond + margin;
  }

  /**
   * The first of this station's slots at or after `earliest`. In a sliding one-second window two
   * requests in neighbouring slots always fit, so a station that found a slot nobody else uses
   * keeps it without 429s, and two stations in one slot cost one 429 to the later of them
   * only. Without the grid every station keeps a phase of its own, and in the simulated crowds
   * stations held at 80 % of the account's rate, even told how many they were, still met a 429
   * on more than a fifth of their requests.
   */
  private nextOwnSlot(earliest: number): number {
    const slot = this.slotMs;
    // Every `turns`-th slot is this station's; halvings thin those out in turn.
    const every = this.turns * 2 ** this.halvings;
    const residue = this.turn + this.turns * this.slotOffset;
    let k = Math.ceil(earliest / slot - 1e-9);
    k += (((residue - k) % every) + every) % every;
    return k * slot;
  }

  /**
   * Takes this station's turn among the stations of a shared account (none: alone, or not known
   * to be shared). Waiters reserved before take places in the new turns.
   */
  setTurn(turn: ListTurn | undefined): void {
    const of = turn?.of ?? 1;
    const station = turn?.station ?? 1;
    if (
      !Number.isInteger(of) ||
      of < 1 ||
      !Number.isInteger(station) ||
      station < 1 ||
      station > of
    )
      throw new RangeError(`no turn ${station} of ${of}`);
    if (this.turn === station - 1 && this.turns === of) return;
    this.turn = station - 1;
    this.turns = of;
    this.schedule++;
    this.theoreticalArrival = this.now();
  }

  /** When FeedAMP last answered 429 through this budget, if it has (on the budget's clock). */
  rateLimitedAt(): number | undefined {
    return this.lastLimitedAt;
  }

  /** The rate allowed now: `perSecond`, or less while the budget grows back after a 429. */
  currentPerSecond(): number {
    this.grow();
    return this.rateNow();
  }

  /**
   * How many times slower than its full rate this budget now runs (1 = full rate: the whole
   * account, or this station's turns of it).
   */
  slowdown(): number {
    return this.shareOfAccount / this.currentPerSecond();
  }

  get intervalMs(): number {
    this.grow();
    return this.intervalAtCurrentRate();
  }

  /**
   * Resolves when this caller may send, with the time it was let go (for `accepted`); rejects
   * with the signal's reason on abort.
   */
  async acquire(signal?: AbortSignal): Promise<number> {
    for (;;) {
      const reservedIn = this.schedule;
      const now = this.now();
      const interval = this.intervalMs;
      let sendAt: number;
      if (this.onGrid) {
        sendAt = this.nextOwnSlot(Math.max(this.theoreticalArrival, now, this.pausedUntil));
        this.theoreticalArrival = sendAt + interval;
      } else {
        const tolerance = (this.burst - 1) * interval;
        const pause = this.pausedUntil > now ? this.pausedUntil + tolerance : 0;
        const start = Math.max(this.theoreticalArrival, now, pause);
        sendAt = start - tolerance;
        this.theoreticalArrival = start + interval;
      }
      if (!this.config.adaptive) {
        if (sendAt > now) await this.sleep(sendAt - now, signal);
      } else {
        while (this.now() < sendAt && this.schedule === reservedIn) {
          await this.sleep(Math.min(sendAt - this.now(), RECHECK_MS), signal);
          this.grow();
        }
      }
      if (signal?.aborted) throw signal.reason;
      if (this.schedule === reservedIn) {
        this.lastSendAt = this.onGrid ? sendAt : this.now();
        return this.lastSendAt;
      }
      // The rate changed while this caller slept on a slot of the old schedule: after a 429 it
      // takes a place in the new one rather than going the moment the pause ends with every
      // other waiter; after a doubling, an earlier one.
    }
  }

  /** FeedAMP answered (not 429) the request let go at `sentAt` (what `acquire` resolved to). */
  accepted(sentAt: number): void {
    const now = this.now();
    this.acceptedSends = this.acceptedSends.filter((at) => now - at < WINDOW_MS);
    this.acceptedSends.push(sentAt);
  }

  /** After a 429 with Retry-After: nobody sends through this bucket before `untilMs`. */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /**
   * FeedAMP answered 429. Pauses for its Retry-After, halves an adaptive budget (once per crowded
   * moment; deeper at full rate when the others alone filled the window), and moves to a slot
   * drawn at random among the slots of the new rate: the slot it had is someone else's, and
   * stations pushed back together, told the same wait, would otherwise all come back in the
   * same slot.
   */
  rateLimited(retryAfterMs: number | undefined): void {
    const now = this.now();
    this.lastLimitedAt = now;
    if (retryAfterMs !== undefined) this.pauseUntil(now + retryAfterMs);
    const adaptive = this.config.adaptive;
    if (!adaptive) return;
    this.grow();
    const crowdedFor = Math.max(1000, adaptive.crowdedIntervals * this.intervalAtCurrentRate());
    const crowdedMoment = now - this.lastHalvedAt < crowdedFor;
    this.quietSince = now;
    if (!crowdedMoment) {
      this.lastHalvedAt = now;
      // A station with turns of its own sends too seldom for its last second to say anything:
      // its 429 means a clock that disagrees or a number given twice, and it halves once.
      const crowd =
        this.turns === 1 &&
        this.halvings === 0 &&
        !this.acceptedSends.some((at) => now - at < WINDOW_MS);
      const steps = crowd ? adaptive.crowdHalvings : 1;
      for (let i = 0; i < steps; i++)
        if (this.shareOfAccount / 2 ** (this.halvings + 1) >= adaptive.minPerSecond)
          this.halvings++;
    }
    this.slotted = true;
    this.slotOffset = Math.floor(this.random() * 2 ** this.halvings);
    this.schedule++;
    this.theoreticalArrival = Math.max(now, this.pausedUntil);
  }
}
