// Waves on the station: a printed pick list becomes a wave; scanning its barcode starts it and
// opens its orders one after another through the pack service's normal open path (so warehouse
// claims refuse an order another bench packs, and the wave moves past it with that sentence).
// Item first: an item scan with no order open opens the oldest single-item order needing it.
import type { PackState } from '../../../preload/api/pack';
import type { ItemFirstResult, WaveStep, WaveView } from '../../../preload/api/waves';
import { BridgeError } from '../../../preload/contract';
import { parseWaveCode, waveCode } from '../../../common/wave-code';
import type { Logger } from '../../log';
import { StationError } from '../errors';
import type { CachedOrder } from '../orders/cache';
import { toSummary } from '../orders/views';
import { itemCodeKeys } from '../../../common/item-codes';
import {
  chooseItemFirst,
  leftOrders,
  nextCandidates,
  settleCurrent,
  unshippableReason,
  waveView,
  type ItemFirstCandidate,
  type WaveRecord,
} from './progress';
import type { WaveStore } from './store';

export interface WaveDeps {
  store: WaveStore;
  orders: {
    get: (id: string) => CachedOrder | undefined;
    all: () => Iterable<CachedOrder>;
    index: {
      findLines: (orderId: string, code: string, aliases?: Record<string, string>) => string[];
    };
  };
  pack: {
    state: (orderId: string) => PackState | undefined;
    /** Reads the order from FeedAMP (a cancellation the sync has not brought yet). */
    refresh: (orderId: string) => Promise<boolean>;
    /** The normal open path: claims the order in warehouse mode, or refuses with a sentence. */
    open: (orderId: string) => Promise<unknown>;
  };
  aliases: () => Record<string, string>;
  log: Logger;
  now?: () => Date;
}

/** How long a wave step waits for FeedAMP's word on an order before going on with what it knew. */
const REFRESH_WAIT_MS = 1500;

/** A refusal the packer should read (a claim, a cancelled order); anything else is a bug. */
function refusal(error: unknown): string | undefined {
  if (error instanceof StationError || error instanceof BridgeError) return error.message;
  return undefined;
}

export class WaveService {
  private readonly now: () => Date;
  /** One wave step at a time: a double scan must not open two orders or skip one twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WaveDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The wave a pick list of these orders starts; printing the same list again reuses it. */
  recordPickList(orders: readonly { orderId: string; number: string }[]): {
    id: number;
    code: string;
  } {
    const ids = orders.map((o) => o.orderId);
    const wave = this.deps.store.findOpen(ids) ?? this.deps.store.create(orders, this.now());
    return { id: wave.id, code: waveCode(wave.id) };
  }

  current(): WaveView | null {
    const wave = this.deps.store.active();
    return wave ? waveView(wave) : null;
  }

  /** Starts (or resumes) the wave a barcode names and, unless items come first, opens its next order. */
  start(code: string, itemFirst?: boolean): Promise<WaveStep> {
    return this.serial(async () => {
      const id = parseWaveCode(code);
      if (id === undefined) throw new StationError('refused', `${code} is not a wave barcode.`);
      const found = this.deps.store.get(id);
      if (!found)
        throw new StationError(
          'not_found',
          `Wave ${id} is not on this station — print its pick list here, then scan it.`,
        );
      if (found.endedAt)
        throw new StationError(
          'refused',
          `Wave ${id} has ended — print a new pick list for what is left.`,
        );
      const wave: WaveRecord = {
        ...found,
        startedAt: found.startedAt ?? this.now().toISOString(),
        itemFirst: itemFirst ?? found.itemFirst,
      };
      this.deps.store.put(wave, true);
      if (wave.itemFirst) return { wave: waveView(wave) };
      // Resuming: the order that was open stays the one to pack, if it still can ship.
      const resume = wave.current && !this.completed(wave.current) ? wave.current : undefined;
      return this.advance(resume ? { ...wave, current: undefined } : wave, resume);
    });
  }

  /** The open order is done or put aside: count it, and with `open` go to the next one. */
  next(open: boolean): Promise<WaveStep> {
    return this.serial(async () => {
      const active = this.deps.store.active();
      if (!active) return { wave: null };
      const settled = settleCurrent(
        active,
        active.current ? this.completed(active.current) : false,
      );
      if (open) return this.advance(settled);
      const wave =
        settled.current && settled.packed.includes(settled.current)
          ? { ...settled, current: undefined }
          : settled;
      this.deps.store.put(wave, true);
      return { wave: waveView(wave) };
    });
  }

