import type { packMethods } from '../../../preload/api/pack';
import { toEntryView } from '../../station/outbox/service';
import type { OutboxEntry } from '../../station/outbox/entries';
import type { PackService } from '../../station/packing/pack-service';
import type { PackState, ScanResult } from '../../../preload/api/pack';
import type { DomainHandlers } from '../dispatch';

const view = ({ entry, state }: { entry: OutboxEntry; state: PackState }) => ({
  entry: toEntryView(entry),
  state,
});

export function packHandlers(
  pack: PackService,
  /** The packing log: counts each scan and what main made of it (Stats screen). */
  scans?: { judged: (openOrderId: string | null, result: ScanResult) => void },
): DomainHandlers<typeof packMethods> {
  return {
    'pack.open': ({ orderId }) => pack.open(orderId),
    'pack.refresh': async ({ orderId }) => {
      await pack.refresh(orderId);
      return (await pack.open(orderId)).state;
    },
    'pack.scan': ({ code, openOrderId }) => {
      const result = pack.scan(code, openOrderId);
      scans?.judged(openOrderId, result);
      return result;
    },
    'pack.ship': async (input) => view(await pack.ship(input)),
    'pack.cancel': async (input) => view(await pack.cancel(input)),
    'pack.updateFulfillment': async (input) => view(await pack.updateFulfillment(input)),
    'pack.updateCancellation': async (input) => view(await pack.updateCancellation(input)),
    'pack.deleteRecord': async (input) => view(await pack.deleteRecord(input)),
    'pack.learnAlias': ({ code, sku, units }) => pack.learnAlias(code, sku, units),
  };
}
