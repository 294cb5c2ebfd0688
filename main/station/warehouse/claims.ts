// Claims: which station packs which order. A claim is a lease kept alive by heartbeats; the
// database's clock decides freshness, so stations with wrong clocks still agree.
import type pg from 'pg';

export interface StationIdentity {
  stationId: string;
  stationName: string;
  packer: string;
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
   * Inside the transaction that records a package: the claim is (still, or again) this
   * station's, and its row lock holds every other ship of the order back until the commit.
   */
  claimWithin(client: pg.ClientBase, orderId: string): Promise<ClaimResult> {
    return this.tryClaim(client, orderId, false);
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
}