  end(): Promise<{ wave: WaveView | null }> {
    return this.serial(async () => {
      const active = this.deps.store.active();
      if (!active) return { wave: null };
      const settled = settleCurrent(
        active,
        active.current ? this.completed(active.current) : false,
      );
      const { current: _dropped, ...rest } = settled;
      const wave: WaveRecord = { ...rest, endedAt: this.now().toISOString() };
      this.deps.store.put(wave, false);
      return { wave: waveView(wave) };
    });
  }

  /**
   * Item first: the oldest-by-ship-by order (of the wave when one runs) that needs exactly this
   * one unit and nothing else, opened through the normal path — a claim that refuses sends the
   * item to the next such order.
   */
  itemFirst(code: string): Promise<ItemFirstResult> {
    return this.serial(async () => {
      const aliases = this.deps.aliases();
      const wave = this.deps.store.active();
      const pool = wave
        ? leftOrders(wave).flatMap((id) => this.cached(id))
        : [...this.deps.orders.all()];
      const candidates: ItemFirstCandidate[] = [];
      let known = false;
      for (const entry of pool) {
        const id = entry.order.id;
        const matchingLineIds = this.deps.orders.index.findLines(id, code, aliases);
        if (matchingLineIds.length === 0) continue;
        known = true;
        const state = this.deps.pack.state(id);
        candidates.push({
          ...toSummary(entry),
          lines: state?.lines ?? [],
          blocked: state?.blocked !== undefined,
          matchingLineIds,
        });
      }
      if (!known && !this.isKnownItem(code, aliases)) return { kind: 'not-item' };
      const refusals: string[] = [];
      for (const candidate of chooseItemFirst(candidates)) {
        // FeedAMP may know better than the last sync (cancelled, shipped from elsewhere).
        if ((await this.unshippable(candidate.id)) !== undefined) continue;
        try {
          await this.deps.pack.open(candidate.id);
        } catch (error) {
          const sentence = refusal(error);
          if (sentence === undefined) throw error;
          refusals.push(sentence);
          continue;
        }
        if (wave) this.deps.store.put({ ...wave, current: candidate.id }, true);
        return { kind: 'opened', orderId: candidate.id };
      }
      const where = wave ? `in wave ${wave.id}` : 'on this station';
      const message =
        refusals.length > 0
          ? `Every single-item order needing ${code.trim()} ${where} is being packed elsewhere — put it back.`
          : `No single-item order ${where} needs ${code.trim()} — put it back, or scan its order.`;
      return { kind: 'none', message };
    });
  }

  /** Tries the wave's orders in turn; skips each that can no longer ship, saying why. */
  private async advance(start: WaveRecord, first?: string): Promise<WaveStep> {
    let wave = start;
    const order = first
      ? [first, ...nextCandidates(wave).filter((id) => id !== first)]
      : nextCandidates(wave);
    for (const orderId of order) {
      let reason = await this.unshippable(orderId);
      if (reason === undefined) {
        try {
          await this.deps.pack.open(orderId);
          wave = { ...wave, current: orderId };
          this.deps.store.put(wave, true);
          return { wave: waveView(wave), orderId };
        } catch (error) {
          reason = refusal(error);
          if (reason === undefined) throw error;
        }
      }
      this.deps.log.info('waves: skipped an order', { wave: wave.id, orderId });
      const { current: _left, ...rest } = wave;
      wave = { ...rest, skipped: [...wave.skipped, { orderId, reason }] };
    }
    const { current: _none, ...rest } = wave;
    this.deps.store.put(rest, true);
    return { wave: waveView(rest) };
  }

  private async unshippable(orderId: string): Promise<string | undefined> {
    if (!this.deps.orders.get(orderId)) return unshippableReason(undefined, undefined);
    // FeedAMP may know what the last sync did not (the marketplace cancelled it a minute ago).
    // Offline the refresh waits out its own timeout; the bench waits at most REFRESH_WAIT_MS.
    await Promise.race([
      this.deps.pack.refresh(orderId),
      new Promise((resolve) => setTimeout(resolve, REFRESH_WAIT_MS).unref()),
    ]);
    const cached = this.deps.orders.get(orderId);
    return unshippableReason(cached && toSummary(cached), this.deps.pack.state(orderId));
  }

  private completed(orderId: string): boolean {
    return this.deps.pack.state(orderId)?.complete === true;
  }

  private cached(orderId: string): CachedOrder[] {
    const entry = this.deps.orders.get(orderId);
    return entry ? [entry] : [];
  }

  private isKnownItem(code: string, aliases: Record<string, string>): boolean {
    const keys = itemCodeKeys(code);
    if (keys.some((key) => aliases[key] !== undefined)) return true;
    for (const entry of this.deps.orders.all())
      if (this.deps.orders.index.findLines(entry.order.id, code, aliases).length > 0) return true;
    return false;
  }
}
