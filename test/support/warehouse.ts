// Warehouse test helpers: a fresh database on the throwaway cluster, and stations (warehouse
// services with their own data folders, and with an order sync where asked) connected to it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { FeedampClient } from '../../main/feedamp/client';
import { MemoryTokenStore } from '../../main/feedamp/token';
import { silentLogger } from '../../main/log';
import type { RunningSandbox } from '../../main/sandbox/index';
import { feedampOrderSource } from '../../main/station/orders/feedamp-source';
import { OrderStore } from '../../main/station/orders/store';
import { OrderSync, type OrderSource } from '../../main/station/orders/sync';
import { SettingsService } from '../../main/station/settings';
import type { ClaimTimings } from '../../main/station/warehouse/claims';
import { WarehouseService } from '../../main/station/warehouse/service';
import type { TestPostgres } from './postgres';

let databases = 0;

export async function createDatabase(server: TestPostgres): Promise<string> {
  const name = `wh${process.pid}_${++databases}`;
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    database: 'postgres',
  });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

function warehouseInput(server: TestPostgres, database: string) {
  return {
    enabled: true,
    host: server.host,
    port: server.port,
    database,
    user: server.user,
    ssl: false,
    password: '',
  };
}

export async function startStation(
  server: TestPostgres,
  database: string,
  options: {
    name: string;
    packer?: string;
    account?: string;
    timings?: Partial<ClaimTimings>;
    retryMs?: number;
    dataDir?: string;
  },
): Promise<WarehouseService> {
  const service = new WarehouseService({
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'warehouse-')),
    log: silentLogger,
    identity: () => ({
      stationName: options.name,
      packer: options.packer ?? `Packer of ${options.name}`,
    }),
    account: () => options.account ?? 'demo',
    timings: options.timings,
    retryMs: options.retryMs ?? 200,
  });
  await service.start();
  await service.configure(warehouseInput(server, database));
  return service;
}

export interface SyncStation {
  warehouse: WarehouseService;
  orders: OrderStore;
  sync: OrderSync;
  client: FeedampClient;
}

/** A station's own FeedAMP client on the sandbox, as on its own computer (its own token). */
export function stationClient(sandbox: Pick<RunningSandbox, 'url' | 'credentials'>): FeedampClient {
  return new FeedampClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.user,
    password: sandbox.credentials.password,
    clientId: sandbox.credentials.client,
    tokenStore: new MemoryTokenStore(),
  });
}

/**
 * A station that syncs orders in warehouse mode, as the app wires it: from FeedAMP (through
 * `wrap`, where a test steps in) while it leads, else from the database, told when to sync again.
 */
export async function startSyncStation(
  server: TestPostgres,
  database: string,
  sandbox: Pick<RunningSandbox, 'url' | 'credentials'>,
  options: { name: string; account: string; wrap?: (source: OrderSource) => OrderSource },
): Promise<SyncStation> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-station-'));
  const client = stationClient(sandbox);
  const settings = new SettingsService(dir, silentLogger);
  const orders = await OrderStore.open(dir, silentLogger);
  const feedamp = (options.wrap ?? ((source) => source))(feedampOrderSource(client));
  const holder: { warehouse?: WarehouseService } = {};
  const sync = new OrderSync({
    store: orders,
    settings: () => settings.get(),
    source: () => holder.warehouse?.orderSource(feedamp),
    log: silentLogger,
  });
  const warehouse = await startStation(server, database, options);
  holder.warehouse = warehouse;
  warehouse.onFeed((why) => {
    if (why === 'role') {
      sync.stop();
      sync.start();
    } else void sync.syncNow();
  });
  sync.start();
  return { warehouse, orders, sync, client };
}

export async function stopSyncStation(s: SyncStation): Promise<void> {
  s.sync.stop();
  await s.warehouse.stop();
  await s.orders.close();
  await s.client.close();
}

/** The station's timer that keeps it running for leader; throws when there is none. */
function electionTimer(warehouse: WarehouseService): NodeJS.Timeout {
  const timer = (warehouse as unknown as { election?: { timer?: NodeJS.Timeout } }).election?.timer;
  // Not found, clearing nothing would leave the "dead" station running for leader.
  if (!timer) throw new Error('the station is not running for leader');
  return timer;
}

/** The station freezes: its heartbeat stops, and its claims stay in the database as they were. */
export function stopHeartbeat(warehouse: WarehouseService): void {
  const connection = (warehouse as unknown as { connection?: { stopHeartbeat?: () => void } })
    .connection;
  // Not found, stopping nothing would leave the "frozen" station keeping its claims alive.
  if (!connection?.stopHeartbeat) throw new Error('the station has no heartbeat to stop');
  connection.stopHeartbeat();
}

/**
 * A station dies: its sync stops, it no longer runs for leader, and the database drops its sync
 * connection (which releases the advisory lock).
 */
export async function killStation(
  server: TestPostgres,
  database: string,
  s: { sync: { stop: () => void }; warehouse: WarehouseService },
): Promise<void> {
  s.sync.stop();
  clearInterval(electionTimer(s.warehouse));
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    database,
  });
  await admin.connect();
  await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
    [`packline-sync:${s.warehouse.station}`],
  );
  await admin.end();
}
