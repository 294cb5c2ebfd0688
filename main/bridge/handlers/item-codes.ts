import type { itemCodesMethods } from '../../../preload/api/item-codes';
import type { ItemCodesService } from '../../station/item-codes/service';
import type { DomainHandlers } from '../dispatch';
import type { SaveTextFile } from './outbox';

export function itemCodesHandlers(
  itemCodes: ItemCodesService,
  saveFile?: SaveTextFile,
): DomainHandlers<typeof itemCodesMethods> {
  return {
    'itemCodes.list': () => ({ codes: itemCodes.list() }),
    'itemCodes.setUnits': ({ code, units }) => ({ codes: itemCodes.setUnits(code, units) }),
    'itemCodes.remove': ({ code }) => ({ codes: itemCodes.remove(code) }),
    'itemCodes.export': async () => {
      const file = itemCodes.exportFile();
      if (!saveFile || file.count === 0) return file;
      const savedTo = await saveFile(file.fileName, file.text);
      return savedTo ? { ...file, savedTo } : { ...file, cancelled: true };
    },
    'itemCodes.import': ({ text }) => itemCodes.import(text),
  };
}
