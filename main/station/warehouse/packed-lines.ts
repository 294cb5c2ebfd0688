// What every station packed or cancelled of each order line (packed_lines): checked and recorded
// under the order's claim before a package is queued, so no unit goes out twice; released when a
// package stops counting; summed per station for the Stats screen.
import type pg from 'pg';
import type { Claims, Holder, StationIdentity } from './claims';
import type { OfflineChange } from './offline';
import type { PackageChange } from './outbox-follow';

/** One station's shipments in a period, as every station reads them from the database. */
export interface StationDay {
  station: string;
  /** This station's own row. */
  self: boolean;
  orders: number;
  packages: number;
  units: number;
}

export interface BoxLine {
  lineId: string;
  quantity: number;
}

/** What a station records against an order's lines: a package, or units it cancelled. */
export type PackageKind = 'shipment' | 'cancellation';

interface ShipOptions {
  kind?: PackageKind;
  /**
   * Units of each line cancelled on FeedAMP as this station last read them; `allowed` already
   * excludes them. Cancellations recorded here beyond those (queued by any station, not yet
   * seen on FeedAMP by this one) lower the limit further.
   */
  cancelled?: ReadonlyMap<string, number>;
}

type OverCheck = {
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

export type ShipCheck =
  { ok: true; packageIds: string[] } | { ok: false; reason: 'claimed'; holder: Holder } | OverCheck;

/** A package (or cancellation) as written to packed_lines. */
interface RecordedPackage {
  key: string;
  kind?: PackageKind;
  orderId: string;
  trackingNumber: string;
  lines: readonly BoxLine[];
}

interface LineTotals {
  line_id: string;
  packed: string;
  cancelled: string;
}

const TOTALS = `
  SELECT line_id,
         coalesce(sum(quantity) FILTER (WHERE kind = 'shipment'), 0) AS packed,
         coalesce(sum(quantity) FILTER (WHERE kind = 'cancellation'), 0) AS cancelled
  FROM packed_lines
  WHERE account = $1 AND order_id = $2 GROUP BY line_id`;

const INSERT = `
  INSERT INTO packed_lines
    (account, order_id, line_id, quantity, station_id, tracking_number, package_key, kind,
     station_name, packer)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

export class PackedLines {
  constructor(
    private readonly pool: pg.Pool,
    private readonly account: string,
    private readonly me: () => StationIdentity,
    private readonly claims: Claims,
  ) {}

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
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const claim = await this.claims.claimWithin(client, orderId);
      if (!claim.ok) {
        await client.query('ROLLBACK');
        return { ok: false, reason: 'claimed', holder: claim.holder };
      }
      const { rows } = await client.query<LineTotals>(TOTALS, [this.account, orderId]);
      const over = overLine(rows, box, allowed, options.cancelled ?? new Map<string, number>());
      if (over) {
        await client.query('ROLLBACK');
        return over;
      }
      const pkg = { key: packageKey, kind: options.kind, orderId, trackingNumber, lines: box };
      const ids = await this.insert(client, pkg, ' RETURNING id');
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

  /** One row per line of the package; the ids of the rows inserted. */
  private async insert(
    db: pg.ClientBase | pg.Pool,
    p: RecordedPackage,
    tail: string,
  ): Promise<string[]> {
    const me = this.me();
    const ids: string[] = [];
    for (const line of byLine(p.lines)) {
      const inserted = await db.query<{ id: string }>(INSERT + tail, [
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
      ]);
      for (const row of inserted.rows) ids.push(row.id);
    }
    return ids;
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

  /** A package (or cancellation) stopped counting, or got another tracking number. */
  async apply(change: PackageChange | OfflineChange): Promise<void> {
    if (change.kind === 'release') await this.releasePackage(change.orderId, change.trackingNumber);
    else if (change.kind === 'release-cancellation')
      await this.releaseCancellation(change.orderId, change.ref);
    else await this.retrackPackage(change.orderId, change.from, change.to);
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
  async recordOffline(packages: readonly RecordedPackage[]): Promise<void> {
    for (const p of packages)
      await this.insert(
        this.pool,
        p,
        ' ON CONFLICT (account, package_key, line_id) WHERE package_key IS NOT NULL DO NOTHING',
      );
  }
}

/**
 * The first line of the box that would take its line past what may ship, given every station's
 * totals; undefined when the whole box fits.
 */
function overLine(
  rows: readonly LineTotals[],
  box: readonly BoxLine[],
  allowed: ReadonlyMap<string, number>,
  knownCancelled: ReadonlyMap<string, number>,
): OverCheck | undefined {
  const packed = new Map(rows.map((r) => [r.line_id, Number(r.packed)]));
  // Cancellations recorded here may be ones this station already read on FeedAMP (and
  // `allowed` excludes): only what the database has beyond those is news.
  const unknownCancelled = new Map(
    rows.map((r) => [
      r.line_id,
      Math.max(0, Number(r.cancelled) - (knownCancelled.get(r.line_id) ?? 0)),
    ]),
  );
  const limits = new Map([...allowed].map(([id, n]) => [id, n - (unknownCancelled.get(id) ?? 0)]));
  for (const line of byLine(box)) {
    const already = packed.get(line.lineId) ?? 0;
    const limit = limits.get(line.lineId) ?? 0;
    if (already + line.quantity <= limit) continue;
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
  return undefined;
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
