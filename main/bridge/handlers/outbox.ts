import type { outboxMethods, ShipmentInput } from '../../../preload/api/outbox';
import type { OutboxService } from '../../station/outbox/service';
import { toEntryView } from '../../station/outbox/service';
import { planCsvImport } from '../../station/outbox/csv-import';
import type { OrderStore } from '../../station/orders/store';
import type { DomainHandlers } from '../dispatch';
import { StationError } from '../../station/errors';

/** Saves a text file where the person chooses (Electron); resolves with its path, or undefined if cancelled. */
export type SaveTextFile = (suggestedName: string, text: string) => Promise<string | undefined>;

/** Units left per line of an order, as the Pack screen counts them (FeedAMP + the outbox). */
export type LeftOf = (orderId: string) => Map<string, number>;

/** Queues one package of a CSV file (in warehouse mode, under every station's claims). */
export type QueueImported = (pkg: ShipmentInput) => Promise<unknown>;

export function outboxHandlers(
  outbox: OutboxService,
  orders: OrderStore,
  leftOf: LeftOf,
  queueImported: QueueImported,
  saveFile?: SaveTextFile,
): DomainHandlers<typeof outboxMethods> {
  const plan = (text: string) => planCsvImport(text, orders, leftOf);
  return {
    'outbox.status': () => outbox.counts(),
    'outbox.list': () => ({ entries: outbox.list() }),
    'outbox.uploadNow': async () => {
      await outbox.uploadNow();
      return outbox.counts();
    },
    'outbox.retry': async ({ id }) => toEntryView(await outbox.retry(id)),
    'outbox.discard': async ({ id }) => toEntryView(await outbox.discard(id)),
    'outbox.withdraw': async ({ id }) => toEntryView(await outbox.withdraw(id)),
    'outbox.keepBoth': async ({ id }) => toEntryView(await outbox.keepBoth(id)),
    'outbox.fixShipment': async ({ id, carrier, trackingNumber }) =>
      toEntryView(await outbox.fixShipment(id, carrier, trackingNumber)),
    'outbox.export': async () => {
      const file = outbox.exportFile();
      const result = { ...file, entries: file.ids.length };
      if (!saveFile || file.ids.length === 0) return result;
      const savedTo = await saveFile(file.fileName, file.text);
      if (!savedTo) return { ...result, cancelled: true };
      await outbox.handOver(file.ids);
      return { ...result, savedTo };
    },
    'outbox.handOver': async ({ ids }) => ({ handedOver: await outbox.handOver(ids) }),
    'outbox.import': ({ text }) => outbox.import(text),
    'outbox.previewCsv': ({ text }) => {
      const { rows, packages, fileError } = plan(text);
      return {
        rows,
        packages: packages.length,
        validRows: rows.filter((r) => r.errors.length === 0).length,
        fileError,
      };
    },
    'outbox.queueCsv': async ({ text }) => {
      const { rows, packages, fileError } = plan(text);
      if (fileError) throw new StationError('refused', fileError);
      // A package another station has (warehouse mode) is refused alone; the rest still go.
      const refused = [];
      for (const { orderNumber, ...pkg } of packages) {
        try {
          await queueImported(pkg);
        } catch (error) {
          if (!(error instanceof StationError) || error.code !== 'refused') throw error;
          refused.push({ orderNumber, trackingNumber: pkg.trackingNumber, reason: error.message });
        }
      }
      const rejected = rows.filter((r) => r.errors.length > 0).length;
      return {
        queued: packages.length - refused.length,
        rows: rows.length,
        rejectedRows: rejected,
        refused,
      };
    },
    'outbox.queuedForOrder': ({ orderId }) => ({
      lines: outbox.queuedUnits(orderId),
      entries: outbox.openEntriesOf(orderId).map(toEntryView),
    }),
    'fulfillments.submit': async (input) => toEntryView(await outbox.submitShipment(input)),
    'cancellations.submit': async (input) => toEntryView(await outbox.submitCancellation(input)),
    'orders.confirm': async ({ orderId, merchantOrderNumber }) =>
      toEntryView(
        await outbox.enqueue({
          kind: 'confirm',
          orderId,
          body: merchantOrderNumber ? { merchant_order_number: merchantOrderNumber } : {},
        }),
      ),
  };
}
