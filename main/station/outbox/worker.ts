// Drains the outbox: lanes (one per order or return) go in parallel up to `concurrency`, the
// entries of one lane strictly one after another. The FeedAMP client's write budget paces the
// calls. The rules of "Writes happen once" (DESIGN.md):
// - the attempt is recorded durably as 'sending' before the request leaves, so a crash
//   mid-send is known on restart (store.ts turns it into 'pending' + uncertain);
// - an uncertain entry is looked up on FeedAMP (reconcile.ts) before it is sent again;
// - network, 5xx and 429 retry with full-jitter back-off; refusals (400, 404, 409, 422, an order
//   the marketplace cancelled) stop the entry in 'attention' with FeedAMP's own message.
import type { FeedampClient } from '../../feedamp/client';
import { FeedampError, RateLimitedError } from '../../feedamp/errors';
import type { Logger } from '../../log';
import { laneOf, type OutboxEntry } from './entries';
import { reconcile } from './reconcile';
import { send } from './send';
import type { OutboxStore } from './store';

export interface WorkerOptions {
  store: OutboxStore;
  client: () => FeedampClient | undefined;
  log: Logger;
  /** Lanes sent at the same time; the client's write budget still caps calls per second. */
  concurrency?: number;
  now?: () => Date;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * How long to wait after an attempt of unknown outcome before looking for it on FeedAMP: a
   * request can still be in FeedAMP's hands after the client gave up on it, and a lookup too soon
   * would miss it and send it twice. Longer than any request's life (client timeouts).
   */
  settleMs?: number;
  onState?: () => void;
}

export interface WorkerState {
  online: boolean;
  /** Set when nothing can be sent until the packer acts (password refused, client not allowed). */
  blocked?: string | undefined;
  draining: boolean;
}

type Outcome =
  | { kind: 'sent'; resultId?: string | undefined; note?: string }
  | {
      kind: 'retry';
      uncertain: boolean;
      error: { code: string; message: string };
      delayMs?: number;
      offline?: boolean;
    }
  | { kind: 'attention'; error: { code: string; message: string } }
  | { kind: 'blocked'; error: { code: string; message: string } };

export class OutboxWorker {
  private readonly concurrency: number;
  private readonly now: () => Date;
  private readonly random: () => number;
  private busyLanes = new Set<string>();
  private drainPromise: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private abort = new AbortController();
  private stopped = false;
  readonly state: WorkerState = { online: true, draining: false };

  constructor(private readonly options: WorkerOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /** Start (or restart) draining. `resetBackoff` makes every waiting entry due now ("Upload now"). */
  kick(resetBackoff = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (resetBackoff) {
      this.state.blocked = undefined;
      for (const entry of this.options.store.laneHeads()) {
        if (entry.state === 'pending' && entry.nextAttemptAt)
          void this.options.store.put({ ...entry, nextAttemptAt: undefined });
      }
    }
    if (this.drainPromise) {
      this.again = true;
      return this.drainPromise;
    }
    this.drainPromise = this.drain().finally(() => {
      this.drainPromise = undefined;
      this.setDraining(false);
      this.scheduleWake();
    });
    return this.drainPromise;
  }

  /** Resolves when nothing is due any more (tests, "Upload now" progress). */
  async idle(): Promise<void> {
    while (this.drainPromise) await this.drainPromise;
  }

  /** Stops sending; resolves once the attempt in flight has recorded its outcome. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  private setDraining(draining: boolean): void {
    if (this.state.draining !== draining) {
      this.state.draining = draining;
      this.options.onState?.();
    }
  }

  private scheduleWake(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped || this.state.blocked) return;
    const due = this.options.store
      .laneHeads()
      .filter((e) => e.state === 'pending')
      .map((e) => this.dueAt(e));
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) - this.now().getTime());
    this.timer = setTimeout(() => void this.kick(), wait);
    this.timer.unref?.();
  }

  /** When an entry may go next: its back-off is over and, if uncertain, its last attempt settled. */
  private dueAt(e: OutboxEntry): number {
    const backoff = e.nextAttemptAt ? Date.parse(e.nextAttemptAt) : 0;
    const settle =
      e.uncertain && e.uncertainSince
        ? Date.parse(e.uncertainSince) + (this.options.settleMs ?? 30_000)
        : 0;
    return Math.max(backoff, settle);
  }

  private nextReady(): OutboxEntry | undefined {
    const now = this.now().getTime();
    return this.options.store
      .laneHeads()
      .find(
        (e) =>
          e.state === 'pending' && !this.busyLanes.has(laneOf(e.write)) && this.dueAt(e) <= now,
      );
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      if (!this.options.client() || this.state.blocked) return;
      this.setDraining(true);
      const lanes = Array.from({ length: this.concurrency }, () => this.lane());
      await Promise.all(lanes);
    } while (this.again && !this.stopped);
  }

  private async lane(): Promise<void> {
    for (;;) {
      if (this.stopped || this.state.blocked) return;
      const client = this.options.client();
      const entry = this.nextReady();
      if (!entry || !client) return;
      const lane = laneOf(entry.write);
      this.busyLanes.add(lane);
      try {
        await this.process(client, entry);
      } catch (error) {
        // A bug, not a FeedAMP answer: keep the entry, log, and wait before trying it again.
        this.options.log.error('outbox: unexpected failure', { entry: entry.id, error });
        await this.options.store.put({
          ...entry,
          state: 'pending',
          uncertain: true,
          nextAttemptAt: this.later(entry.attempts),
        });
      } finally {
        this.busyLanes.delete(lane);
      }
    }
  }

