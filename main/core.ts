// The composition root shared by both entries (electron.ts and host.ts): it builds the
// services main owns from what the entry knows, and hands back the handler table and bus.
// Only the transport around it differs between the two modes.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { AppInfo } from '../preload/contract';
import type { Handlers } from './bridge/dispatch';
import { EventBus } from './bridge/events';
import { createHandlers, type Services } from './bridge/handlers/index';
import { startHeartbeat } from './bridge/heartbeat';
import { combineLoggers, createLogger, type Logger } from './log';
import { startSandbox as startSandboxDefault } from './sandbox/index';
import { feedampOrderSource } from './station/orders/feedamp-source';
import { acquireDataLock, type DataLock } from './station/data-lock';
import { ensureDataDir, tightenPermissions } from './station/data-dir';
import { saveDiagnostics } from './station/diagnostics';
import { createRendererErrorLog } from './station/renderer-errors';
import { createFileSink, logsDir } from './station/logs/file-sink';
import { OrderStore, waitForOrders } from './station/orders/store';
import { OrderSync } from './station/orders/sync';
import { OutboxService, toEntryView } from './station/outbox/service';
import { OutboxStore } from './station/outbox/store';
import { OutboxWorker } from './station/outbox/worker';
import { PackService } from './station/packing/pack-service';
import { PrintingService, type PrintOutput } from './station/printing/service';
import { WaveService } from './station/waves/service';
import { WaveStore } from './station/waves/store';
import { ReturnsService } from './station/returns/service';
import { ReturnStore } from './station/returns/store';
import { feedampReturnSource } from './station/returns/feedamp-source';
import { ReturnSync } from './station/returns/sync';
import { accountKey, SessionService, type SessionDeps } from './station/session';
import { SettingsService } from './station/settings';
import { PackingLog } from './station/stats/packing-log';
import { StorageHealth } from './station/storage/health';
import { surviveRefusedWrites } from './station/storage/unawaited';
import type { UpdatesService } from './station/updates/station-updates';
import { Vault, type Cipher } from './station/vault';
import { WarehouseService } from './station/warehouse/service';

export interface CoreOptions {
  info: AppInfo;
  log: Logger;
  heartbeatMs?: number;
  /** How the vault protects secrets: the OS keychain in Electron, file permissions otherwise. */
  cipher?: Cipher;
  protectionWarning?: string;
  startSandbox?: SessionDeps['startSandbox'];
  clientOptions?: SessionDeps['clientOptions'];
  /** Orders uploaded at the same time (default 4); the write budget still applies. */
  outboxConcurrency?: number;
  /** Wait after an unanswered upload before looking for it on FeedAMP (default 30 s). */
  outboxSettleMs?: number;
  /** Printers and PDF in Electron (main/electron/printing.ts); browser mode has none. */
  printOutput?: PrintOutput;
  /** Electron's save dialog for export files; browser mode downloads from the page instead. */
  saveFile?: Services['saveFile'];
  /** The desktop app's self-update (main/electron/updater.ts); browser mode has none. */
  updates?: UpdatesService;
}

export interface Core {
  handlers: Handlers;
  bus: EventBus;
  services: Services;
  log: Logger;
  dispose(): Promise<void>;
}

