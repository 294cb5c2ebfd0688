// The station's connection to the warehouse database: the saved settings (Settings → Warehouse
// database), connecting with the schema brought up to date, working alone while the database
// cannot be reached and trying it again every few seconds, and the heartbeat that keeps this
// station's claims alive. What the station does once connected is the service's (service.ts).
import type pg from 'pg';
import type {
  WarehouseConfig,
  WarehouseConfigInput,
  WarehouseStatus,
} from '../../../preload/api/warehouse';
import { BridgeError } from '../../../preload/contract';
import type { Logger } from '../../log';
import type { Cipher } from '../vault';
import { DEFAULT_WAREHOUSE_CONFIG, WarehouseConfigStore } from './config';
import { createPool, isUnavailable, type ConnectionSettings } from './db';
import { migrate } from './migrate';
import { WORKING_ALONE } from './sentences';
import { NO_HOST, testConnection } from './test-connection';

interface ConnectionDeps {
  dataDir: string;
  cipher?: Cipher | undefined;
  log: Logger;
  now: () => Date;
  /** How often a station working alone tries the database again. */
  retryMs: number;
  heartbeatMs: number;
  /** The state or settings changed: the status Settings shows is out of date. */
  changed: () => void;
  /** Connected (again): the station's work resumes on the database. A throw means alone. */
  joined: () => Promise<void>;
  /** The database is gone or being let go: stop what uses it. */
  leaving: () => void;
  /** One heartbeat of this station's claims; undefined when there is nothing to keep alive. */
  heartbeat: () => Promise<unknown> | undefined;
  /** Before a connected station lets go of the database: no one waits for its claims. */
  release: (pool: pg.Pool) => Promise<void>;
}

export class WarehouseConnection {
  private readonly store: WarehouseConfigStore;
  private stationId = '';
  private config: WarehouseConfig | undefined;
  private hasPassword = false;
  private settings: ConnectionSettings | undefined;
  private pool: pg.Pool | undefined;
  private stateValue: WarehouseStatus['state'] = 'off';
  private message: string | undefined;
  private seenAt: string | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every connect and disconnect: an older attempt's outcome is ignored. */
  private generation = 0;

  constructor(private readonly deps: ConnectionDeps) {
    this.store = new WarehouseConfigStore(deps.dataDir, deps.cipher);
  }

  /** What Settings shows of the connection (the service adds who syncs). */
  status(): Omit<WarehouseStatus, 'leader'> {
    return {
      state: this.stateValue,
      config: this.config ?? DEFAULT_WAREHOUSE_CONFIG,
      hasPassword: this.hasPassword,
      message: this.message,
      seenAt: this.seenAt,
    };
  }

  get state(): WarehouseStatus['state'] {
    return this.stateValue;
  }

  /** The pool while connected; undefined when off or alone. */
  get db(): pg.Pool | undefined {
    return this.stateValue === 'connected' ? this.pool : undefined;
  }

  /** The settings of the connection while connected (the sync election opens its own). */
  get connectedSettings(): ConnectionSettings | undefined {
    return this.stateValue === 'connected' ? this.settings : undefined;
  }

  /** Warehouse mode is switched on in Settings (connected or not). */
  get enabled(): boolean {
    return this.config?.enabled ?? false;
  }

  get station(): string {
    return this.stationId;
  }

  private setState(state: WarehouseStatus['state'], message?: string): void {
    if (state === 'connected') this.seenAt = this.deps.now().toISOString();
    if (this.stateValue === state && this.message === message) return;
    this.stateValue = state;
    this.message = message;
    this.deps.changed();
  }

  /** At start: connect when warehouse mode is on. Never throws; a failure means working alone. */
  async start(): Promise<void> {
    const saved = await this.store.load();
    this.stationId = saved.stationId;
    this.config = saved.config;
    this.hasPassword = saved.password !== '';
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

  private async joined(): Promise<void> {
    this.setState('connected');
    this.startHeartbeat();
    await this.deps.joined();
  }

  private wentAlone(error: unknown): void {
    this.deps.log.warn('warehouse: database unreachable, working alone', { error });
    this.stopHeartbeat();
    this.deps.leaving();
    this.setState('alone', WORKING_ALONE);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retry();
    }, this.deps.retryMs);
    this.retryTimer.unref?.();
  }

  private async retry(): Promise<void> {
    const pool = this.pool;
    if (!pool || this.stateValue !== 'alone') return;
    const generation = this.generation;
    try {
      await migrateWith(pool);
      if (generation !== this.generation) return;
      this.deps.log.info('warehouse: database back, rejoining');
      await this.joined();
    } catch (error) {
      if (generation !== this.generation) return;
      // joined() may have failed after it said connected (read again: it changed meanwhile).
      if (this.state === 'connected') this.wentAlone(error);
      else this.scheduleRetry();
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      this.deps.heartbeat()?.then(
        () => this.setState('connected'),
        (error: unknown) => this.failed(error),
      );
    }, this.deps.heartbeatMs);
    this.heartbeatTimer.unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** A query failed: the database being gone means working alone; anything else is a bug. */
  failed(error: unknown): boolean {
    if (isUnavailable(error)) {
      if (this.stateValue === 'connected') this.wentAlone(error);
      return true;
    }
    this.deps.log.error('warehouse: query refused', { error });
    return false;
  }

  /** Saves the settings, then connects with them or goes back to working without a database. */
  async configure(input: WarehouseConfigInput): Promise<void> {
    const { password, ...config } = input;
    if (config.enabled && !config.host) throw new BridgeError('BAD_INPUT', NO_HOST);
    await this.store.save(config, password);
    const saved = await this.store.load();
    this.config = saved.config;
    this.hasPassword = saved.password !== '';
    await this.disconnect();
    if (config.enabled) await this.connect({ ...config, password: saved.password });
    else this.setState('off');
  }

  /** One connection with these settings (the saved password when none is typed). */
  test(input: WarehouseConfigInput): Promise<{ ok: boolean; message: string }> {
    const savedPassword = async () => (await this.store.load()).password;
    return testConnection(input, savedPassword, this.deps.log);
  }

  private async disconnect(): Promise<void> {
    this.generation++;
    this.stopHeartbeat();
    this.deps.leaving();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const pool = this.pool;
    this.pool = undefined;
    if (!pool) return;
    if (this.stateValue === 'connected') await this.deps.release(pool).catch(() => undefined);
    await pool.end().catch(() => undefined);
  }

  /** The station stops: its claims are released so no one waits for their leases. */
  async stop(): Promise<void> {
    await this.disconnect();
    this.stateValue = 'off';
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