  private later(attempts: number, atLeastMs = 0): string {
    const base = this.options.baseDelayMs ?? 1_000;
    const cap = this.options.maxDelayMs ?? 60_000;
    const delay = Math.max(
      atLeastMs,
      this.random() * Math.min(cap, base * 2 ** Math.min(attempts, 16)),
    );
    return new Date(this.now().getTime() + delay).toISOString();
  }

  /** Ids of records other entries already account for: a lookup must not claim them twice. */
  private claimed(entry: OutboxEntry): Set<string> {
    const lane = laneOf(entry.write);
    return new Set(
      this.options.store
        .all()
        .filter(
          (e) =>
            e.id !== entry.id &&
            e.state === 'sent' &&
            e.resultId &&
            laneOf(e.write) === lane &&
            e.write.kind === entry.write.kind,
        )
        .map((e) => e.resultId!),
    );
  }

  private async process(client: FeedampClient, entry: OutboxEntry): Promise<void> {
    const { store } = this.options;
    let current = entry;
    const outcome = await this.attempt(client, entry, async (sending) => {
      current = await store.put(sending);
    });
    const base = store.get(current.id) ?? current;
    switch (outcome.kind) {
      case 'sent':
        await store.put({
          ...base,
          state: 'sent',
          uncertain: false,
          uncertainSince: undefined,
          sentAt: this.now().toISOString(),
          resultId: outcome.resultId,
          note: outcome.note,
          error: undefined,
          nextAttemptAt: undefined,
        });
        this.markOnline(true);
        break;
      case 'retry':
        await store.put({
          ...base,
          state: 'pending',
          uncertain: outcome.uncertain,
          error: outcome.error,
          nextAttemptAt: this.later(
            base.attempts,
            Math.max(
              outcome.delayMs ?? 0,
              outcome.uncertain ? (this.options.settleMs ?? 30_000) : 0,
            ),
          ),
        });
        if (outcome.offline) this.markOnline(false);
        break;
      case 'attention':
        await store.put({
          ...base,
          state: 'attention',
          error: outcome.error,
          nextAttemptAt: undefined,
        });
        this.markOnline(true);
        break;
      case 'blocked':
        await store.put({ ...base, state: 'pending', error: outcome.error });
        this.state.blocked = outcome.error.message;
        this.options.onState?.();
        break;
    }
  }

  private markOnline(online: boolean): void {
    if (this.state.online !== online) {
      this.state.online = online;
      this.options.onState?.();
    }
  }

  private async attempt(
    client: FeedampClient,
    entry: OutboxEntry,
    recordSending: (e: OutboxEntry) => Promise<void>,
  ): Promise<Outcome> {
    const signal = this.abort.signal;
    let uncertain = entry.uncertain;
    try {
      if (uncertain) {
        const found = await reconcile(client, entry, this.claimed(entry), signal);
        if (found.found === true)
          return { kind: 'sent', resultId: found.resultId, note: found.note };
        if (found.found === 'unknowable')
          return { kind: 'attention', error: { code: 'outcome_unknown', message: found.message } };
        uncertain = false; // looked, and it is not there
      }
      await recordSending({
        ...entry,
        state: 'sending',
        uncertain: true,
        attempts: entry.attempts + 1,
      });
      const resultId = await send(client, entry.write, signal);
      return { kind: 'sent', resultId };
    } catch (error) {
      const outcome = this.classify(error, uncertain, entry);
      // Refused after an earlier attempt of unknown outcome: that attempt may be what filled the
      // line ("more than is left"). Look once more before asking the packer.
      if (outcome.kind === 'attention' && entry.uncertain) {
        const found = await reconcile(client, entry, this.claimed(entry), signal).catch(
          () => undefined,
        );
        if (found?.found === true)
          return { kind: 'sent', resultId: found.resultId, note: found.note };
      }
      return outcome;
    }
  }

  private classify(error: unknown, uncertainBefore: boolean, entry: OutboxEntry): Outcome {
    if (!(error instanceof FeedampError)) throw error;
    const reason = { code: error.code, message: error.message };
    switch (error.code) {
      case 'validation':
        // Refused (400/409/422) or invalid before sending: never retried blindly.
        return { kind: 'attention', error: { code: 'refused', message: error.message } };
      case 'not_found':
        // A delete whose record is gone already did what it was asked.
        if (
          entry.write.kind === 'fulfillment.delete' ||
          entry.write.kind === 'cancellation.delete'
        ) {
          return { kind: 'sent', note: 'Already gone on FeedAMP.' };
        }
        return { kind: 'attention', error: { code: 'refused', message: error.message } };
      case 'unauthorized':
      case 'client_not_allowed':
        return { kind: 'blocked', error: reason };
      case 'rate_limited':
        // A 429 means FeedAMP did nothing with this request.
        return {
          kind: 'retry',
          uncertain: uncertainBefore,
          error: reason,
          delayMs: (error as RateLimitedError).retryAfterMs ?? 1_000,
        };
      case 'network':
        return { kind: 'retry', uncertain: uncertainBefore, error: reason, offline: true };
      case 'server':
      case 'outcome_unknown':
      case 'response_shape':
      case 'aborted':
        // The request may have been applied (a 5xx after the write, a lost or garbled answer).
        return {
          kind: 'retry',
          uncertain: true,
          error: reason,
          offline: error.code === 'outcome_unknown',
        };
    }
    return { kind: 'retry', uncertain: true, error: reason };
  }
}
