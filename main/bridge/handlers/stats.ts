import type { statsMethods } from '../../../preload/api/stats';
import type { PackingLog } from '../../station/stats/packing-log';
import type { DomainHandlers } from '../dispatch';
import type { SaveTextFile } from './outbox';

export function statsHandlers(
  log: PackingLog,
  saveFile?: SaveTextFile,
): DomainHandlers<typeof statsMethods> {
  return {
    'stats.overScan': async ({ orderId }) => {
      await log.scanned(orderId, 'over-scan');
      return {};
    },
    'stats.summary': () => log.summary(),
    'stats.exportToday': async () => {
      const file = log.exportToday();
      // Browser mode: the page downloads `text` itself.
      if (!saveFile) return file;
      const savedTo = await saveFile(file.fileName, file.text);
      return savedTo ? { ...file, savedTo } : { ...file, cancelled: true };
    },
  };
}