/**
 * Before any store opens: the data folder exists and is writable (or one sentence says why
 * not), and no other Packline uses it (DataFolderBusyError names the one that does).
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = options.info.dataDir;
  // Everything Packline creates from here on is readable by this OS user only. (Worker threads,
  // as in the unit tests, cannot set it; the stores pass 0600/0700 themselves anyway.)
  if (process.platform !== 'win32' && isMainThread) process.umask(0o077);
  ensureDataDir(dataDir);
  const lock = acquireDataLock(dataDir, { mode: options.info.mode, log: options.log });
  try {
    return await startCore(options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startCore(options: CoreOptions, lock: DataLock): Promise<Core> {
  const { info } = options;
  const dataDir = info.dataDir;
  const privacy = tightenPermissions(dataDir);
  // Both modes: every line also goes to <data dir>/logs/packline.log, rotated, for support.
  const logFile = createFileSink({ dir: logsDir(dataDir) });
  const log = combineLoggers(options.log, createLogger(logFile.write));
  if (privacy.tightened + privacy.failed > 0)
    log.info('data folder: made files and folders private to this user', privacy);
  if (lock.tookOver) log.warn('data folder: took over a stale lock', { previous: lock.tookOver });
  const stopSurviving = surviveRefusedWrites(log);
  const bus = new EventBus();
  const stopHeartbeat = startHeartbeat(bus, options.heartbeatMs ?? 5_000);
  // Before any store opens, so damage found while opening one reaches the header.
  const storage = new StorageHealth(dataDir, log);
  storage.onChange((status) => bus.emit('app.storage', status));

  const settings = new SettingsService(dataDir, log);
  settings.onChange((s) => bus.emit('settings.changed', s));
  const vault = new Vault(dataDir, options.cipher);
  // In the background: the window opens at once whatever the cache size; calls that need the
  // orders wait for them (waitForOrders below), the Orders screen says it is loading.
  const orders = OrderStore.load(dataDir, log);
  orders.onChange((count) => bus.emit('orders.changed', { count }));
  orders.ready.catch((error: unknown) => log.error('could not load the cached orders', { error }));

  let source: ReturnType<typeof feedampOrderSource> | undefined;
  const sync = new OrderSync({
    store: orders,
    settings: () => settings.get(),
    source: () => warehouse.orderSource(source),
    log,
    onStatus: (status) => {
      bus.emit('sync.status', status);
      // Back online: upload what waited.
      if (status.online && status.state === 'idle' && !worker.state.online) void worker.kick(true);
    },
  });

  // Every write goes through the outbox, online or not, so each happens once and in order.
  const outboxStore = await OutboxStore.open(dataDir, log);
  let currentClient: ReturnType<SessionService['currentClient']>;
  const emitCounts = () => bus.emit('outbox.counts', outbox.counts());
  const worker = new OutboxWorker({
    store: outboxStore,
    client: () => currentClient,
    log,
    concurrency: options.outboxConcurrency,
    settleMs: options.outboxSettleMs,
    onState: emitCounts,
  });
  const outbox = new OutboxService({ store: outboxStore, worker, orders, settings, log });
  outboxStore.onChange((entry) => {
    bus.emit('outbox.entry', toEntryView(entry));
    emitCounts();
    // A package or cancellation queued (or discarded) may finish an order: the Orders list
    // moves it to "Done today" (or back).
    if (entry.write.kind === 'fulfillment.create' || entry.write.kind === 'cancellation.create')
      bus.emit('orders.changed', { count: orders.size });
  });

  // The returns desk: its own cache and sync beside the orders', writes through the outbox.
  const returnStore = await ReturnStore.open(dataDir, log);
  returnStore.onChange((count) => bus.emit('returns.changed', { count }));
  let returnSource: ReturnType<typeof feedampReturnSource> | undefined;
  const returnSync = new ReturnSync({
    store: returnStore,
    settings: () => settings.get().returns,
    source: () => returnSource,
    log,
    onStatus: (status) => bus.emit('returns.status', status),
  });
  const returnsService = new ReturnsService({
    returns: returnStore,
    orders,
    outbox,
    outboxEntries: () => outboxStore.all(),
    client: () => currentClient,
    settings: () => settings.get(),
    log,
  });

  // Sign-in, demo and sign-out all arrive here: the cache follows the account, sync restarts.
  // Warehouse mode (off until Settings → Warehouse database names one): claims and one FeedAMP
  // sync shared with the account's other stations.
  const warehouse = new WarehouseService({
    dataDir,
    cipher: options.cipher,
    log,
    identity: () => ({
      stationName: settings.get().stationName,
      packer: settings.get().packerName,
    }),
    account: () => {
      const status = session.status();
      return status.signedIn ? accountKey(status) : undefined;
    },
  });
  warehouse.onStatus((status) => bus.emit('warehouse.status', status));
  // A package discarded, withdrawn or deleted here stops holding its units against the others.
  warehouse.followOutbox(outboxStore);
  // The first sync waits for the first connection attempt, so a station joining the
  // warehouse reads the database instead of spending the account's list budget.
  const warehouseReady = warehouse
    .start()
    .catch((error: unknown) => log.error('warehouse: could not read its settings', { error }));
  warehouse.onFeed((why) => {
    if (!session.status().signedIn) return;
    if (why === 'role') {
      // Another role, another source (FeedAMP or the database): a run in progress stops.
      sync.stop();
      sync.start();
    } else void sync.syncNow();
  });
  let accountSwitch = Promise.resolve();
  const session = new SessionService({
    dataDir,
    vault,
    settings,
    log,
    startSandbox: options.startSandbox ?? startDemoSandbox,
    clientOptions: options.clientOptions,
    protectionWarning: options.protectionWarning,
    onChange: (status, client) => {
      bus.emit('session.changed', status);
      source = client && feedampOrderSource(client);
      returnSource = client && feedampReturnSource(client);
      currentClient = client;
      if (client) void worker.kick(true);
      accountSwitch = accountSwitch.then(async () => {
        await orders.ready;
        if (!status.signedIn) return (sync.signedOut(), returnSync.signedOut());
        await warehouseReady;
        const account = accountKey(status);
        if (orders.meta.account !== account) {
          await orders.clear();
          await orders.setMeta({ account });
        }
        if (returnStore.meta.account !== account) {
          await returnStore.clear();
          await returnStore.setMeta({ account });
        }
        sync.start();
        returnSync.start();
      });
      // A refused cache write (disk full) must not break the chain for the next account change.
      accountSwitch = accountSwitch.catch((error: unknown) =>
        log.error('could not switch the cached orders to the new account', { error }),
      );
    },
  });
  await session.restore();
  let clientShape = JSON.stringify([
    settings.get().sendBasicAuthOnV2,
    settings.get().uploadsPerSecond,
  ]);
  settings.onChange((s) => {
    // Basic auth and the write budget live in the client: a change needs a new one (same
    // account); that restarts the syncs through the session's onChange.
    const shape = JSON.stringify([s.sendBasicAuthOnV2, s.uploadsPerSecond]);
    if (shape !== clientShape) {
      clientShape = shape;
      session.reconnect();
    } else if (session.status().signedIn) {
      void orders.ready.then(() => {
        sync.start();
        returnSync.start();
      });
    }
  });

  const support = {
    reportError: createRendererErrorLog(log),
    saveDiagnostics: () =>
      saveDiagnostics({
        info,
        readSettings: async () => settings.get(),
        outboxSummary: async () => ({
          counts: outbox.counts(),
          // Descriptions carry order numbers only: no addresses or names (see main/log.ts).
          waiting: outbox
            .list()
            .filter((e) => e.state !== 'sent' && e.state !== 'discarded')
            .map((e) => ({
              id: e.id,
              description: e.description,
              state: e.state,
              attempts: e.attempts,
              error: e.error,
            })),
        }),
      }),
  };
  const waveStore = await WaveStore.open(dataDir, log);
  const printing = new PrintingService({
    orders,
    settings: () => settings.get(),
    output: options.printOutput,
    // A printed pick list is a wave (made below, once the pack service exists).
    waves: { recordPickList: (listed) => waves.recordPickList(listed) },
  });
  // The Stats screen's numbers: what this station packed, kept across restarts.
  const packingLog = await PackingLog.open({
    dir: dataDir,
    log,
    order: (orderId) => orders.view(orderId),
    identity: () => settings.get(),
  });
  const pack = new PackService({
    packingLog,
    claims: warehouse,
    orders,
    outbox,
    entries: outboxStore,
    settings,
    client: () => currentClient,
    dataDir,
    log,
  });
  pack.onState((state) => bus.emit('pack.state', state));
  const waves = new WaveService({
    store: waveStore,
    orders,
    pack,
    aliases: () => settings.get().aliases,
    log,
  });
  const services: Services = {
    info,
    settings,
    session,
    orders,
    sync,
    support,
    printing,
    outbox,
    saveFile: options.saveFile,
    pack,
    returns: { service: returnsService, sync: returnSync },
    updates: options.updates,
    storage,
    warehouse,
    stats: packingLog,
    waves,
  };
  return {
    handlers: waitForOrders(createHandlers(services), orders),
    bus,
    services,
    log,
    async dispose() {
      stopHeartbeat();
      pack.dispose();
      await waveStore.flush();
      await warehouse.stop();
      sync.stop();
      returnSync.stop();
      await accountSwitch;
      await worker.stop();
      await session.close();
      await orders.close();
      await returnStore.close();
      await outboxStore.close();
      await packingLog.close();
      storage.dispose();
      stopSurviving();
      logFile.close();
      lock.release();
    },
  };
}

/** The demo keeps its state under the data dir; the sandbox writes there at once, so make room. */
const startDemoSandbox: SessionDeps['startSandbox'] = (options) => {
  if (options.dataFile) mkdirSync(dirname(options.dataFile), { recursive: true });
  return startSandboxDefault(options);
};
