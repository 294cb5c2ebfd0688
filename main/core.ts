// The composition root shared by both entries (electron.ts and host.ts): it builds the
// services main owns from what the entry knows, and hands back the handler table and bus.
// Only the transport around it differs between the two modes. The pieces, one per area, are in
// main/core/; this file puts them together in the order they need each other.
import { isMainThread } from 'node:worker_threads';
import type { AppInfo } from '../preload/contract';
import type { Handlers } from './bridge/dispatch';
import type { EventBus } from './bridge/events';
import { createHandlers, type Services } from './bridge/handlers/index';
import type { SupportService } from './bridge/handlers/support';
import { signedInAccount, wireSession, wireWarehouse } from './core/account';
import { startBase, type Base } from './core/base';
import { wireOrders, wireOutbox, wireReturns, type FeedampLink } from './core/feeds';
import { supportTools, wirePacking } from './core/packing';
import type { Logger } from './log';
import { acquireDataLock, type DataLock } from './station/data-lock';
import { ensureDataDir } from './station/data-dir';
import { waitForOrders, type OrderStore } from './station/orders/store';
import type { OrderSync } from './station/orders/sync';
import type { PrintOutput } from './station/printing/service';
import type { SessionDeps, SessionService } from './station/session';
import { SettingsService } from './station/settings';
import type { UpdatesService } from './station/updates/station-updates';
import type { WarehouseService } from './station/warehouse/service';
import { Vault, type Cipher } from './station/vault';

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
  dispose: () => Promise<void>;
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
  const base = startBase(dataDir, lock, options);
  const { log, bus } = base;
  const settings = new SettingsService(dataDir, log);
  settings.onChange((s) => bus.emit('settings.changed', s));
  const vault = new Vault(dataDir, options.cipher);
  const link: FeedampLink = { client: undefined, orders: undefined, returns: undefined };
  const wiring = { dataDir, log, bus, settings, link };

  const { orders, sync } = wireOrders({
    ...wiring,
    source: () => warehouse.orderSource(link.orders),
    onStatus: (status) => {
      bus.emit('sync.status', status);
      // Back online: upload what waited.
      if (status.online && status.state === 'idle' && !outbox.worker.state.online)
        void outbox.worker.kick(true);
    },
  });
  const outbox = await wireOutbox({
    ...wiring,
    orders,
    concurrency: options.outboxConcurrency,
    settleMs: options.outboxSettleMs,
  });
  const returns = await wireReturns({
    ...wiring,
    orders,
    outbox: outbox.outbox,
    outboxStore: outbox.store,
    source: () => warehouse.returnSource(link.returns),
  });
  const { warehouse, ready: warehouseReady } = wireWarehouse({
    ...wiring,
    cipher: options.cipher,
    account: () => signedInAccount(session),
    outboxStore: outbox.store,
    sync,
    returnSync: returns.sync,
  });
  const { session, switched, restore } = wireSession({
    ...wiring,
    vault,
    options,
    worker: outbox.worker,
    orders,
    sync,
    returns,
    warehouseReady,
    warehouse,
  });
  // Only now: restoring a saved sign-in starts the first sync, whose source asks warehouse mode,
  // which asks `session` for the account.
  await restore();
  const support = supportTools(info, settings, outbox.outbox, log);
  const bench = await wirePacking({
    ...wiring,
    orders,
    outbox: outbox.outbox,
    outboxStore: outbox.store,
    claims: warehouse,
    client: () => link.client,
    printOutput: options.printOutput,
  });
  return assemble(options, lock, {
    base,
    settings,
    orders,
    sync,
    outbox,
    returns,
    warehouse,
    session,
    switched,
    support,
    bench,
  });
}

interface Parts {
  base: Base;
  settings: SettingsService;
  orders: OrderStore;
  sync: OrderSync;
  outbox: Awaited<ReturnType<typeof wireOutbox>>;
  returns: Awaited<ReturnType<typeof wireReturns>>;
  warehouse: WarehouseService;
  session: SessionService;
  /** The account switch in progress. */
  switched: () => Promise<void>;
  support: SupportService;
  bench: Awaited<ReturnType<typeof wirePacking>>;
}

/** The services the handlers serve, and how they stop: in the order each still needs the next. */
function assemble(options: CoreOptions, lock: DataLock, p: Parts): Core {
  const { base, orders, sync, outbox, returns, warehouse, session, bench } = p;
  const services: Services = {
    info: options.info,
    settings: p.settings,
    session,
    orders,
    sync,
    support: p.support,
    printing: bench.printing,
    outbox: outbox.outbox,
    saveFile: options.saveFile,
    pack: bench.pack,
    returns: { service: returns.service, sync: returns.sync },
    updates: options.updates,
    storage: base.storage,
    warehouse,
    stats: bench.packingLog,
    waves: bench.waves,
  };
  return {
    handlers: waitForOrders(createHandlers(services), orders),
    bus: base.bus,
    services,
    log: base.log,
    async dispose() {
      base.stopHeartbeat();
      bench.pack.dispose();
      await bench.waveStore.flush();
      await warehouse.stop();
      sync.stop();
      returns.sync.stop();
      await p.switched();
      await outbox.worker.stop();
      await session.close();
      await orders.close();
      await returns.store.close();
      await outbox.store.close();
      await bench.packingLog.close();
      base.close();
      lock.release();
    },
  };
}
