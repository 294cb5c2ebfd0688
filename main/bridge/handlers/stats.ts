import type { statsMethods } from '../../../preload/api/stats';
import type { PackingLog } from '../../station/stats/packing-log';
import type { DomainHandlers } from '../dispatch';
import { startOfLocalDay } from '../../station/packing/done-today';
import type { StationDay } from '../../station/warehouse/packed-lines';
import type { SaveTextFile } from './outbox';

export function statsHandlers(
  log: PackingLog,
  saveFile?: SaveTextFile,
  /** Warehouse mode: every station's shipments since local midnight (undefined: not connected). */
  everyStation?: (since: Date) => Promise<StationDay[] | undefined>,
): DomainHandlers<typeof statsMethods> {
  return {
    'stats.overScan': async ({ orderId }) => {
      await log.scanned(orderId, 'over-scan');
      return {};
    },
    'stats.summary': async () => {
      const summary = log.summary();
      const stations = await everyStation?.(startOfLocalDay(new Date()));
      return stations ? { ...summary, stations } : summary;
    },
    'stats.exportToday': async () => {
      const file = log.exportToday();
      // Browser mode: the page downloads `text` itself.
      if (!saveFile) return file;
      const savedTo = await saveFile(file.fileName, file.text);
      return savedTo ? { ...file, savedTo } : { ...file, cancelled: true };
    },
  };
}
