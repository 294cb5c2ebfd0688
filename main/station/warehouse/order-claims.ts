// The pack service's side of warehouse mode: the order this station has open is claimed, and
// each package or cancellation is checked against every station's and recorded before it is
// queued — in the database, or in the data folder while the station works alone.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log';
import { StationError } from '../errors';
import type { Claims } from './claims';
import type { OfflineJournal } from './offline-journal';
import type { OfflinePackage } from './offline';
import { followOutbox, type FollowedOutbox, type PackageChange } from './outbox-follow';
import {
  cancellationRef,
  type BoxLine,
  type PackageKind,
  type PackedLines,
  type ShipCheck,
} from './packed-lines';
import {
  heldSentence,
  importHeldSentence,
  importOverSentence,
  lostClaimCancelSentence,
  lostClaimSentence,
  overCancelSentence,
  overSentence,
  staleSentence,
} from './sentences';

/** A box (or the units of a cancellation) to check against every station's and record. */
export interface RecordInput {
  orderId: string;
  box: readonly BoxLine[];
  /** Per line: ordered minus cancelled, as this station knows it. */
  allowed: ReadonlyMap<string, number>;
  /**
   * Per line: cancelled on FeedAMP as this station last read it (what `allowed` excludes).
   * Cancellations recorded in the database beyond these lower the limit.
   */
  cancelled?: ReadonlyMap<string, number>;
  lineName: (lineId: string) => string;
}

interface Recorded {
  undo: () => Promise<void>;
}

/** What the pack service asks before it opens an order and before it queues a package. */
export interface PackClaims {
  /** Refuses (StationError with the sentence) when another station packs the order. */
  open: (orderId: string) => Promise<void>;
  /**
   * Refuses when the claim is another station's or other stations packed the lines already;
   * otherwise records the box. `undo` forgets it when the outbox entry could not be made.
   */
  ship: (input: RecordInput & { trackingNumber: string }) => Promise<Recorded>;
  /**
   * The same for a cancellation: refused when the claim is another station's or other stations
   * packed or cancelled those units; otherwise recorded, so no other station ships them.
   */
  cancel: (input: RecordInput) => Promise<Recorded>;
  /**
   * A package from Outbox → Import shipments (CSV): checked against every station's claims and
   * lines and recorded like a packed box, but the order is not this station's open order, so
   * the claim taken for the check is let go at once.
   */
  shipImported: (input: RecordInput & { trackingNumber: string }) => Promise<Recorded>;
  /**
   * After the package is queued, or after a ship refused because nothing is left: a finished
   * order's claim is released, so no other station reads "being packed" on an order that is done.
   */
  shipped: (orderId: string, complete: boolean) => void;
}

interface OrderClaimsContext {
  /** The claims and lines of the signed-in account while connected; undefined otherwise. */
  claims: () => Claims | undefined;
  lines: () => PackedLines | undefined;
  /** The signed-in account, when warehouse mode is on: what is done alone is written down. */
  keepsAlone: () => string | undefined;
  journal: OfflineJournal;
  /** A query failed: true when that means working alone (the packer goes on). */
  failed: (error: unknown) => boolean;
  log: Logger;
  now: () => Date;
}

/** How long "open the order again" counts as yes to taking a stale claim over. */
const TAKE_OVER_WINDOW_MS = 60_000;

type Refusal = Exclude<ShipCheck, { ok: true }>;

