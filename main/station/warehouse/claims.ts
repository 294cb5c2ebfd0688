// Claims: which station packs which order. A claim is a lease kept alive by heartbeats; the
// database's clock decides freshness, so stations with wrong clocks still agree.
import type pg from 'pg';

export interface StationIdentity {
  stationId: string;
  stationName: string;
  packer: string;
}

/** One station's shipments in a period, as every station reads them from the database. */
export interface StationDay {
  station: string;
  /** This station's own row. */
  self: boolean;
  orders: number;
  packages: number;
  units: number;
}

export interface Holder {
  stationId: string;
  stationName: string;
  packer: string;
  claimedAt: Date;
  heartbeatAt: Date;
  /** No heartbeat for `staleMs`: that station probably stopped; taking over asks first. */
  stale: boolean;
}

export type ClaimResult = { ok: true } | { ok: false; holder: Holder };

export interface ClaimTimings {
  /** How often a holding station says it is still there. */
  heartbeatMs: number;
  /** Without a heartbeat this long a claim may be taken over, after asking. */
  staleMs: number;
  /** Without a heartbeat this long a claim is free. */
  leaseMs: number;
}

export const DEFAULT_CLAIM_TIMINGS: ClaimTimings = {
  heartbeatMs: 10_000,
  staleMs: 45_000,
  leaseMs: 5 * 60_000,
};

export interface BoxLine {
  lineId: string;
  quantity: number;
}

/** What a station records against an order's lines: a package, or units it cancelled. */
export type PackageKind = 'shipment' | 'cancellation';

export interface ShipOptions {
  kind?: PackageKind;
  /**
   * Units of each line cancelled on FeedAMP as this station last read them; `allowed` already
   * excludes them. Cancellations recorded here beyond those (queued by any station, not yet
   * seen on FeedAMP by this one) lower the limit further.
   */
  cancelled?: ReadonlyMap<string, number>;
}

export type ShipCheck =
  | { ok: true; packageIds: string[] }
  | { ok: false; reason: 'claimed'; holder: Holder }
  | {
      ok: false;
      reason: 'over';
      lineId: string;
      packed: number;
      allowed: number;
      /** Every line is packed in full already: nothing of the order is left for anyone. */
      nothingLeft: boolean;
      /** Other stations' cancellations, not yet known here, took part of what was allowed. */
      cancelledElsewhere: boolean;
    };

interface ClaimRow {
  station_id: string;
  station_name: string;
  packer: string;
  claimed_at: Date;
  heartbeat_at: Date;
  stale: boolean;
}

const toHolder = (r: ClaimRow): Holder => ({
  stationId: r.station_id,
  stationName: r.station_name,
  packer: r.packer,
  claimedAt: r.claimed_at,
  heartbeatAt: r.heartbeat_at,
  stale: r.stale,
});

// Takes the claim when it is free, ours, expired, or (takeOver) stale; the row lock it takes
// serialises every ship of the order behind it.
const UPSERT = `
  INSERT INTO claims AS c (account, order_id, station_id, station_name, packer)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (account, order_id) DO UPDATE SET
    station_id = EXCLUDED.station_id,
    station_name = EXCLUDED.station_name,
    packer = EXCLUDED.packer,
    claimed_at = CASE WHEN c.station_id = EXCLUDED.station_id THEN c.claimed_at ELSE now() END,
    heartbeat_at = now()
  WHERE c.station_id = EXCLUDED.station_id
     OR c.heartbeat_at < now() - make_interval(secs => $6)
  RETURNING station_id`;

const HOLDER = `
  SELECT station_id, station_name, packer, claimed_at, heartbeat_at,
         heartbeat_at < now() - make_interval(secs => $3) AS stale
  FROM claims WHERE account = $1 AND order_id = $2`;

export class Claims {
  constructor(
    private readonly pool: pg.Pool,
    private readonly account: string,
    private readonly me: () => StationIdentity,
    private readonly timings: ClaimTimings = DEFAULT_CLAIM_TIMINGS,
  ) {}

  private freeAfterSecs(takeOver: boolean): number {
    return (takeOver ? this.timings.staleMs : this.timings.leaseMs) / 1000;
  }

  private async tryClaim(
    db: pg.ClientBase | pg.Pool,
    orderId: string,
    takeOver: boolean,
  ): Promise<ClaimResult> {
    const me = this.me();
    const taken = await db.query(UPSERT, [
      this.account,
      orderId,
      me.stationId,
      me.stationName,
      me.packer,
      this.freeAfterSecs(takeOver),
    ]);
    if (taken.rowCount === 1) return { ok: true };
    const { rows } = await db.query<ClaimRow>(HOLDER, [
      this.account,
      orderId,
      this.timings.staleMs / 1000,
    ]);
    const row = rows[0];
    // Released between the two statements: try once more.
    if (!row) return this.tryClaim(db, orderId, takeOver);
    return { ok: false, holder: toHolder(row) };
  }

