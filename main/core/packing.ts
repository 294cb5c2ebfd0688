// The bench: packing, pick lists and waves, printing, the packing log behind the Stats screen,
// and the support tools (diagnostics, the page's error reports).
import type { AppInfo } from '../../preload/contract';
import type { EventBus } from '../bridge/events';
import type { Logger } from '../log';
import { saveDiagnostics } from '../station/diagnostics';
import type { FeedampClient } from '../feedamp/client';
import type { OrderStore } from '../station/orders/store';
import type { OutboxService } from '../station/outbox/service';
import type { OutboxStore } from '../station/outbox/store';
import { PackService } from '../station/packing/pack-service';
import { PrintingService, type PrintOutput } from '../station/printing/service';
import { createRendererErrorLog } from '../station/renderer-errors';
import type { SettingsService } from '../station/settings';
import { PackingLog } from '../station/stats/packing-log';
import type { PackClaims } from '../station/warehouse/order-claims';
import { WaveService } from '../station/waves/service';
import { WaveStore } from '../station/waves/store';

export function supportTools(
  info: AppInfo,
  settings: SettingsService,
  outbox: OutboxService,
  log: Logger,
) {
  return {
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
}

export async function wirePacking(w: {
  dataDir: string;
  log: Logger;
  bus: EventBus;
  settings: SettingsService;
  orders: OrderStore;
  outbox: OutboxService;
  outboxStore: OutboxStore;
  claims: PackClaims;
  client: () => FeedampClient | undefined;
  printOutput?: PrintOutput;
}) {
  const { dataDir, log, settings, orders } = w;
  const waveStore = await WaveStore.open(dataDir, log);
  const printing = new PrintingService({
    orders,
    settings: () => settings.get(),
    output: w.printOutput,
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
  packingLog.followImports(w.outboxStore);
  const pack = new PackService({
    packingLog,
    claims: w.claims,
    orders,
    outbox: w.outbox,
    entries: w.outboxStore,
    settings,
    client: w.client,
    dataDir,
    log,
  });
  pack.onState((state) => w.bus.emit('pack.state', state));
  const waves = new WaveService({
    store: waveStore,
    orders,
    pack,
    aliases: () => settings.get().aliases,
    log,
  });
  return { waveStore, printing, packingLog, pack, waves };
}
