// Drains the outbox: lanes (one per order or return) go in parallel up to `concurrency`, the
// entries of one lane strictly one after another. The FeedAMP client's write budget paces the
// calls. How a write happens once:
// - the attempt is recorded durably as 'sending', with the moment its request leaves, so a crash
//   mid-send is known on restart (store.ts turns it into 'pending' + uncertain);
// - an uncertain entry is looked up on FeedAMP (reconcile.ts) before it is sent again, and not
//   before its last request has settled: FeedAMP may still be applying a request whose sender
//   gave up or died. That wait runs from the recorded moment; nothing shortens it;
// - a shipment or cancellation is checked against FeedAMP's current order just before it is
//   sent (preflight.ts): what another station did since it was queued stops it, unsent;
// - network, 5xx and 429 retry with full-jitter back-off; refusals (400, 404, 409, 422, an order
//   the marketplace cancelled) stop the entry in 'attention' with FeedAMP's own message;
// - a shipment that went up is judged once more from FeedAMP's shipments right after (and the
//   sent shipments of an order again at each later check of that order, from the same read):
//   another station's shipment of the same unit may have slipped through the same window, and
//   the packer must hear of it (overship.ts, look-again.ts).
// One attempt is attempt.ts, how its failure is judged outcome.ts; here, when entries go and
// what their outcome leaves on disk.
import type { FeedampClient } from '../../feedamp/client';
import type { Logger } from '../../log';
import { attempt } from './attempt';
import { laneOf, type OutboxEntry } from './entries';
import { ShipmentLooks } from './look-again';
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

export class OutboxWorker {
  private readonly concurrency: number;
  private readonly now: () => Date;
  private readonly random: () => number;
  private busyLanes = new Set<string>();
  private drainPromise: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private stopped = false;
  /** "Upload now" at this moment: back-off written before it no longer counts (memory only). */
  private backoffClearedAt = -Infinity;
  /** Entries whose attempt failed for a reason other than FeedAMP's answer (a bug, a full disk). */
  private readonly holds = new Map<string, number>();
  readonly state: WorkerState = { online: true, draining: false };
  private readonly looks: ShipmentLooks;

  constructor(private readonly options: WorkerOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.looks = new ShipmentLooks({
      store: options.store,
      log: options.log,
      now: this.now,
      settleMs: this.settleMs,
      concurrency: this.concurrency,
      signal: this.abort.signal,
      stopped: () => this.stopped,
      blocked: () => !!this.state.blocked,
    });
  }

  private get settleMs(): number {
    return this.options.settleMs ?? 30_000;
  }

  /**
   * Start (or restart) draining; never rejects. `resetBackoff` ("Upload now", back online, start)
   * ends every back-off wait, but never the settle wait of an uncertain entry: looking for it on
   * FeedAMP sooner could miss a request FeedAMP is still applying, and send it twice.
   */
  kick(resetBackoff = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (resetBackoff) {
      this.state.blocked = undefined;
      this.backoffClearedAt = this.now().getTime();
      this.holds.clear();
    }
    if (this.drainPromise) {
      this.again = true;
      return this.drainPromise;
    }
    this.drainPromise = this.drain()
      .catch((error: unknown) => this.options.log.error('outbox: drain failed', { error }))
      .finally(() => {
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
      .filter((e) => this.waiting(e))
      .map((e) => this.dueAt(e))
      .concat(this.looks.pending().map((e) => Date.parse(e.lookAgain!.at)));
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) - this.now().getTime());
    this.timer = setTimeout(() => void this.kick(), wait);
    this.timer.unref?.();
  }

  /**
   * Waiting to be tried: pending, or left in 'sending' by an attempt whose outcome could not be
   * written (disk full) — no attempt is running for it, so it is as uncertain as after a crash.
   */
  private waiting(e: OutboxEntry): boolean {
    return e.state === 'pending' || (e.state === 'sending' && !this.busyLanes.has(laneOf(e.write)));
  }