  /**
   * Claims an order for this station and releases whatever else it held (the packer moved on).
   * `takeOver`: the packer agreed to take a stale claim.
   */
  async claim(orderId: string, options: { takeOver?: boolean } = {}): Promise<ClaimResult> {
    const result = await this.tryClaim(this.pool, orderId, options.takeOver ?? false);
    if (result.ok)
      await this.pool.query(
        'DELETE FROM claims WHERE account = $1 AND station_id = $2 AND order_id <> $3',
        [this.account, this.me().stationId, orderId],
      );
    return result;
  }

  async holder(orderId: string): Promise<Holder | undefined> {
    const { rows } = await this.pool.query<ClaimRow>(HOLDER, [
      this.account,
      orderId,
      this.timings.staleMs / 1000,
    ]);
    return rows[0] && toHolder(rows[0]);
  }

  /** Keeps this station's claims alive; returns how many it still holds. */
  async heartbeat(): Promise<number> {
    const result = await this.pool.query(
      'UPDATE claims SET heartbeat_at = now() WHERE account = $1 AND station_id = $2',
      [this.account, this.me().stationId],
    );
    return result.rowCount ?? 0;
  }

  async release(orderId: string): Promise<void> {
    await this.pool.query(
      'DELETE FROM claims WHERE account = $1 AND order_id = $2 AND station_id = $3',
      [this.account, orderId, this.me().stationId],
    );
  }

  async releaseAll(): Promise<void> {
    await this.pool.query('DELETE FROM claims WHERE account = $1 AND station_id = $2', [
      this.account,
      this.me().stationId,
    ]);
  }

