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
//   the packer must hear of it (overship.ts).
import type { FeedampClient } from '../../feedamp/client';
import { FeedampError, RateLimitedError } from '../../feedamp/errors';
import type { Logger } from '../../log';
import { laneOf, type OutboxEntry } from './entries';
import { mayBeOverShipped, orderedLines, overShipment } from './overship';
import { checkWrite, isChecked, readOrder, type OrderOnFeedamp } from './preflight';
import { findCreated, reconcile } from './reconcile';
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
  | {
      kind: 'sent';
      resultId?: string | undefined;
      note?: string;
      /** FeedAMP shows a line of this shipment past the order (overship.ts). */
      overShipped?: string | undefined;
      /** Its lines' ordered quantities, for the look once more after the settle time. */
      lookAgain?: { id: string; sku?: string; quantity: number }[] | undefined;
    }
  | {
      kind: 'retry';
      uncertain: boolean;
      error: { code: string; message: string };
      delayMs?: number;
      offline?: boolean;
    }
  | {
      kind: 'attention';
      error: { code: string; message: string };
      /** Known not to be on FeedAMP (looked, or stopped before sending). */
      certain?: boolean;
    }
  | { kind: 'blocked'; error: { code: string; message: string } }
  /** The entry changed (discarded, fixed) while its checks ran: nothing was sent. */
  | { kind: 'skip' };

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
  /** "Upload now" at this moment: back-off written before it no longer counts (memory only). */
  private backoffClearedAt = -Infinity;
  /** Entries whose attempt failed for a reason other than FeedAMP's answer (a bug, a full disk). */
  private readonly holds = new Map<string, number>();
  readonly state: WorkerState = { online: true, draining: false };

  constructor(private readonly options: WorkerOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
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
      .concat(this.looksPending().map((e) => Date.parse(e.lookAgain!.at)));
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
    const settle =
      uncertain && e.uncertainSince
        ? Date.parse(e.uncertainSince) + (this.options.settleMs ?? 30_000)
        : 0;
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
      await this.looksDue(this.options.client());
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
      return current;
    });
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
              ? { at: this.lookAgainAt(), lines: outcome.lookAgain, tries: 0 }
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

  private async attempt(
    client: FeedampClient,
    entry: OutboxEntry,
    recordSending: (e: OutboxEntry) => Promise<OutboxEntry>,
  ): Promise<Outcome> {
    const signal = this.abort.signal;
    const write = entry.write;
    let uncertain = entry.uncertain || entry.state === 'sending';
    let requestLeft = false;
    const { store } = this.options;
    const settleMs = this.options.settleMs ?? 30_000;
    // Discarded, fixed or being written since it was picked: this attempt is void.
    const changed = (mine: OutboxEntry) => store.get(mine.id) !== mine || store.isWriting(mine.id);
    const sending = () =>
      recordSending({
        ...entry,
        state: 'sending',
        uncertain: true,
        uncertainSince: this.now().toISOString(),
        attempts: entry.attempts + 1,
      });
    let held: OrderOnFeedamp | undefined;
    try {
      let mine = entry;
      if (isChecked(write)) {
        // 'sending' is on disk before the reads, so that nothing but the reads stands between
        // the check and the POST: another station's shipment has the smallest window to slip in.
        if (changed(mine)) return { kind: 'skip' };
        mine = await sending();
        // One read serves both: first the lookup (an earlier attempt of this entry that landed
        // is found as sent, not mistaken for another station's shipment), then the check.
        held = await readOrder(client, write.orderId, signal);
        await this.judgeSent(entry, held);
        if (uncertain) {
          const found = findCreated(entry, held, this.claimed(entry));
          if (found.found === true) {
            const overShipped =
              write.kind === 'fulfillment.create' && found.resultId
                ? overShipment(found.resultId, held)
                : undefined;
            const lookAgain =
              write.kind === 'fulfillment.create' ? linesToKeep(write, held) : undefined;
            return {
              kind: 'sent',
              resultId: found.resultId,
              note: found.note,
              overShipped,
              lookAgain,
            };
          }
          uncertain = false; // looked, and it is not there
        }
        const verdict = checkWrite(write, held);
        if (!verdict.ok) {
          const error = { code: verdict.code, message: verdict.message };
          return { kind: 'attention', error, certain: true };
        }
        // Slow reads: the recorded moment must stay close to when the request really leaves.
        if (this.now().getTime() - Date.parse(mine.uncertainSince!) > settleMs / 4) {
          if (changed(mine)) return { kind: 'skip' };
          mine = await sending();
        }
        if (changed(mine)) return { kind: 'skip' };
      } else {
        if (uncertain) {
          const found = await reconcile(client, entry, this.claimed(entry), signal);
          if (found.found === true)
            return { kind: 'sent', resultId: found.resultId, note: found.note };
          if (found.found === 'unknowable') {
            const error = { code: 'outcome_unknown', message: found.message };
            return { kind: 'attention', error };
          }
          uncertain = false;
        }
        if (changed(mine)) return { kind: 'skip' };
        mine = await sending();
      }
      requestLeft = true;
      const resultId = await send(client, write, signal);
      const overShipped =
        write.kind === 'fulfillment.create' && resultId && held
          ? await this.lookAfterSend(client, entry.id, write.orderId, resultId, held, signal)
          : undefined;
      const lookAgain =
        write.kind === 'fulfillment.create' && held ? linesToKeep(write, held) : undefined;
      return { kind: 'sent', resultId, overShipped, lookAgain };
    } catch (error) {
      const outcome = this.classify(error, uncertain, requestLeft, entry);
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

  /**
   * Right after a shipment went up: FeedAMP's shipments now, against the order as the pre-send
   * read found it (lines and quantities do not change between the two), so one list request
   * instead of the whole read. Never fails the send: what it cannot learn now, the next check of
   * this order learns.
   */
  private async lookAfterSend(
    client: FeedampClient,
    entryId: string,
    orderId: string,
    resultId: string,
    held: OrderOnFeedamp,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    try {
      const fulfillments = await client.listFulfillments(orderId, {}, { signal });
      return overShipment(resultId, { order: held.order, fulfillments });
    } catch (error) {
      this.options.log.warn('outbox: could not look at the shipments after sending', {
        entry: entryId,
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  /**
   * When a sent shipment is looked at once more: by then a shipment another station checked
   * before ours landed has left and been applied or dropped (its read, then its request, each
   * within the settle time).
   */
  private lookAgainAt(): string {
    return new Date(this.now().getTime() + 2 * (this.options.settleMs ?? 30_000)).toISOString();
  }

  /** Sent shipments still to be looked at once more. */
  private looksPending(): OutboxEntry[] {
    return this.options.store.all().filter((e) => e.lookAgain && mayBeOverShipped(e));
  }

  /** The looks that are due, a few at a time like the lanes; never throws. */
  private async looksDue(client: FeedampClient | undefined): Promise<void> {
    if (!client) return;
    const now = this.now().getTime();
    const due = this.looksPending().filter((e) => Date.parse(e.lookAgain!.at) <= now);
    const next = () => due.shift();
    const runner = async () => {
      for (let e = next(); e && !this.stopped && !this.state.blocked; e = next())
        await this.lookOnceMore(client, e);
    };
    await Promise.all(Array.from({ length: this.concurrency }, runner));
  }

  private async lookOnceMore(client: FeedampClient, entry: OutboxEntry): Promise<void> {
    const { store, log } = this.options;
    const w = entry.write;
    const look = entry.lookAgain;
    if (w.kind !== 'fulfillment.create' || !entry.resultId || !look) return;
    let sentence: string | undefined;
    let next: OutboxEntry['lookAgain'];
    try {
      const fulfillments = await client.listFulfillments(
        w.orderId,
        {},
        { signal: this.abort.signal },
      );
      sentence = overShipment(entry.resultId, { order: { order_lines: look.lines }, fulfillments });
    } catch (error) {
      // A few more tries, then the order's next check before an upload is what is left.
      const tries = look.tries + 1;
      next = tries < 5 ? { ...look, tries, at: this.lookAgainAt() } : undefined;
      log.warn('outbox: could not look at a sent shipment again', {
        entry: entry.id,
        tries,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (this.stopped) return;
    const latest = store.get(entry.id);
    // Settled by the packer, or marked by another check, while the look ran.
    if (!latest || !mayBeOverShipped(latest) || !latest.lookAgain) return;
    if (sentence)
      log.warn('outbox: shipment went past the order on FeedAMP', {
        entry: entry.id,
        resultId: entry.resultId,
        what: sentence,
      });
    await store
      .put({
        ...latest,
        lookAgain: next,
        ...(sentence ? { overShipped: { sentence, at: this.now().toISOString() } } : {}),
      })
      .catch((error: unknown) =>
        log.warn('outbox: could not record the look at a sent shipment', {
          entry: entry.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  }

  /**
   * The order's read before a later upload also judges this station's shipments of it already
   * sent: another station's shipment may have landed after the look that followed ours.
   */
  private async judgeSent(entry: OutboxEntry, held: OrderOnFeedamp): Promise<void> {
    const { store } = this.options;
    const lane = laneOf(entry.write);
    for (const sent of store.all()) {
      if (sent.id === entry.id || laneOf(sent.write) !== lane || !mayBeOverShipped(sent)) continue;
      const sentence = overShipment(sent.resultId!, held);
      if (!sentence) continue;
      this.options.log.warn('outbox: shipment went past the order on FeedAMP', {
        entry: sent.id,
        resultId: sent.resultId,
        what: sentence,
      });
      await store
        .put({
          ...sent,
          overShipped: { sentence, at: this.now().toISOString() },
          lookAgain: undefined,
        })
        .catch((error: unknown) =>
          this.options.log.warn('outbox: could not record an over-shipment', {
            entry: sent.id,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
    }
  }

  /**
   * `uncertainBefore`: an earlier attempt may have landed and this one has not settled that;
   * `requestLeft`: the failure came from the write itself, not from the reads before it.
   */
  private classify(
    error: unknown,
    uncertainBefore: boolean,
    requestLeft: boolean,
    entry: OutboxEntry,
  ): Outcome {
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
        // The request may have been applied (a 5xx after the write, a lost or garbled answer);
        // a read before it failing changes nothing.
        return {
          kind: 'retry',
          uncertain: uncertainBefore || requestLeft,
          error: reason,
          offline: error.code === 'outcome_unknown',
        };
    }
    return { kind: 'retry', uncertain: uncertainBefore || requestLeft, error: reason };
  }
}

/** The ordered quantities of a shipment's lines, from the read before it was sent. */
function linesToKeep(
  write: Extract<OutboxEntry['write'], { kind: 'fulfillment.create' }>,
  held: OrderOnFeedamp,
): { id: string; sku?: string; quantity: number }[] {
  const ids = (write.body.fulfillment_lines ?? []).map((l) => l.line_id);
  return orderedLines(ids, held.order.order_lines);
}
