// The account a station works for: the FeedAMP session (sign-in, demo, sign-out), which the
// caches and syncs follow, and warehouse mode, which shares claims and one FeedAMP sync with the
// account's other stations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../../preload/api/settings';
import type { EventBus } from '../bridge/events';
import type { Logger } from '../log';
import { startSandbox as startSandboxDefault } from '../sandbox/index';
import { feedampOrderSource } from '../station/orders/feedamp-source';
import type { OrderStore } from '../station/orders/store';
import type { OrderSync } from '../station/orders/sync';
import type { OutboxStore } from '../station/outbox/store';
import type { OutboxWorker } from '../station/outbox/worker';
import { feedampReturnSource } from '../station/returns/feedamp-source';
import type { ReturnStore } from '../station/returns/store';
import type { ReturnSync } from '../station/returns/sync';
import { accountKey, SessionService, type SessionDeps } from '../station/session';
import type { SettingsService } from '../station/settings';
import type { Cipher, Vault } from '../station/vault';
import { WarehouseService } from '../station/warehouse/service';
import type { FeedampLink } from './feeds';

/** The signed-in account's key (claims and caches are per account); undefined when signed out. */
export function signedInAccount(session: SessionService): string | undefined {
  const status = session.status();
  return status.signedIn ? accountKey(status) : undefined;
}

/** Warehouse mode, off until Settings → Warehouse database names one. */
export function wireWarehouse(w: {
  dataDir: string;
  cipher?: Cipher;
  log: Logger;
  bus: EventBus;
  settings: SettingsService;
  account: () => string | undefined;
  outboxStore: OutboxStore;
  sync: OrderSync;
  returnSync: ReturnSync;
}) {
  const { log, settings, sync, returnSync } = w;
  const warehouse = new WarehouseService({
    dataDir: w.dataDir,
    cipher: w.cipher,
    log,
    identity: () => ({
      stationName: settings.get().stationName,
      packer: settings.get().packerName,
    }),
    account: w.account,
  });
  warehouse.onStatus((status) => w.bus.emit('warehouse.status', status));
  // A package discarded, withdrawn or deleted here stops holding its units against the others.
  warehouse.followOutbox(w.outboxStore);
  // The first sync waits for the first connection attempt, so a station joining the
  // warehouse reads the database instead of spending the account's list budget.
  const ready = warehouse
    .start()
    .catch((error: unknown) => log.error('warehouse: could not read its settings', { error }));
  warehouse.onFeed((why) => {
    if (w.account() === undefined) return;
    if (why === 'role') {
      // Another role, another source (FeedAMP or the database): a run in progress stops.
      for (const s of [sync, returnSync]) {
        s.stop();
        s.start();
      }
    } else void (why === 'orders' ? sync : returnSync).syncNow();
  });
  return { warehouse, ready };
}

interface SessionWiring {
  dataDir: string;
  vault: Vault;
  settings: SettingsService;
  log: Logger;
  bus: EventBus;
  options: Pick<SessionDeps, 'clientOptions' | 'protectionWarning'> &
    Partial<Pick<SessionDeps, 'startSandbox'>>;
  link: FeedampLink;
  worker: OutboxWorker;
  orders: OrderStore;
  sync: OrderSync;
  returns: { store: ReturnStore; sync: ReturnSync };
  /** The first sync after sign-in waits for warehouse mode's first connection attempt. */
  warehouseReady: Promise<unknown>;
  /** Whether this station syncs FeedAMP for the warehouse, and when that changes. */
  warehouse: Pick<WarehouseService, 'status' | 'onFeed'>;
}

/**
 * Sign-in, demo and sign-out all arrive here: the cache follows the account, syncs restart.
 * `switched` is the account switch in progress (dispose waits for it). `restore` signs the saved
 * account back in; call it once the session is in reach of whatever asks it for the account
 * (restoring starts the syncs, and warehouse mode asks the session which account they sync).
 */
export function wireSession(w: SessionWiring) {
  const { log, link, orders, sync, returns } = w;
  let accountSwitch = Promise.resolve();
  const session = new SessionService({
    dataDir: w.dataDir,
    vault: w.vault,
    settings: w.settings,
    log,
    startSandbox: w.options.startSandbox ?? startDemoSandbox,
    clientOptions: w.options.clientOptions,
    protectionWarning: w.options.protectionWarning,
    syncsForWarehouse: () => w.warehouse.status().leader,
    onChange: (status, client) => {
      w.bus.emit('session.changed', status);
      link.orders = client && feedampOrderSource(client);
      link.returns = client && feedampReturnSource(client);
      link.client = client;
      if (client) void w.worker.kick(true);
      accountSwitch = accountSwitch.then(async () => {
        await orders.ready;
        if (!status.signedIn) return (sync.signedOut(), returns.sync.signedOut());
        await w.warehouseReady;
        const account = accountKey(status);
        if (orders.meta.account !== account) {
          await orders.clear();
          await orders.setMeta({ account });
        }
        if (returns.store.meta.account !== account) {
          await returns.store.clear();
          await returns.store.setMeta({ account });
        }
        sync.start();
        returns.sync.start();
      });
      // A refused cache write (disk full) must not break the chain for the next account change.
      accountSwitch = accountSwitch.catch((error: unknown) =>
        log.error('could not switch the cached orders to the new account', { error }),
      );
    },
  });
  // The station that syncs for the warehouse is the only one asking for lists: it drops its turn.
  w.warehouse.onFeed((why) => {
    if (why === 'role') session.followWarehouseRole();
  });
  const restore = async () => {
    await session.restore();
    followClientSettings(w.settings, session, () => {
      void orders.ready.then(() => {
        sync.start();
        returns.sync.start();
      });
    });
  };
  return { session, switched: () => accountSwitch, restore };
}

/**
 * Basic auth, the write budget and the station's list turn live in the client: a change needs a new one (same account),
 * which restarts the syncs through the session's onChange; any other change restarts them here.
 */
function followClientSettings(
  settings: SettingsService,
  session: SessionService,
  restartSyncs: () => void,
): void {
  const shapeOf = (s: Settings) =>
    JSON.stringify([s.sendBasicAuthOnV2, s.uploadsPerSecond, s.stationsOnAccount, s.stationNumber]);
  let clientShape = shapeOf(settings.get());
  settings.onChange((s) => {
    const shape = shapeOf(s);
    if (shape !== clientShape) {
      clientShape = shape;
      session.reconnect();
    } else if (session.status().signedIn) restartSyncs();
  });
}

/** The demo keeps its state under the data dir; the sandbox writes there at once, so make room. */
const startDemoSandbox: SessionDeps['startSandbox'] = (options) => {
  if (options.dataFile) mkdirSync(dirname(options.dataFile), { recursive: true });
  return startSandboxDefault(options);
};
