// Warehouse mode on one station: what it does with the shared database — who syncs for the
// account and where each sync reads from (the leader's FeedAMP pages written through, or the
// database), the claims and packed lines behind the pack service's hooks (order-claims.ts), and
// every station's shipments for the Stats screen. Connecting, working alone and the saved
// settings are the connection's (connection.ts).
import type pg from 'pg';
import type { WarehouseConfigInput, WarehouseStatus } from '../../../preload/api/warehouse';
import type { OrdersQuery, ReturnsQuery } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import type { Cipher } from '../vault';
import type { SyncedSource } from '../synced/sync';
import { Claims, DEFAULT_CLAIM_TIMINGS, type ClaimTimings, type StationIdentity } from './claims';
import { WarehouseConnection } from './connection';
import { SyncElection } from './election';
import { followerSource, leaderSource } from './feed';
import { ORDER_FEED, RETURN_FEED, type FeedKind, type FeedName } from './feed-kinds';
import { OfflineJournal } from './offline-journal';
import { OrderClaims, type PackClaims, type RecordInput } from './order-claims';
import type { FollowedOutbox } from './outbox-follow';
import { PackedLines, type StationDay } from './packed-lines';

export type { PackClaims } from './order-claims';

interface WarehouseDeps {
  dataDir: string;
  cipher?: Cipher;
  log: Logger;
  /** The station and packer names from Settings. */
  identity: () => { stationName: string; packer: string };
  /** The signed-in FeedAMP account (claims are per account); undefined when signed out. */
  account: () => string | undefined;
  timings?: Partial<ClaimTimings>;
  /** How often a station working alone tries the database again. */
  retryMs?: number;
  /** How often a station that does not sync tries to become the one that does. */
  electionMs?: number;
  now?: () => Date;
}

export class WarehouseService implements PackClaims {
  private readonly timings: ClaimTimings;
  private readonly listeners = new Set<(status: WarehouseStatus) => void>();
  private readonly connection: WarehouseConnection;
  private readonly journal: OfflineJournal;
  private readonly election: SyncElection;
  private readonly orders: OrderClaims;
  private readonly feedListeners = new Set<(why: 'role' | FeedName) => void>();

  constructor(private readonly deps: WarehouseDeps) {
    this.journal = new OfflineJournal(deps.dataDir, deps.log);
    this.timings = { ...DEFAULT_CLAIM_TIMINGS, ...deps.timings };
    const now = deps.now ?? (() => new Date());
    this.connection = new WarehouseConnection({
      dataDir: deps.dataDir,
      cipher: deps.cipher,
      log: deps.log,
      now,
      retryMs: deps.retryMs ?? 5_000,
      heartbeatMs: this.timings.heartbeatMs,
      changed: () => this.emitStatus(),
      joined: () => this.joined(),
      leaving: () => this.election.stop(),
      heartbeat: () => this.claims()?.heartbeat(),
      release: async (pool) => {
        const account = deps.account();
        if (account) await this.claimsOf(pool, account).releaseAll();
      },
    });
    this.election = new SyncElection({
      log: deps.log,
      account: deps.account,
      stationId: () => this.connection.station,
      connected: () => this.connection.connectedSettings,
      onLeader: (leader) => this.leaderChanged(leader),
      onRecords: (kind) => this.feed(kind),
      everyMs: deps.electionMs ?? 2_000,
    });
    this.orders = new OrderClaims({
      claims: () => this.claims(),
      lines: () => this.lines(),
      keepsAlone: () => (this.connection.enabled ? deps.account() : undefined),
      journal: this.journal,
      failed: (error) => this.failed(error),
      log: deps.log,
      now,
    });
  }

  status(): WarehouseStatus {
    return { ...this.connection.status(), leader: this.election.leader };
  }