  /** When an entry may go next: its back-off is over and, if uncertain, its last attempt settled. */
  private dueAt(e: OutboxEntry): number {
    const backoff =
      e.nextAttemptAt && Date.parse(e.updatedAt) > this.backoffClearedAt
        ? Date.parse(e.nextAttemptAt)
        : 0;
    const uncertain = e.uncertain || e.state === 'sending';
    const settle = uncertain && e.uncertainSince ? Date.parse(e.uncertainSince) + this.settleMs : 0;
    return Math.max(backoff, settle, this.holds.get(e.id) ?? 0);
  }

  private nextReady(): OutboxEntry | undefined {
    const now = this.now().getTime();
    return this.options.store
      .laneHeads()
      .find((e) => this.waiting(e) && !this.busyLanes.has(laneOf(e.write)) && this.dueAt(e) <= now);
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      if (!this.options.client() || this.state.blocked) return;
      this.setDraining(true);
      const lanes = Array.from({ length: this.concurrency }, () => this.lane());
      await Promise.all(lanes);
      await this.looks.runDue(this.options.client());
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
        // Not a FeedAMP answer — a bug, or the disk refused a record: keep the entry as the
        // disk has it and hold it a while (in memory, which needs no disk). An entry left in
        // 'sending' is looked up before it goes again, after its settle wait.
        this.options.log.error('outbox: attempt failed outside FeedAMP', {
          entry: entry.id,
          error,
        });
        const latest = this.options.store.get(entry.id) ?? entry;
        const nextAttemptAt = this.later(latest.attempts);
        this.holds.set(entry.id, Date.parse(nextAttemptAt));
        if (latest.state === 'sending' || latest.state === 'pending') {
          await this.options.store
            .put({
              ...latest,
              state: 'pending',
              uncertain: latest.uncertain || latest.state === 'sending',
              nextAttemptAt,
            })
            .catch((e: unknown) =>
              this.options.log.warn('outbox: could not record the failed attempt', {
                entry: entry.id,
                error: e instanceof Error ? e.message : String(e),
              }),
            );
        }
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

  private async process(client: FeedampClient, entry: OutboxEntry): Promise<void> {
    const { store } = this.options;
    let current = entry;
    const outcome = await attempt(
      {
        client,
        store,
        looks: this.looks,
        now: this.now,
        settleMs: this.settleMs,
        signal: this.abort.signal,
        recordSending: async (sending) => {
          current = await store.put(sending);
          return current;
        },
      },
      entry,
    );
    const base = store.get(current.id) ?? current;
    switch (outcome.kind) {
      case 'skip':
        break;
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
          overShipped: outcome.overShipped
            ? { sentence: outcome.overShipped, at: this.now().toISOString() }
            : undefined,
          lookAgain:
            outcome.lookAgain?.length && !outcome.overShipped
              ? { at: this.looks.lookAgainAt(), lines: outcome.lookAgain, tries: 0 }
              : undefined,
        });
        if (outcome.overShipped)
          this.options.log.warn('outbox: shipment went past the order on FeedAMP', {
            entry: base.id,
            resultId: outcome.resultId,
            what: outcome.overShipped,
          });
        this.markOnline(true);
        break;
      case 'retry':
        // The settle wait of an uncertain entry runs from uncertainSince (see dueAt), so the
        // back-off here is only the pause before trying again.
        await store.put({
          ...base,
          state: 'pending',
          uncertain: outcome.uncertain,
          uncertainSince: outcome.uncertain ? base.uncertainSince : undefined,
          error: outcome.error,
          nextAttemptAt: this.later(base.attempts, outcome.delayMs ?? 0),
        });
        if (outcome.offline) this.markOnline(false);
        break;
      case 'attention':
        await store.put({
          ...base,
          ...(outcome.certain ? { uncertain: false, uncertainSince: undefined } : {}),
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
}
