// Warehouse mode on one station: the connection to the shared database (or working alone when
// it is gone), who syncs for the account, and the pack service's hooks (order-claims.ts).
import type pg from 'pg';
import type {
  WarehouseConfig,
  WarehouseConfigInput,
  WarehouseStatus,
} from '../../../preload/api/warehouse';
import { BridgeError } from '../../../preload/contract';
import type { OrdersQuery, ReturnsQuery } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import type { Cipher } from '../vault';
import type { SyncedSource } from '../synced/sync';
import { Claims, DEFAULT_CLAIM_TIMINGS, type ClaimTimings, type StationIdentity } from './claims';
import { DEFAULT_WAREHOUSE_CONFIG, WarehouseConfigStore } from './config';
import { createPool, isUnavailable, type ConnectionSettings } from './db';
import { SyncElection } from './election';
import { followerSource, leaderSource } from './feed';
import { ORDER_FEED, RETURN_FEED, type FeedKind, type FeedName } from './feed-kinds';
import { migrate } from './migrate';
import { OfflineJournal } from './offline-journal';
import { OrderClaims, type PackClaims, type RecordInput } from './order-claims';
import type { FollowedOutbox } from './outbox-follow';
import { PackedLines, type StationDay } from './packed-lines';
import { WORKING_ALONE } from './sentences';
import { NO_HOST, testConnection } from './test-connection';

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
  private readonly store: WarehouseConfigStore;
  private readonly timings: ClaimTimings;
  private readonly now: () => Date;
  private stationId = '';
  private config: WarehouseConfig | undefined;
  private hasPassword = false;
  private settings: ConnectionSettings | undefined;
  private pool: pg.Pool | undefined;
  private state: WarehouseStatus['state'] = 'off';
  private message: string | undefined;
  private seenAt: string | undefined;
  private readonly listeners = new Set<(status: WarehouseStatus) => void>();
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every connect and disconnect: an older attempt's outcome is ignored. */
  private generation = 0;
  private readonly journal: OfflineJournal;
  private readonly election: SyncElection;
  private readonly orders: OrderClaims;
  private readonly feedListeners = new Set<(why: 'role' | FeedName) => void>();

  constructor(private readonly deps: WarehouseDeps) {
    this.store = new WarehouseConfigStore(deps.dataDir, deps.cipher);
    this.journal = new OfflineJournal(deps.dataDir, deps.log);
    this.timings = { ...DEFAULT_CLAIM_TIMINGS, ...deps.timings };
    this.now = deps.now ?? (() => new Date());
    this.election = new SyncElection({
      log: deps.log,
      account: deps.account,
      stationId: () => this.stationId,
      connected: () => (this.state === 'connected' ? this.settings : undefined),
      onLeader: (leader) => this.leaderChanged(leader),
      onRecords: (kind) => this.feed(kind),
      everyMs: deps.electionMs ?? 2_000,
    });
    this.orders = new OrderClaims({
      claims: () => this.claims(),
      lines: () => this.lines(),
      keepsAlone: () => (this.config?.enabled ? deps.account() : undefined),
      journal: this.journal,
      failed: (error) => this.failed(error),
      log: deps.log,
      now: this.now,
    });
  }

  status(): WarehouseStatus {
    return {
      state: this.state,
      config: this.config ?? DEFAULT_WAREHOUSE_CONFIG,
      hasPassword: this.hasPassword,
      leader: this.election.leader,
      message: this.message,
      seenAt: this.seenAt,
    };
  }

  onStatus(listener: (status: WarehouseStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emitStatus(): void {
    const status = this.status();
    for (const l of this.listeners) l(status);
  }

  private setState(state: WarehouseStatus['state'], message?: string): void {
    if (state === 'connected') this.seenAt = this.now().toISOString();
    if (this.state === state && this.message === message) return;
    this.state = state;
    this.message = message;
    this.emitStatus();
  }

  /** The pool while connected; undefined when off or alone. */
  get db(): pg.Pool | undefined {
    return this.state === 'connected' ? this.pool : undefined;
  }

  get station(): string {
    return this.stationId;
  }

  private identity(): StationIdentity {
    const { stationName, packer } = this.deps.identity();
    return { stationId: this.stationId, stationName, packer };
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
    const saved = await this.store.load();
    this.stationId = saved.stationId;
    this.config = saved.config;
    this.hasPassword = saved.password !== '';
    await this.journal.load();
    if (saved.config.enabled) await this.connect({ ...saved.config, password: saved.password });
  }

  private async connect(settings: ConnectionSettings): Promise<void> {
    const generation = ++this.generation;
    this.settings = settings;
    this.setState('connecting');
    const pool = createPool(settings);
    this.pool = pool;
    try {
      const applied = await migrateWith(pool);
      if (applied.length) this.deps.log.info('warehouse: schema updated', { applied });
      if (generation !== this.generation) return;
      await this.joined();
    } catch (error) {
      if (generation !== this.generation) return;
      this.wentAlone(error);
    }
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
      stationId: this.stationId,
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

  /** Connected (again): what was done alone reaches the database, the open order is claimed. */
  private async joined(): Promise<void> {
    this.setState('connected');
    this.startHeartbeat();
    await this.election.start();
    const pool = this.db;
    if (pool) await this.journal.replay((account) => this.linesOf(pool, account));
    await this.orders.reclaim();
  }

  private wentAlone(error: unknown): void {
    this.deps.log.warn('warehouse: database unreachable, working alone', { error });
    this.stopHeartbeat();
    this.election.stop();
    this.setState('alone', WORKING_ALONE);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retry();
    }, this.deps.retryMs ?? 5_000);
    this.retryTimer.unref?.();
  }

  private async retry(): Promise<void> {
    const pool = this.pool;
    if (!pool || this.state !== 'alone') return;
    const generation = this.generation;
    try {
      await migrateWith(pool);
      if (generation !== this.generation) return;
      this.deps.log.info('warehouse: database back, rejoining');
      await this.joined();
    } catch (error) {
      if (generation !== this.generation) return;
      // joined() may have failed after it said connected.
      if (this.status().state === 'connected') this.wentAlone(error);
      else this.scheduleRetry();
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      const claims = this.claims();
      if (!claims) return;
      claims.heartbeat().then(
        () => this.setState('connected'),
        (error: unknown) => this.failed(error),
      );
    }, this.timings.heartbeatMs);
    this.heartbeatTimer.unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** A query failed: the database being gone means working alone; anything else is a bug. */
  private failed(error: unknown): boolean {
    if (isUnavailable(error)) {
      if (this.state === 'connected') this.wentAlone(error);
      return true;
    }
    this.deps.log.error('warehouse: query refused', { error });
    return false;
  }

  // ---- the pack service's hooks (order-claims.ts) ----

  open(orderId: string): Promise<void> {
    return this.orders.open(orderId);
  }

  ship(input: RecordInput & { trackingNumber: string }): Promise<{ undo: () => Promise<void> }> {
    return this.orders.ship(input);
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
    const { password, ...config } = input;
    if (config.enabled && !config.host) throw new BridgeError('BAD_INPUT', NO_HOST);
    await this.store.save(config, password);
    const saved = await this.store.load();
    this.config = saved.config;
    this.hasPassword = saved.password !== '';
    await this.disconnect();
    if (config.enabled) await this.connect({ ...config, password: saved.password });
    else this.setState('off');
    return this.status();
  }

  /** One connection with these settings (the saved password when none is typed). */
  test(input: WarehouseConfigInput): Promise<{ ok: boolean; message: string }> {
    const savedPassword = async () => (await this.store.load()).password;
    return testConnection(input, savedPassword, this.deps.log);
  }

  private async disconnect(): Promise<void> {
    this.generation++;
    this.stopHeartbeat();
    this.election.stop();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const pool = this.pool;
    this.pool = undefined;
    if (!pool) return;
    const account = this.deps.account();
    if (this.state === 'connected' && account)
      await this.claimsOf(pool, account)
        .releaseAll()
        .catch(() => undefined);
    await pool.end().catch(() => undefined);
  }

  /** The station stops: its claims are released so no one waits for their leases. */
  async stop(): Promise<void> {
    await this.disconnect();
    this.state = 'off';
  }
}

/** The schema brought up to date on one pooled connection; the migrations applied. */
async function migrateWith(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    return await migrate(client);
  } finally {
    client.release();
  }
}