  onStatus(listener: (status: WarehouseStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emitStatus(): void {
    const status = this.status();
    for (const l of this.listeners) l(status);
  }

  /** The pool while connected; undefined when off or alone. */
  get db(): pg.Pool | undefined {
    return this.connection.db;
  }

  get station(): string {
    return this.connection.station;
  }

  private failed(error: unknown): boolean {
    return this.connection.failed(error);
  }

  private identity(): StationIdentity {
    const { stationName, packer } = this.deps.identity();
    return { stationId: this.station, stationName, packer };
  }

  private claimsOf(pool: pg.Pool, account: string): Claims {
    return new Claims(pool, account, () => this.identity(), this.timings);
  }

  private linesOf(pool: pg.Pool, account: string): PackedLines {
    return new PackedLines(pool, account, () => this.identity(), this.claimsOf(pool, account));
  }

  private claims(): Claims | undefined {
    const account = this.deps.account();
    const pool = this.db;
    return account && pool ? this.claimsOf(pool, account) : undefined;
  }

  private lines(): PackedLines | undefined {
    const account = this.deps.account();
    const pool = this.db;
    return account && pool ? this.linesOf(pool, account) : undefined;
  }

  /**
   * Every station's shipments since `since`, from the database (the Stats screen); undefined when
   * warehouse mode is off or the station works alone.
   */
  async stationsSince(since: Date): Promise<StationDay[] | undefined> {
    const lines = this.lines();
    if (!lines) return undefined;
    try {
      return await lines.stationsSince(since);
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  /** At start: connect when warehouse mode is on. Never throws; a failure means working alone. */
  async start(): Promise<void> {
    // Read before connecting: joining replays what was done alone.
    await this.journal.load();
    await this.connection.start();
  }

  /** Connected (again): what was done alone reaches the database, the open order is claimed. */
  private async joined(): Promise<void> {
    await this.election.start();
    const pool = this.db;
    if (pool) await this.journal.replay((account) => this.linesOf(pool, account));
    await this.orders.reclaim();
  }

  /** A sync should run now: this station's role changed, or the leader wrote orders or returns. */
  onFeed(listener: (why: 'role' | FeedName) => void): () => void {
    this.feedListeners.add(listener);
    return () => this.feedListeners.delete(listener);
  }

  private feed(why: 'role' | FeedName): void {
    for (const l of this.feedListeners) l(why);
  }

  /**
   * Where this station's order sync reads from: FeedAMP when it works alone or syncs for the
   * account (writing through to the database), else the database.
   */
  orderSource<R extends { id: string }>(feedamp: SyncedSource<OrdersQuery, R> | undefined) {
    return this.sourceOf(ORDER_FEED, feedamp);
  }

  /** Where this station's returns sync reads from, chosen as for orders. */
  returnSource<R extends { id: string }>(feedamp: SyncedSource<ReturnsQuery, R> | undefined) {
    return this.sourceOf(RETURN_FEED, feedamp);
  }

  private sourceOf<Q extends object, R extends { id: string }>(
    kind: FeedKind<Q>,
    feedamp: SyncedSource<Q, R> | undefined,
  ): SyncedSource<Q, R> | undefined {
    const account = this.deps.account();
    if (!feedamp || !account || !this.db) return feedamp;
    const ctx = {
      db: () => this.db,
      account,
      stationId: this.station,
      failed: (error: unknown) => void this.failed(error),
    };
    return this.election.leader
      ? leaderSource(kind, feedamp, ctx)
      : followerSource<Q, R>(kind, ctx);
  }

  private leaderChanged(leader: boolean): void {
    this.deps.log.info(
      leader ? 'warehouse: this station now syncs FeedAMP' : 'warehouse: no longer the sync leader',
    );
    this.emitStatus();
    this.feed('role');
  }

  // ---- the pack service's hooks (order-claims.ts) ----

  open(orderId: string): Promise<void> {
    return this.orders.open(orderId);
  }

  ship(input: RecordInput & { trackingNumber: string }): Promise<{ undo: () => Promise<void> }> {
    return this.orders.ship(input);
  }

  shipImported(
    input: RecordInput & { trackingNumber: string },
  ): Promise<{ undo: () => Promise<void> }> {
    return this.orders.shipImported(input);
  }

  cancel(input: RecordInput): Promise<{ undo: () => Promise<void> }> {
    return this.orders.cancel(input);
  }

  shipped(orderId: string, complete: boolean): void {
    this.orders.shipped(orderId, complete);
  }

  /**
   * Packages the outbox shows discarded, withdrawn or deleted stop counting against the other
   * stations; a corrected tracking number follows the package. Returns the unsubscribe.
   */
  followOutbox(outbox: FollowedOutbox): () => void {
    return this.orders.followOutbox(outbox);
  }

  // ---- Settings ----

  async configure(input: WarehouseConfigInput): Promise<WarehouseStatus> {
    await this.connection.configure(input);
    return this.status();
  }

  /** One connection with these settings (the saved password when none is typed). */
  test(input: WarehouseConfigInput): Promise<{ ok: boolean; message: string }> {
    return this.connection.test(input);
  }

  /** The station stops: its claims are released so no one waits for their leases. */
  stop(): Promise<void> {
    return this.connection.stop();
  }
}
