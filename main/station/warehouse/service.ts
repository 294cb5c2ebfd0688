// Warehouse mode on one station: the connection to the shared database (or working alone when
// it is gone), claims on the orders this station opens, and the hooks the pack service calls.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  WarehouseConfig,
  WarehouseConfigInput,
  WarehouseStatus,
} from '../../../preload/api/warehouse';
import { BridgeError } from '../../../preload/contract';
import type { Logger } from '../../log';
import type { Cipher } from '../vault';
import {
  Claims,
  DEFAULT_CLAIM_TIMINGS,
  cancellationRef,
  type BoxLine,
  type ClaimTimings,
  type PackageKind,
  type ShipCheck,
  type StationDay,
  type StationIdentity,
} from './claims';
import { WarehouseConfigStore } from './config';
import {
  clientConfig,
  connectProblem,
  createPool,
  isUnavailable,
  type ConnectionSettings,
} from './db';
import { followerSource, leaderSource, ORDERS_CHANNEL } from './feed';
import { migrate } from './migrate';
import {
  OfflineFile,
  SHIP_CONTEXT,
  type OfflineChange,
  type OfflinePackage,
  type OfflineWork,
} from './offline';
import { followOutbox, type FollowedOutbox, type PackageChange } from './outbox-follow';
import type { OrderSource } from '../orders/sync';
import pgModule from 'pg';
import {
  WORKING_ALONE,
  heldSentence,
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

/** What the pack service asks before it opens an order and before it queues a package. */
export interface PackClaims {
  /** Refuses (BridgeError with the sentence) when another station packs the order. */
  open(orderId: string): Promise<void>;
  /**
   * Refuses when the claim is another station's or other stations packed the lines already;
   * otherwise records the box. `undo` forgets it when the outbox entry could not be made.
   */
  ship(input: RecordInput & { trackingNumber: string }): Promise<{ undo(): Promise<void> }>;
  /**
   * The same for a cancellation: refused when the claim is another station's or other stations
   * packed or cancelled those units; otherwise recorded, so no other station ships them.
   */
  cancel(input: RecordInput): Promise<{ undo(): Promise<void> }>;
  /**
   * After the package is queued, or after a ship refused because nothing is left: a finished
   * order's claim is released, so no other station reads "being packed" on an order that is done.
   */
  shipped(orderId: string, complete: boolean): void;
}

export interface WarehouseDeps {
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

/** How long "open the order again" counts as yes to taking a stale claim over. */
const TAKE_OVER_WINDOW_MS = 60_000;

export class WarehouseService implements PackClaims {
  private readonly store: WarehouseConfigStore;
  private readonly timings: ClaimTimings;
  private readonly now: () => Date;
  private stationId = '';
  private config: WarehouseConfig | undefined;
  private hasPassword = false;
  private pool: pg.Pool | undefined;
  private state: WarehouseStatus['state'] = 'off';
  private message: string | undefined;
  private seenAt: string | undefined;
  private leader = false;
  private readonly listeners = new Set<(status: WarehouseStatus) => void>();
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The order this station has open: claimed again when the database comes back. */
  private current: string | undefined;
  private askedTakeOver: { orderId: string; at: number } | undefined;
  /** What was done while alone (kept in the data folder): written to the database on rejoining. */
  private offline: OfflineWork = { packages: [], changes: [] };
  private readonly offlineFile: OfflineFile;
  private generation = 0;
  /** The dedicated connection holding the sync lock (leader) and listening for new orders. */
  private election: pg.Client | undefined;
  private electionTimer: ReturnType<typeof setInterval> | undefined;
  private readonly feedListeners = new Set<(why: 'role' | 'orders') => void>();

  constructor(private readonly deps: WarehouseDeps) {
    this.store = new WarehouseConfigStore(deps.dataDir, deps.cipher);
    this.offlineFile = new OfflineFile(deps.dataDir, deps.log);
    this.timings = { ...DEFAULT_CLAIM_TIMINGS, ...deps.timings };
    this.now = deps.now ?? (() => new Date());
  }

  status(): WarehouseStatus {
    return {
      state: this.state,
      config: this.config ?? {
        enabled: false,
        host: '',
        port: 5432,
        database: 'packline',
        user: 'packline',
        ssl: false,
      },
      hasPassword: this.hasPassword,
      leader: this.leader,
      message: this.message,
      seenAt: this.seenAt,
    };
  }

  onStatus(listener: (status: WarehouseStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: WarehouseStatus['state'], message?: string): void {
    if (state === 'connected') this.seenAt = this.now().toISOString();
    if (this.state === state && this.message === message) return;
    this.state = state;
    this.message = message;
    const status = this.status();
    for (const l of this.listeners) l(status);
  }

  /** The pool while connected; undefined when off or alone. */
  get db(): pg.Pool | undefined {
    return this.state === 'connected' ? this.pool : undefined;
  }

  get station(): string {
    return this.stationId;
  }

  identity(): StationIdentity {
    const { stationName, packer } = this.deps.identity();
    return { stationId: this.stationId, stationName, packer };
  }

  private claims(): Claims | undefined {
    const account = this.deps.account();
    const pool = this.db;
    if (!account || !pool) return undefined;
    return new Claims(pool, account, () => this.identity(), this.timings);
  }

  /**
   * Every station's shipments since `since`, from the database (the Stats screen); undefined when
   * warehouse mode is off or the station works alone.
   */
  async stationsSince(since: Date): Promise<StationDay[] | undefined> {
    const claims = this.claims();
    if (!claims) return undefined;
    try {
      return await claims.stationsSince(since);
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
    try {
      this.offline = await this.offlineFile.load();
    } catch (error) {
      this.deps.log.error('warehouse: could not read the packages packed alone', { error });
    }
    if (saved.config.enabled) await this.connect({ ...saved.config, password: saved.password });
  }

  private settings: ConnectionSettings | undefined;

  private async connect(settings: ConnectionSettings): Promise<void> {
    const generation = ++this.generation;
    this.settings = settings;
    this.setState('connecting');
    const pool = createPool(settings);
    this.pool = pool;
    try {
      const client = await pool.connect();
      try {
        const applied = await migrate(client);
        if (applied.length) this.deps.log.info('warehouse: schema updated', { applied });
      } finally {
        client.release();
      }
      if (generation !== this.generation) return;
      await this.joined();
    } catch (error) {
      if (generation !== this.generation) return;
      this.wentAlone(error);
    }
  }

  /** The sync should run now: this station's role changed, or the leader wrote orders. */
  onFeed(listener: (why: 'role' | 'orders') => void): () => void {
    this.feedListeners.add(listener);
    return () => this.feedListeners.delete(listener);
  }

  private feed(why: 'role' | 'orders'): void {
    for (const l of this.feedListeners) l(why);
  }

  /**
   * Where this station's order sync reads from: FeedAMP when it works alone or syncs for the
   * account (writing through to the database), else the database.
   */
  orderSource(feedamp: OrderSource | undefined): OrderSource | undefined {
    const account = this.deps.account();
    if (!feedamp || !account || !this.db) return feedamp;
    const ctx = {
      db: () => this.db,
      account,
      stationId: this.stationId,
      failed: (error: unknown) => void this.failed(error),
    };
    return this.leader ? leaderSource(feedamp, ctx) : followerSource(ctx);
  }

  private setLeader(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    this.deps.log.info(
      leader ? 'warehouse: this station now syncs FeedAMP' : 'warehouse: no longer the sync leader',
    );
    const status = this.status();
    for (const l of this.listeners) l(status);
    this.feed('role');
  }

  private startElection(): void {
    if (this.electionTimer) return;
    const tick = () => void this.elect();
    this.electionTimer = setInterval(tick, this.deps.electionMs ?? 2_000);
    this.electionTimer.unref?.();
  }

  private stopElection(): void {
    if (this.electionTimer) clearInterval(this.electionTimer);
    this.electionTimer = undefined;
    const client = this.election;
    this.election = undefined;
    void client?.end().catch(() => undefined);
    this.setLeader(false);
  }

  private electing = false;
  /** Session advisory lock on a connection of its own: it goes when the connection goes. */
  private async elect(): Promise<void> {
    const account = this.deps.account();
    if (this.electing || this.leader || !account || this.state !== 'connected' || !this.settings)
      return;
    this.electing = true;
    try {
      let client = this.election;
      if (!client) {
        client = new pgModule.Client(
          clientConfig(this.settings, { application_name: `packline-sync:${this.stationId}` }),
        );
        const mine = client;
        mine.on('error', () => undefined);
        mine.on('end', () => {
          if (this.election !== mine) return;
          this.election = undefined;
          this.setLeader(false);
        });
        mine.on('notification', (n) => {
          if (n.channel === ORDERS_CHANNEL && n.payload === this.deps.account() && !this.leader)
            this.feed('orders');
        });
        await mine.connect();
        await mine.query(`LISTEN ${ORDERS_CHANNEL}`);
        this.election = mine;
      }
      const { rows } = await client.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS got',
        [`packline-sync|${account}`],
      );
      if (rows[0]?.got && this.election === client) this.setLeader(true);
    } catch (error) {
      this.deps.log.warn('warehouse: sync election failed', { error });
    } finally {
      this.electing = false;
    }
  }

  /** Connected (again): what was done alone reaches the database, the open order is claimed. */
  private async joined(): Promise<void> {
    this.setState('connected');
    this.startHeartbeat();
    this.startElection();
    await this.elect();
    await this.replayOffline();
    const claims = this.claims();
    if (!claims) return;
    if (this.current) {
      const result = await claims.claim(this.current);
      if (!result.ok)
        this.deps.log.warn('warehouse: the open order is claimed by another station', {
          orderId: this.current,
          station: result.holder.stationName,
        });
    }
  }

  /**
   * Packages packed alone reach packed_lines, then leave the file. A crash in between replays
   * them at the next rejoin, where their keys make them count once.
   */
  private async replayOffline(): Promise<void> {
    const pool = this.db;
    const { packages, changes } = this.offline;
    if (!pool || packages.length + changes.length === 0) return;
    const claimsOf = (account: string) =>
      new Claims(pool, account, () => this.identity(), this.timings);
    for (const account of new Set(packages.map((p) => p.account)))
      await claimsOf(account).recordOffline(packages.filter((p) => p.account === account));
    // After the packages: a package packed and then discarded alone is recorded, then released.
    for (const change of changes) await applyChange(claimsOf(change.account), change);
    await this.forgetOffline({ packages, changes });
    this.deps.log.info('warehouse: what was done alone is recorded', {
      packages: packages.length,
      changes: changes.length,
    });
  }

  private async keepOffline(work: Partial<OfflineWork>): Promise<void> {
    this.offline = {
      packages: [...this.offline.packages, ...(work.packages ?? [])],
      changes: [...this.offline.changes, ...(work.changes ?? [])],
    };
    try {
      await this.offlineFile.save(this.offline, SHIP_CONTEXT);
    } catch (error) {
      // Not on disk: the package is refused, so it must not be recorded on rejoining either.
      this.offline = {
        packages: this.offline.packages.filter((p) => !work.packages?.includes(p)),
        changes: this.offline.changes.filter((c) => !work.changes?.includes(c)),
      };
      throw error;
    }
  }

  private async forgetOffline(work: Partial<OfflineWork>): Promise<void> {
    this.offline = {
      packages: this.offline.packages.filter((p) => !work.packages?.includes(p)),
      changes: this.offline.changes.filter((c) => !work.changes?.includes(c)),
    };
    await this.offlineFile.save(this.offline);
  }

  private wentAlone(error: unknown): void {
    this.deps.log.warn('warehouse: database unreachable, working alone', { error });
    this.stopHeartbeat();
    this.stopElection();
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
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
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

  // ---- the pack service's hooks ----

  async open(orderId: string): Promise<void> {
    this.current = orderId;
    const claims = this.claims();
    if (!claims) return;
    const asked = this.askedTakeOver;
    const takeOver =
      asked?.orderId === orderId && this.now().getTime() - asked.at < TAKE_OVER_WINDOW_MS;
    let result;
    try {
      result = await claims.claim(orderId, { takeOver });
    } catch (error) {
      if (this.failed(error)) return; // working alone: the packer goes on
      throw new BridgeError(
        'INTERNAL',
        'The warehouse database refused the claim — the log has the details.',
      );
    }
    if (result.ok) {
      if (takeOver) {
        this.askedTakeOver = undefined;
        this.deps.log.info('warehouse: took over a stale claim', { orderId });
      }
      return;
    }
    this.current = undefined;
    if (result.holder.stale) {
      this.askedTakeOver = { orderId, at: this.now().getTime() };
      throw new BridgeError('BAD_INPUT', staleSentence(result.holder, this.now()));
    }
    throw new BridgeError('BAD_INPUT', heldSentence(result.holder));
  }

  async ship(input: Parameters<PackClaims['ship']>[0]): Promise<{ undo(): Promise<void> }> {
    const check = await this.record('shipment', input.trackingNumber, input);
    if (check.ok) return check.recorded;
    if (check.reason === 'claimed')
      throw new BridgeError('BAD_INPUT', lostClaimSentence(check.holder));
    throw new BridgeError(
      'BAD_INPUT',
      overSentence(
        input.lineName(check.lineId),
        check.packed,
        check.allowed,
        check.cancelledElsewhere,
      ),
    );
  }

  async cancel(input: Parameters<PackClaims['cancel']>[0]): Promise<{ undo(): Promise<void> }> {
    const check = await this.record('cancellation', cancellationRef(input.box), input);
    if (check.ok) return check.recorded;
    if (check.reason === 'claimed')
      throw new BridgeError('BAD_INPUT', lostClaimCancelSentence(check.holder));
    throw new BridgeError(
      'BAD_INPUT',
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
  ): Promise<{ ok: true; recorded: { undo(): Promise<void> } } | Exclude<ShipCheck, { ok: true }>> {
    const claims = this.claims();
    const key = randomUUID();
    const account = this.deps.account();
    // Working alone: the box is written down (it survives a restart) before it is queued.
    const alone = async () => {
      if (!this.config?.enabled || !account)
        return { ok: true as const, recorded: { undo: async () => undefined } };
      const pkg: OfflinePackage = {
        key,
        kind,
        account,
        orderId: input.orderId,
        trackingNumber: ref,
        lines: input.box.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      };
      await this.keepOffline({ packages: [pkg] });
      return {
        ok: true as const,
        recorded: { undo: () => this.forgetOffline({ packages: [pkg] }) },
      };
    };
    if (!claims) return alone();
    let check;
    try {
      check = await claims.ship(input.orderId, input.box, input.allowed, ref, key, {
        kind,
        cancelled: input.cancelled,
      });
    } catch (error) {
      if (this.failed(error)) return alone();
      throw new BridgeError(
        'INTERNAL',
        kind === 'shipment'
          ? 'The warehouse database refused the package — the log has the details.'
          : 'The warehouse database refused the cancellation — the log has the details.',
      );
    }
    if (check.ok) {
      this.current = input.orderId;
      const ids = check.packageIds;
      return {
        ok: true,
        recorded: {
          undo: async () => {
            await this.claims()?.forgetPackage(ids);
          },
        },
      };
    }
    // Other stations packed all of it: the order is finished, nothing here to hold it for.
    if (check.reason === 'over' && check.nothingLeft) this.shipped(input.orderId, true);
    return check;
  }

  shipped(orderId: string, complete: boolean): void {
    if (!complete) return;
    if (this.current === orderId) this.current = undefined;
    this.claims()
      ?.release(orderId)
      .catch((error: unknown) => this.failed(error));
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

  private changing: Promise<void> = Promise.resolve();

  private async packageChanged(change: PackageChange): Promise<void> {
    const account = this.deps.account();
    if (!this.config?.enabled || !account) return;
    const claims = this.claims();
    if (claims) {
      try {
        await applyChange(claims, change);
        this.deps.log.info('warehouse: package changed', { ...change });
        return;
      } catch (error) {
        if (!this.failed(error)) return;
      }
    }
    // Alone: kept with the packages packed alone, applied when the database is back.
    await this.keepOffline({ changes: [{ ...change, account }] }).catch((error: unknown) =>
      this.deps.log.error('warehouse: could not keep a package change for later', { error }),
    );
  }

  // ---- Settings ----

  async configure(input: WarehouseConfigInput): Promise<WarehouseStatus> {
    const { password, ...config } = input;
    if (config.enabled && !config.host)
      throw new BridgeError('BAD_INPUT', 'Type the database host first (ask IT for it).');
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
  async test(input: WarehouseConfigInput): Promise<{ ok: boolean; message: string }> {
    const { password, ...config } = input;
    if (!config.host)
      return { ok: false, message: 'Type the database host first (ask IT for it).' };
    const saved = await this.store.load();
    const client = new pgModule.Client(
      clientConfig({ ...config, password: password ?? saved.password }),
    );
    client.on('error', () => undefined);
    try {
      await client.connect();
      await migrate(client);
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(DISTINCT station_id) AS n FROM claims WHERE heartbeat_at > now() - interval '5 minutes'`,
      );
      const n = Number(rows[0]?.n ?? 0);
      return {
        ok: true,
        message: `Connected to ${config.database} on ${config.host} — ${n} station${n === 1 ? '' : 's'} packing there now.`,
      };
    } catch (error) {
      this.deps.log.warn('warehouse: test connection failed', { error });
      return { ok: false, message: connectProblem(error, config) };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async disconnect(): Promise<void> {
    this.generation++;
    this.stopHeartbeat();
    this.stopElection();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const pool = this.pool;
    this.pool = undefined;
    if (pool) {
      if (this.state === 'connected') {
        const account = this.deps.account();
        if (account)
          await new Claims(pool, account, () => this.identity(), this.timings)
            .releaseAll()
            .catch(() => undefined);
      }
      await pool.end().catch(() => undefined);
    }
    this.leader = false;
  }

  /** The station stops: its claims are released so no one waits for their leases. */
  async stop(): Promise<void> {
    await this.disconnect();
    this.state = 'off';
  }
}

async function applyChange(claims: Claims, change: PackageChange | OfflineChange): Promise<void> {
  if (change.kind === 'release') await claims.releasePackage(change.orderId, change.trackingNumber);
  else if (change.kind === 'release-cancellation')
    await claims.releaseCancellation(change.orderId, change.ref);
  else await claims.retrackPackage(change.orderId, change.from, change.to);
}
