// The handler table: one function per contract method, joined from one module per domain.
// Adapters never add behaviour of their own; they only carry calls here through dispatch().
import type { AppInfo } from '../../../preload/contract';
import type { StorageStatus } from '../../../preload/api/app';
import type { OrderStore } from '../../station/orders/store';
import type { OrderSync } from '../../station/orders/sync';
import type { OutboxService } from '../../station/outbox/service';
import type { PackService } from '../../station/packing/pack-service';
import type { PrintingService } from '../../station/printing/service';
import type { SessionService } from '../../station/session';
import type { SettingsService } from '../../station/settings';
import type { PackingLog } from '../../station/stats/packing-log';
import type { Handlers } from '../dispatch';
import { appHandlers } from './app';
import { itemCodesHandlers } from './item-codes';
import { ItemCodesService } from '../../station/item-codes/service';
import { ordersHandlers } from './orders';
import { outboxHandlers, type SaveTextFile } from './outbox';
import { packHandlers } from './pack';
import { printingHandlers } from './printing';
import { returnsHandlers, type ReturnsDesk } from './returns';
import { sessionHandlers } from './session';
import { settingsHandlers } from './settings';
import { statsHandlers } from './stats';
import { supportHandlers, type SupportService } from './support';
import { updatesHandlers } from './updates';
import { warehouseHandlers } from './warehouse';
import { wavesHandlers } from './waves';
import type { WaveService } from '../../station/waves/service';
import type { WarehouseService } from '../../station/warehouse/service';
import { unmanagedUpdates, type UpdatesService } from '../../station/updates/station-updates';

export interface Services {
  info: AppInfo;
  settings: SettingsService;
  session: SessionService;
  orders: OrderStore;
  sync: OrderSync;
  outbox: OutboxService;
  /** Electron's save dialog; browser mode has none (the page downloads instead). */
  saveFile?: SaveTextFile;
  pack: PackService;
  printing: PrintingService;
  support: SupportService;
  returns: ReturnsDesk;
  /** The desktop app's self-update; browser mode leaves it to whoever installed the host. */
  updates?: UpdatesService;
  /** The data folder's state for the header: a refused write, damage found at start. */
  storage?: { status: () => StorageStatus };
  /** Warehouse mode: the shared database of the account's stations (off unless configured). */
  warehouse: WarehouseService;
  /** The packing log behind the Stats screen (main/station/stats). */
  stats: PackingLog;
  /** Pick lists as waves, and item-first packing. */
  waves: WaveService;
}

export function createHandlers(services: Services): Handlers {
  return {
    ...appHandlers(services.info, () => services.storage?.status() ?? { notices: [] }),
    ...settingsHandlers(services.settings),
    ...sessionHandlers(services.session),
    ...ordersHandlers(services.orders, services.sync, () => services.pack.doneToday()),
    ...outboxHandlers(
      services.outbox,
      services.orders,
      (orderId) => new Map(services.pack.state(orderId)?.lines.map((l) => [l.lineId, l.left])),
      (pkg) => services.pack.queueImported(pkg),
      services.saveFile,
    ),
    ...packHandlers(services.pack, services.stats),
    ...printingHandlers(services.printing),
    ...supportHandlers(services.support),
    ...updatesHandlers(services.updates ?? unmanagedUpdates(services.info.version)),
    ...returnsHandlers(services.returns),
    ...warehouseHandlers(services.warehouse),
    ...statsHandlers(services.stats, services.saveFile, (since) =>
      services.warehouse.stationsSince(since),
    ),
    ...itemCodesHandlers(new ItemCodesService(services.settings), services.saveFile),
    ...wavesHandlers(services.waves),
  };
}