  /**
   * Before a package (or a cancellation) is queued: in one transaction, the claim is (still, or
   * again) this station's, and the lines packed by every station plus this box stay within what
   * may ship; then the box is recorded. `allowed` is ordered minus cancelled, per line.
   */
  async ship(
    orderId: string,
    box: readonly BoxLine[],
    allowed: ReadonlyMap<string, number>,
    trackingNumber: string,
    packageKey: string,
    options: ShipOptions = {},
  ): Promise<ShipCheck> {
    const kind = options.kind ?? 'shipment';
    const knownCancelled = options.cancelled ?? new Map<string, number>();
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const claim = await this.tryClaim(client, orderId, false);
      if (!claim.ok) {
        await client.query('ROLLBACK');
        return { ok: false, reason: 'claimed', holder: claim.holder };
      }
      const { rows } = await client.query<{
        line_id: string;
        packed: string;
        cancelled: string;
      }>(
        `SELECT line_id,
                coalesce(sum(quantity) FILTER (WHERE kind = 'shipment'), 0) AS packed,
                coalesce(sum(quantity) FILTER (WHERE kind = 'cancellation'), 0) AS cancelled
         FROM packed_lines
         WHERE account = $1 AND order_id = $2 GROUP BY line_id`,
        [this.account, orderId],
      );
      const packed = new Map(rows.map((r) => [r.line_id, Number(r.packed)]));
      // Cancellations recorded here may be ones this station already read on FeedAMP (and
      // `allowed` excludes): only what the database has beyond those is news.
      const unknownCancelled = new Map(
        rows.map((r) => [
          r.line_id,
          Math.max(0, Number(r.cancelled) - (knownCancelled.get(r.line_id) ?? 0)),
        ]),
      );
      const limits = new Map(
        [...allowed].map(([id, n]) => [id, n - (unknownCancelled.get(id) ?? 0)]),
      );
      for (const line of byLine(box)) {
        const already = packed.get(line.lineId) ?? 0;
        const limit = limits.get(line.lineId) ?? 0;
        if (already + line.quantity > limit) {
          await client.query('ROLLBACK');
          return {
            ok: false,
            reason: 'over',
            lineId: line.lineId,
            packed: already,
            allowed: limit,
            nothingLeft: [...limits].every(([id, n]) => (packed.get(id) ?? 0) >= n),
            cancelledElsewhere: (unknownCancelled.get(line.lineId) ?? 0) > 0,
          };
        }
      }
      const ids: string[] = [];
      const me = this.me();
      for (const line of byLine(box)) {
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO packed_lines
             (account, order_id, line_id, quantity, station_id, tracking_number, package_key, kind,
              station_name, packer)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            this.account,
            orderId,
            line.lineId,
            line.quantity,
            me.stationId,
            trackingNumber,
            packageKey,
            kind,
            me.stationName,
            me.packer || null,
          ],
        );
        ids.push(inserted.rows[0]!.id);
      }
      await client.query('COMMIT');
      return { ok: true, packageIds: ids };
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The box was recorded but its outbox entry could not be made: it was never shipped. */
  async forgetPackage(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      'DELETE FROM packed_lines WHERE account = $1 AND id = ANY($2::bigint[])',
      [this.account, ids],
    );
  }

  /** A package discarded, withdrawn or deleted: its lines stop counting, whoever packed them. */
  async releasePackage(orderId: string, trackingNumber: string): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM packed_lines
       WHERE account = $1 AND order_id = $2 AND tracking_number = $3 AND kind = 'shipment'`,
      [this.account, orderId, trackingNumber],
    );
    return result.rowCount ?? 0;
  }

  /**
   * A cancellation discarded before it went up: one recorded cancellation with these lines
   * (`ref`, see cancellationRef) stops counting — two alike, discarding one, leaves the other.
   */
  async releaseCancellation(orderId: string, ref: string): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM packed_lines WHERE account = $1 AND package_key = (
         SELECT package_key FROM packed_lines
         WHERE account = $1 AND order_id = $2 AND tracking_number = $3
           AND kind = 'cancellation' AND package_key IS NOT NULL
         ORDER BY id LIMIT 1)`,
      [this.account, orderId, ref],
    );
    return result.rowCount ?? 0;
  }

  /** The packer corrected a package's tracking number before it went up. */
  async retrackPackage(orderId: string, from: string, to: string): Promise<void> {
    await this.pool.query(
      `UPDATE packed_lines SET tracking_number = $4
       WHERE account = $1 AND order_id = $2 AND tracking_number = $3 AND kind = 'shipment'`,
      [this.account, orderId, from, to],
    );
  }

  /**
   * Every station's shipments since `since` (the Stats screen's "every station" table): orders,
   * packages and units per station, busiest first. Discarded packages are gone from here already.
   */
  async stationsSince(since: Date): Promise<StationDay[]> {
    const { rows } = await this.pool.query<{
      station_id: string;
      station_name: string | null;
      orders: number;
      packages: number;
      units: number;
    }>(
      `SELECT station_id, max(station_name) AS station_name,
              count(DISTINCT order_id)::int AS orders,
              count(DISTINCT (order_id, tracking_number))::int AS packages,
              sum(quantity)::int AS units
         FROM packed_lines
        WHERE account = $1 AND kind = 'shipment' AND packed_at >= $2
        GROUP BY station_id
        ORDER BY units DESC, station_name`,
      [this.account, since],
    );
    return rows.map((r) => ({
      station: r.station_name ?? r.station_id,
      self: r.station_id === this.me().stationId,
      orders: r.orders,
      packages: r.packages,
      units: r.units,
    }));
  }

  /**
   * Lines this station packed while working alone, recorded once it is back. Each package's key
   * makes this safe to repeat: lines already recorded are left as they are.
   */
  async recordOffline(
    packages: readonly {
      key: string;
      kind?: PackageKind;
      orderId: string;
      trackingNumber: string;
      lines: readonly BoxLine[];
    }[],
  ): Promise<void> {
    const me = this.me();
    for (const p of packages)
      for (const line of byLine(p.lines))
        await this.pool.query(
          `INSERT INTO packed_lines
             (account, order_id, line_id, quantity, station_id, tracking_number, package_key, kind,
              station_name, packer)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (account, package_key, line_id) WHERE package_key IS NOT NULL DO NOTHING`,
          [
            this.account,
            p.orderId,
            line.lineId,
            line.quantity,
            me.stationId,
            p.trackingNumber,
            p.key,
            p.kind ?? 'shipment',
            me.stationName,
            me.packer || null,
          ],
        );
  }
}

/**
 * How a cancellation is known in packed_lines (its tracking_number column): by its lines, as
 * the outbox entry of a cancellation has no other name before it goes up.
 */
export function cancellationRef(lines: readonly BoxLine[]): string {
  const parts = byLine(lines)
    .sort((a, b) => a.lineId.localeCompare(b.lineId))
    .map((l) => `${l.lineId}x${l.quantity}`);
  return `cancellation ${parts.join(' ')}`;
}

/** One row per line: a box listing a line twice is one line of the package. */
function byLine(box: readonly BoxLine[]): BoxLine[] {
  const sums = new Map<string, number>();
  for (const line of box) sums.set(line.lineId, (sums.get(line.lineId) ?? 0) + line.quantity);
  return [...sums].map(([lineId, quantity]) => ({ lineId, quantity }));
}