export class OrderClaims implements PackClaims {
  /** The order this station has open: claimed again when the database comes back. */
  private current: string | undefined;
  private askedTakeOver: { orderId: string; at: number } | undefined;
  private changing: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: OrderClaimsContext) {}

  async open(orderId: string): Promise<void> {
    this.current = orderId;
    const claims = this.ctx.claims();
    if (!claims) return;
    const asked = this.askedTakeOver;
    const takeOver =
      asked?.orderId === orderId && this.ctx.now().getTime() - asked.at < TAKE_OVER_WINDOW_MS;
    let result;
    try {
      result = await claims.claim(orderId, { takeOver });
    } catch (error) {
      if (this.ctx.failed(error)) return; // working alone: the packer goes on
      throw new StationError(
        'failed',
        'The warehouse database refused the claim — the log has the details.',
      );
    }
    if (result.ok) {
      if (takeOver) {
        this.askedTakeOver = undefined;
        this.ctx.log.info('warehouse: took over a stale claim', { orderId });
      }
      return;
    }
    this.current = undefined;
    if (result.holder.stale) {
      this.askedTakeOver = { orderId, at: this.ctx.now().getTime() };
      throw new StationError('refused', staleSentence(result.holder, this.ctx.now()));
    }
    throw new StationError('refused', heldSentence(result.holder));
  }

  /** Connected again: the open order is claimed again (logged when another station has it). */
  async reclaim(): Promise<void> {
    const claims = this.ctx.claims();
    if (!claims || !this.current) return;
    const result = await claims.claim(this.current);
    if (!result.ok)
      this.ctx.log.warn('warehouse: the open order is claimed by another station', {
        orderId: this.current,
        station: result.holder.stationName,
      });
  }

  async ship(input: RecordInput & { trackingNumber: string }): Promise<Recorded> {
    const check = await this.record('shipment', input.trackingNumber, input);
    if (!('reason' in check)) return check;
    if (check.reason === 'claimed')
      throw new StationError('refused', lostClaimSentence(check.holder));
    throw new StationError(
      'refused',
      overSentence(
        input.lineName(check.lineId),
        check.packed,
        check.allowed,
        check.cancelledElsewhere,
      ),
    );
  }

  async shipImported(input: RecordInput & { trackingNumber: string }): Promise<Recorded> {
    const opened = this.current;
    const check = await this.record('shipment', input.trackingNumber, input);
    this.current = opened;
    if (input.orderId !== opened) this.release(input.orderId);
    if (!('reason' in check)) return check;
    throw new StationError(
      'refused',
      check.reason === 'claimed'
        ? importHeldSentence(check.holder)
        : importOverSentence(input.lineName(check.lineId), check.packed, check.allowed),
    );
  }

  async cancel(input: RecordInput): Promise<Recorded> {
    const check = await this.record('cancellation', cancellationRef(input.box), input);
    if (!('reason' in check)) return check;
    if (check.reason === 'claimed')
      throw new StationError('refused', lostClaimCancelSentence(check.holder));
    throw new StationError(
      'refused',
      overCancelSentence(input.lineName(check.lineId), Math.max(0, check.allowed - check.packed)),
    );
  }

  /**
   * The claim and every station's lines checked, and the box recorded (in the data folder when
   * alone, to be recorded on rejoining); a refusal is returned for the caller's sentence.
   */
  private async record(
    kind: PackageKind,
    ref: string,
    input: RecordInput,
  ): Promise<Recorded | Refusal> {
    const lines = this.ctx.lines();
    const key = randomUUID();
    if (!lines) return this.recordAlone(kind, ref, key, input);
    let check;
    try {
      check = await lines.ship(input.orderId, input.box, input.allowed, ref, key, {
        kind,
        cancelled: input.cancelled,
      });
    } catch (error) {
      if (this.ctx.failed(error)) return this.recordAlone(kind, ref, key, input);
      throw new StationError(
        'failed',
        kind === 'shipment'
          ? 'The warehouse database refused the package — the log has the details.'
          : 'The warehouse database refused the cancellation — the log has the details.',
      );
    }
    if (check.ok) {
      this.current = input.orderId;
      const ids = check.packageIds;
      return {
        undo: async () => {
          await this.ctx.lines()?.forgetPackage(ids);
        },
      };
    }
    // Other stations packed all of it: the order is finished, nothing here to hold it for.
    if (check.reason === 'over' && check.nothingLeft) this.shipped(input.orderId, true);
    return check;
  }

  /** Working alone: the box is written down (it survives a restart) before it is queued. */
  private async recordAlone(
    kind: PackageKind,
    ref: string,
    key: string,
    input: RecordInput,
  ): Promise<Recorded> {
    const account = this.ctx.keepsAlone();
    if (!account) return { undo: async () => undefined };
    const pkg: OfflinePackage = {
      key,
      kind,
      account,
      orderId: input.orderId,
      trackingNumber: ref,
      lines: input.box.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    };
    await this.ctx.journal.keep({ packages: [pkg] });
    return { undo: () => this.ctx.journal.forget({ packages: [pkg] }) };
  }

  shipped(orderId: string, complete: boolean): void {
    if (!complete) return;
    if (this.current === orderId) this.current = undefined;
    this.release(orderId);
  }

  private release(orderId: string): void {
    this.ctx
      .claims()
      ?.release(orderId)
      .catch((error: unknown) => this.ctx.failed(error));
  }

  /**
   * Packages the outbox shows discarded, withdrawn or deleted stop counting against the other
   * stations; a corrected tracking number follows the package. Returns the unsubscribe.
   */
  followOutbox(outbox: FollowedOutbox): () => void {
    return followOutbox(outbox, (change) => {
      // One after another: a corrected tracking number reaches the database before a discard.
      this.changing = this.changing.then(() => this.packageChanged(change)).catch(() => undefined);
    });
  }

  private async packageChanged(change: PackageChange): Promise<void> {
    const account = this.ctx.keepsAlone();
    if (!account) return;
    const lines = this.ctx.lines();
    if (lines) {
      try {
        await lines.apply(change);
        this.ctx.log.info('warehouse: package changed', { ...change });
        return;
      } catch (error) {
        if (!this.ctx.failed(error)) return;
      }
    }
    // Alone: kept with the packages packed alone, applied when the database is back.
    await this.ctx.journal
      .keep({ changes: [{ ...change, account }] })
      .catch((error: unknown) =>
        this.ctx.log.error('warehouse: could not keep a package change for later', { error }),
      );
  }
}
