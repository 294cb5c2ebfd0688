// One attempt at one outbox entry, from the moment the worker picks it to FeedAMP's answer:
// recorded as 'sending' before anything leaves, looked up first when an earlier attempt may have
// landed, checked against FeedAMP's order just before a shipment or cancellation goes, then sent.
// Nothing here writes the outcome; the worker does.
import type { FeedampClient } from '../../feedamp/client';
import { laneOf, type OutboxEntry } from './entries';
import { linesToKeep, type ShipmentLooks } from './look-again';
import { classify, type Outcome } from './outcome';
import { overShipment } from './overship';
import {
  checkWrite,
  isChecked,
  readOrder,
  type CheckedWrite,
  type OrderOnFeedamp,
} from './preflight';
import { findCreated, reconcile } from './reconcile';
import { send } from './send';
import type { OutboxStore } from './store';

export interface AttemptContext {
  client: FeedampClient;
  store: OutboxStore;
  looks: ShipmentLooks;
  now: () => Date;
  settleMs: number;
  signal: AbortSignal;
  /** Writes the entry as 'sending' and answers with what is now on disk. */
  recordSending: (e: OutboxEntry) => Promise<OutboxEntry>;
}

/** What the attempt has learned so far; a failure is judged by it. */
interface Progress {
  /** An earlier attempt may have landed and this one has not settled that. */
  uncertain: boolean;
  /** The write itself went out (a failure now may have been applied). */
  requestLeft: boolean;
  /** FeedAMP's order as read just before sending (checked writes only). */
  held?: OrderOnFeedamp | undefined;
}

const SKIP: Outcome = { kind: 'skip' };

/** Ids of records other entries already account for: a lookup must not claim them twice. */
function claimedIds(store: OutboxStore, entry: OutboxEntry): Set<string> {
  const lane = laneOf(entry.write);
  return new Set(
    store
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

/** Discarded, fixed or being written since it was picked: this attempt is void. */
function changed(store: OutboxStore, mine: OutboxEntry): boolean {
  return store.get(mine.id) !== mine || store.isWriting(mine.id);
}

function recordSending(ctx: AttemptContext, entry: OutboxEntry): Promise<OutboxEntry> {
  return ctx.recordSending({
    ...entry,
    state: 'sending',
    uncertain: true,
    uncertainSince: ctx.now().toISOString(),
    attempts: entry.attempts + 1,
  });
}

export async function attempt(ctx: AttemptContext, entry: OutboxEntry): Promise<Outcome> {
  const write = entry.write;
  const progress: Progress = {
    uncertain: entry.uncertain || entry.state === 'sending',
    requestLeft: false,
  };
  try {
    const before = isChecked(write)
      ? await checkBeforeSending(ctx, entry, write, progress)
      : await lookBeforeSending(ctx, entry, progress);
    if (before) return before;
    progress.requestLeft = true;
    const resultId = await send(ctx.client, write, ctx.signal);
    const held = progress.held;
    const overShipped =
      write.kind === 'fulfillment.create' && resultId && held
        ? await ctx.looks.afterSend(ctx.client, entry.id, write.orderId, resultId, held, ctx.signal)
        : undefined;
    const lookAgain =
      write.kind === 'fulfillment.create' && held ? linesToKeep(write, held) : undefined;
    return { kind: 'sent', resultId, overShipped, lookAgain };
  } catch (error) {
    const outcome = classify(error, progress.uncertain, progress.requestLeft, entry);
    // Refused after an earlier attempt of unknown outcome: that attempt may be what filled the
    // line ("more than is left"). Look once more before asking the packer.
    if (outcome.kind === 'attention' && entry.uncertain) {
      const found = await reconcile(
        ctx.client,
        entry,
        claimedIds(ctx.store, entry),
        ctx.signal,
      ).catch(() => undefined);
      if (found?.found === true)
        return { kind: 'sent', resultId: found.resultId, note: found.note };
    }
    return outcome;
  }
}

/**
 * A shipment or cancellation: FeedAMP's order is read and judged just before it goes. Answers
 * with an outcome when it must not be sent, undefined when it may.
 */
async function checkBeforeSending(
  ctx: AttemptContext,
  entry: OutboxEntry,
  write: CheckedWrite,
  progress: Progress,
): Promise<Outcome | undefined> {
  // 'sending' is on disk before the reads, so that nothing but the reads stands between the
  // check and the POST: another station's shipment has the smallest window to slip in.
  if (changed(ctx.store, entry)) return SKIP;
  let mine = await recordSending(ctx, entry);
  // One read serves both: first the lookup (an earlier attempt of this entry that landed is
  // found as sent, not mistaken for another station's shipment), then the check.
  const held = await readOrder(ctx.client, write.orderId, ctx.signal);
  progress.held = held;
  await ctx.looks.judgeSent(entry, held);
  if (progress.uncertain) {
    const found = findCreated(entry, held, claimedIds(ctx.store, entry));
    if (found.found === true) {
      const created = write.kind === 'fulfillment.create' ? write : undefined;
      return {
        kind: 'sent',
        resultId: found.resultId,
        note: found.note,
        overShipped: created && found.resultId ? overShipment(found.resultId, held) : undefined,
        lookAgain: created ? linesToKeep(created, held) : undefined,
      };
    }
    progress.uncertain = false; // looked, and it is not there
  }
  const verdict = checkWrite(write, held);
  if (!verdict.ok) {
    const error = { code: verdict.code, message: verdict.message };
    return { kind: 'attention', error, certain: true };
  }
  // Slow reads: the recorded moment must stay close to when the request really leaves.
  if (ctx.now().getTime() - Date.parse(mine.uncertainSince!) > ctx.settleMs / 4) {
    if (changed(ctx.store, mine)) return SKIP;
    mine = await recordSending(ctx, entry);
  }
  if (changed(ctx.store, mine)) return SKIP;
  return undefined;
}

/**
 * Any other write: looked up on FeedAMP first when an earlier attempt may have landed. Answers
 * with an outcome when it must not be sent, undefined when it may.
 */
async function lookBeforeSending(
  ctx: AttemptContext,
  entry: OutboxEntry,
  progress: Progress,
): Promise<Outcome | undefined> {
  if (progress.uncertain) {
    const found = await reconcile(ctx.client, entry, claimedIds(ctx.store, entry), ctx.signal);
    if (found.found === true) return { kind: 'sent', resultId: found.resultId, note: found.note };
    if (found.found === 'unknowable') {
      const error = { code: 'outcome_unknown', message: found.message };
      return { kind: 'attention', error };
    }
    progress.uncertain = false;
  }
  if (changed(ctx.store, entry)) return SKIP;
  await recordSending(ctx, entry);
  return undefined;
}
